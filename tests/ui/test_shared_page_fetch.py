"""Opening a story whose page the refresh's full-text step is fetching: the pane says it
is loading, the list still moves, and the site is asked for the page once."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from tests.hostile.server import LocalServer
from tests.ui.conftest import NOW, AppFactory, main, page_html, reader_text, rss, wait_for
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.reader import shared_reads

PATHS = ("/coast/1", "/coast/2")


async def test_the_pane_waits_for_the_full_text_steps_fetch_instead_of_asking_again(
    make_app: AppFactory, paths: AppPaths
) -> None:
    release = threading.Event()
    html = page_html("The puffin story").replace("the river", "the river and the puffins")

    async def held(request: web.Request) -> web.Response:
        while not release.is_set():  # the page arrives once the pane has asked for it too
            await asyncio.sleep(0.01)
        return web.Response(text=html, content_type="text/html")

    with LocalServer() as server:
        items = [
            (f"Coast story {n}", server.url(path), NOW - 60 * n)
            for n, path in enumerate(PATHS, start=1)
        ]
        server.feeds["/coast.xml"] = rss("Coast News", items).encode()
        server.routes.update(dict.fromkeys(PATHS, held))
        with Store(paths.database) as store:
            store.add_feed(server.url("/coast.xml"))
        app = make_app(full_text_prefetch=True)
        try:
            async with app.run_test(size=(160, 30)) as pilot:
                screen = main(app)
                await pilot.press("R")
                await wait_for(pilot, lambda: len(screen.stories.ids) == 2, 20)
                await wait_for(pilot, lambda: server.hits.get(PATHS[0]) == 1, 20)
                await pilot.press("enter")  # the newest story: the page being fetched
                await wait_for(pilot, lambda: "Loading the full article" in reader_text(app), 20)
                key = (str(paths.database), server.url(PATHS[0]))
                # The pane joins the fetch under way (without sharing: a GET of its own).
                await wait_for(
                    pilot,
                    lambda: shared_reads.waiting(key) == 2 or server.hits[PATHS[0]] > 1,
                    20,
                )
                await pilot.press("j", "k")  # the list still answers meanwhile
                release.set()
                await wait_for(pilot, lambda: "puffin" in reader_text(app), 20)
                # The full-text step goes on to the other page; leaving before it asks
                # would read as a page never asked for.
                await wait_for(pilot, lambda: server.hits.get(PATHS[1]) == 1, 20)
        finally:
            release.set()
        hits = {path: server.hits.get(path) for path in PATHS}
    assert hits == {PATHS[0]: 1, PATHS[1]: 1}
