"""A story read on another machine while unread here: the server wins at the next sync,
the list shows it read, and the app says how many stories the server changed (as
`newsterm sync` does), so a story turning read under the cursor is no mystery."""

from __future__ import annotations

import sqlite3
import time

from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.conftest import coldsweat  # noqa: F401 (the fixture)
from tests.ui.conftest import AppFactory, listed, notifications, reader_text, wait_for


async def test_a_story_read_on_the_server_is_read_here_and_the_app_says_so(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
) -> None:
    now = time.time()
    account = coldsweat.account(
        {"elsewhere": [(f"e-{i}", f"far {i}", now - 60 * i) for i in range(3)]}
    )
    sync = account.settings
    app = make_app(refresh_on_start=True, sync=sync)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 3)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        ids = {title: int(item["id"]) for title, item in account.items().items()}
        # The phone reads two of them; the laptop has them unread still.
        for title in ("far 1", "far 2"):
            account.api(mark="item", **{"as": "read"}, id=str(ids[title]))

        def synced() -> list[str]:
            return [n for n in notifications(app) if n.startswith("Synced")]

        first = synced()
        assert not any("changed on the server" in n for n in first)
        await pilot.press("R")
        await wait_for(pilot, lambda: len(synced()) > len(first), timeout=20)
        assert "2 stories changed on the server" in synced()[-1]
        store = screen.backend.store
        rows = screen.stories.rows(screen.stories.ids)
        read = {store.story(row.id).title: row.read for row in rows}  # type: ignore[union-attr]
        assert read == {"far 0": False, "far 1": True, "far 2": True}


async def test_feeds_added_and_removed_on_the_server_are_said(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
) -> None:
    now = time.time()
    account = coldsweat.account(
        {"stays": [("s-1", "stays 1", now - 60)], "goes": [("g-1", "goes 1", now - 120)]}
    )
    sync = account.settings
    app = make_app(refresh_on_start=True, sync=sync)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 2)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        await pilot.press("m")  # one change to send

        def synced() -> list[str]:
            return [n for n in notifications(app) if n.startswith("Synced")]

        first = synced()
        # Unsubscribed on the server's own pages.
        with sqlite3.connect(coldsweat.workdir / "coldsweat.db") as db:
            db.execute(
                "DELETE FROM subscriptions WHERE feed_id = "
                "(SELECT id FROM feeds WHERE self_link = ?)",
                (account.feed_url("goes"),),
            )
        db.close()
        await pilot.press("R")
        await wait_for(pilot, lambda: len(synced()) > len(first), timeout=20)
        said = synced()[-1]
        assert "1 change sent" in said and "1 feed removed on the server" in said
        await listed(pilot, app, 1)


async def test_a_story_of_a_feed_removed_on_the_server_leaves_the_reading_pane(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
) -> None:
    """Being read when the sync removed its feed: the pane no longer shows a story the
    cache has lost (m, s and back would act on nothing), as when the feed is deleted here."""
    now = time.time()
    account = coldsweat.account(
        {"kept": [("k-1", "kept 1", now - 120)], "gone": [("x-1", "gone 1", now - 60)]}
    )
    sync = account.settings
    app = make_app(refresh_on_start=True, sync=sync, focus_reader_on_open=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 2)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        await pilot.press("j", "enter")  # kept 1
        await wait_for(pilot, lambda: "kept 1" in reader_text(app))
        await pilot.press("k", "enter")  # gone 1, the newest
        await wait_for(pilot, lambda: "gone 1" in reader_text(app))
        with sqlite3.connect(coldsweat.workdir / "coldsweat.db") as db:
            db.execute(
                "DELETE FROM subscriptions WHERE feed_id = "
                "(SELECT id FROM feeds WHERE self_link = ?)",
                (account.feed_url("gone"),),
            )
        db.close()
        await pilot.press("R")
        await listed(pilot, app, 1)
        await wait_for(pilot, lambda: "kept 1" in reader_text(app))  # back to the one before
        assert not screen.reading.history.can_go_back
