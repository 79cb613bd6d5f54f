"""The mark-all key under sync: the server marks the stories the user had, nothing else.

coldsweat (a real Fever server) compared a mark-all's `before` with publish dates, so a
story published before the key press but fetched by the server after it was marked read
there and, at the next sync, here too, unseen.
"""

from __future__ import annotations

import time

from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.conftest import coldsweat  # noqa: F401 (the fixture)
from tests.ui.conftest import AppFactory, listed, notifications, screen_text, wait_for
from tui_news.ui.screens.confirm import ConfirmScreen


async def test_a_story_the_server_fetched_after_mark_all_stays_unread_there_and_here(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
) -> None:
    now = time.time()
    seen = [(f"s-{i}", f"seen {i}", now - 600 - 60 * i) for i in range(3)]
    account = coldsweat.account({"press": seen})
    app = make_app(refresh_on_start=True, sync=account.settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 3)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "0 unread · 3" in screen_text(app))
        # Published an hour before the key press; the server fetches it only now.
        account.write_feed("press", [("late", "unseen story", now - 3600), *seen])
        account.fetch(expect=4)

        def synced() -> list[str]:
            return [n for n in notifications(app) if n.startswith("Synced")]

        first = synced()
        await pilot.press("R")
        await wait_for(pilot, lambda: len(synced()) > len(first), timeout=20)
        await listed(pilot, app, 4)
        await wait_for(pilot, lambda: "1 unread · 4" in screen_text(app))
    there = {title: int(item["is_read"]) for title, item in account.items().items()}
    assert there == {"seen 0": 1, "seen 1": 1, "seen 2": 1, "unseen story": 0}
