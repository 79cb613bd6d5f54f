"""With `[sync]` set, deleting a feed in the app (d, y) unsubscribes on the server, as
`newsterm remove` does, and a new address in the edit dialog (e) moves it there, as
`newsterm edit --url` does; under Fever, which cannot, the app refuses and says where to go."""

from __future__ import annotations

import time
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot
from textual.widgets import Input

from tests.core.sync.coldsweat import serve_feeds
from tests.core.sync.fake_greader import FakeGReader
from tests.ui.conftest import AppFactory, chooser, listed, notifications, screen_text, wait_for
from tui_news.core.storage import Store
from tui_news.core.storage.sync import ServerFeed
from tui_news.core.sync.settings import SyncSettings
from tui_news.paths import AppPaths
from tui_news.ui.app import NewstermApp
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.screens.edit_feed import EditFeedScreen
from tui_news.ui.screens.main import MainScreen


@pytest.fixture
def going_and_staying(fake_greader: FakeGReader) -> FakeGReader:
    """The server has Going Feed and Staying Feed, two stories each."""
    gone = fake_greader.add_feed("http://127.0.0.1:1/gone.xml", "Going Feed")
    kept = fake_greader.add_feed("http://127.0.0.1:1/kept.xml", "Staying Feed")
    for n in range(2):
        fake_greader.add_item(gone, f"going story {n}")
        fake_greader.add_item(kept, f"staying story {n}")
    return fake_greader


def synced_with(make_app: AppFactory, server: FakeGReader) -> NewstermApp:
    """The app set to sync with `server`, which it does as it starts."""
    sync = SyncSettings("greader", server.url, server.user, server.password)
    return make_app(refresh_on_start=True, sync=sync)


async def first_sync(pilot: Pilot[Any], app: NewstermApp, stories: int) -> MainScreen:
    """The main screen once the start-up sync has listed `stories` stories and ended."""
    screen = await listed(pilot, app, stories)
    await wait_for(pilot, lambda: not screen.refresh_running)
    return screen


async def choose_feed(pilot: Pilot[Any], screen: MainScreen, typed: str, name: str) -> None:
    """f, part of the feed's name, enter: the list shows that feed."""
    await pilot.press("f")
    await chooser(pilot, pilot.app)
    await pilot.press(*typed, "enter")
    await wait_for(pilot, lambda: screen.view.name == name)


async def delete_feed(pilot: Pilot[Any]) -> None:
    """d, and y when asked to confirm."""
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    await pilot.press("y")


async def test_deleting_a_feed_unsubscribes_on_the_server_and_it_stays_gone(
    make_app: AppFactory, paths: AppPaths, going_and_staying: FakeGReader
) -> None:
    server = going_and_staying
    app = synced_with(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_sync(pilot, app, 4)
        await choose_feed(pilot, screen, "going", "Going Feed")
        await delete_feed(pilot)
        await wait_for(pilot, lambda: "Unsubscribed from Going Feed." in notifications(app))
        assert [feed.title for feed in server.feeds.values()] == ["Staying Feed"]
        await pilot.press("R")  # the next sync must not bring it back
        await wait_for(pilot, lambda: "Synced" in str(screen.sub_title))
        await listed(pilot, app, 2)
        assert "going story" not in screen_text(app)
    with Store(paths.database) as store:
        assert [feed.title for feed in store.feeds()] == ["Staying Feed"]


async def test_under_fever_deleting_a_feed_is_refused_and_says_where_to(
    make_app: AppFactory, paths: AppPaths
) -> None:
    # Fever's API has no call to unsubscribe: the client refuses before asking the server.
    with Store(paths.database) as store:
        store.apply_server_feeds(
            [ServerFeed("7", "http://127.0.0.1:9/fever-feed.xml", "Fever Feed", "", ())]
        )
    sync = SyncSettings("fever", "http://127.0.0.1:9/fever/", "me", "password-123")
    app = make_app(sync=sync)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 0)
        await choose_feed(pilot, screen, "fever feed", "Fever Feed")
        await delete_feed(pilot)
        await wait_for(pilot, lambda: any("Fever cannot" in n for n in notifications(app)))
        [refusal] = [n for n in notifications(app) if "Fever cannot" in n]
        assert "http://127.0.0.1:9/" in refusal and "newsterm sync" in refusal
        assert not any("Unsubscribed" in n for n in notifications(app))
        assert screen.view.name == "Fever Feed"
    with Store(paths.database) as store:
        assert [feed.title for feed in store.feeds()] == ["Fever Feed"]


async def test_a_new_address_in_the_edit_dialog_moves_the_feed_on_the_server(
    make_app: AppFactory, httpserver: HTTPServer, fake_greader: FakeGReader
) -> None:
    base = serve_feeds(httpserver, "old", "new", title="{} Feed")
    fake_greader.fetch(f"{base}/old.xml")
    app = synced_with(make_app, fake_greader)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await first_sync(pilot, app, 1)
        await choose_feed(pilot, screen, "old feed", "Old Feed")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EditFeedScreen))
        app.screen.query_one("#edit-url", Input).value = f"{base}/new.xml"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, timeout=20)
        assert [feed.url for feed in fake_greader.feeds.values()] == [f"{base}/new.xml"]
        # The view follows the feed to its new address (a new feed here).
        await wait_for(pilot, lambda: "new story" in screen_text(app))
        assert screen.view.feed_id is not None
        assert "old story" not in screen_text(app)


async def test_a_slow_server_does_not_hold_up_the_keys_while_it_unsubscribes(
    make_app: AppFactory, going_and_staying: FakeGReader
) -> None:
    server = going_and_staying
    app = synced_with(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_sync(pilot, app, 4)
        await choose_feed(pilot, screen, "going", "Going Feed")
        server.slow["subscription/edit"] = 4.0
        await delete_feed(pilot)
        await wait_for(pilot, lambda: any("on the server…" in n for n in notifications(app)))
        # While the server thinks: another view, and a story marked read.
        started = time.monotonic()
        await pilot.press("f")
        await chooser(pilot, app)
        await pilot.press(*"staying", "enter")
        await wait_for(pilot, lambda: "staying story 1" in screen_text(app), timeout=3)
        await pilot.press("m")
        await wait_for(pilot, lambda: "1 unread · 2" in screen_text(app), timeout=3)
        assert time.monotonic() - started < 3.0
        assert not any("Unsubscribed from" in n for n in notifications(app))
        await wait_for(
            pilot, lambda: "Unsubscribed from Going Feed." in notifications(app), timeout=10
        )
    assert [feed.title for feed in server.feeds.values()] == ["Staying Feed"]
