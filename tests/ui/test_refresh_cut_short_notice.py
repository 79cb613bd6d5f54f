"""The app says, as `newsterm refresh` does, that a refresh also fetched the full text of
the stories an earlier update had stored and left owed (cut short, or told to fetch
none): "… · 0 new · 3 more owed their full text (cut short earlier)", for R and for the
quiet refresh at start-up alike; and a sync, of a sync's."""

from __future__ import annotations

import asyncio

from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from tests.core.sync.fake_greader import FakeGReader
from tests.service.harbour import Harbour, StopsAfter, stopped_update, update, with_full_text
from tests.ui.conftest import AppFactory, listed, notifications, wait_for
from tui_news.config import Config
from tui_news.core.storage import Store
from tui_news.core.sync.settings import SyncSettings
from tui_news.paths import AppPaths
from tui_news.ui.app import NewstermApp

SAID = "1 feed refreshed · 0 new · 3 more owed their full text (cut short earlier)"


async def cut_short(paths: AppPaths, httpserver: HTTPServer) -> Harbour:
    """The cache holds the harbour's three stories from a refresh stopped before any
    article was fetched (the app closed mid-refresh)."""
    harbour = Harbour(httpserver)
    with Store(paths.database) as store:
        store.add_feed(harbour.feed)
    # On a thread of its own, as the app's refresh runs: it has an event loop of its own.
    await asyncio.to_thread(stopped_update, paths.database, StopsAfter(), Config())
    assert harbour.pages == []
    return harbour


def fetched(harbour: Harbour) -> bool:
    """Every page asked (the story shown in the reading pane may be asked twice)."""
    return sorted(set(harbour.pages)) == ["0", "1", "2"]


async def refresh_until_fetched(
    pilot: Pilot[str | None], app: NewstermApp, harbour: Harbour, said: str = SAID
) -> None:
    """R, its notice (`said`), and the update's full text done."""
    screen = await listed(pilot, app, 3)
    await pilot.press("R")
    await wait_for(pilot, lambda: said in notifications(app))
    await wait_for(pilot, lambda: fetched(harbour) and not screen.refresh_running, timeout=30)


async def test_r_says_it_fetched_the_text_of_a_refresh_cut_short(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    harbour = await cut_short(paths, httpserver)
    app = make_app(full_text_prefetch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await refresh_until_fetched(pilot, app, harbour)
    assert sorted(with_full_text(paths.database, harbour)) == ["0", "1", "2"]


async def test_r_after_a_refresh_told_no_full_text_does_not_call_it_cut_short(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    """`newsterm refresh --no-full-text` ran to its end and left the text on purpose."""
    harbour = Harbour(httpserver)
    with Store(paths.database) as store:
        store.add_feed(harbour.feed)
    await asyncio.to_thread(update, paths.database, Config(), full_text=False)
    assert harbour.pages == []
    app = make_app(full_text_prefetch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        left = "1 feed refreshed · 0 new · 3 more owed their full text (left by --no-full-text)"
        await refresh_until_fetched(pilot, app, harbour, left)
        assert not any("cut short" in said for said in notifications(app))


async def test_the_quiet_refresh_at_start_up_says_it_too(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    """Nobody pressed R, and the feed, checked a moment ago, is not due: the stories
    caught up are still worth a word."""
    harbour = await cut_short(paths, httpserver)
    app = make_app(full_text_prefetch=True, refresh_on_start=True)
    said = (
        "Feeds are up to date (checked recently) · 3 more owed their full text (cut short earlier)"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot, app, 3)
        await wait_for(pilot, lambda: said in notifications(app))
        await wait_for(pilot, lambda: fetched(harbour), timeout=30)


async def test_a_sync_says_it_fetched_the_text_a_sync_cut_short_left(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    harbour = Harbour(httpserver)
    server = FakeGReader().start()
    try:
        feed = server.add_feed(harbour.feed, "The Harbour Times")
        for title, link, published in harbour.items():
            server.add_item(feed, title, html="<p>teaser</p>", url=link, published=int(published))
        sync = SyncSettings("greader", server.url, server.user, server.password)
        # The sync brought the three stories; its full text stopped after the first page.
        harbour.held.clear()  # the second page is on its way when the stop comes
        try:
            await asyncio.to_thread(
                stopped_update, paths.database, StopsAfter(pages=1), Config(sync=sync)
            )
        finally:
            harbour.held.set()
        app = make_app(full_text_prefetch=True, sync=sync)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await listed(pilot, app, 3)
            await pilot.press("R")
            said = "Synced: 0 new · 3 more owed their full text (cut short earlier)"
            await wait_for(pilot, lambda: said in notifications(app))
            await wait_for(pilot, lambda: fetched(harbour) and not screen.refresh_running)
        assert sorted(with_full_text(paths.database, harbour)) == ["0", "1", "2"]
    finally:
        server.stop()
