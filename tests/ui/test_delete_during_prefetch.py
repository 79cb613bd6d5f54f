"""Deleting a feed while its articles are being fetched (just added, `a`, then `d y`)
stops asking its site for them: the header's "Fetching articles" goes at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import (
    NOW,
    AppFactory,
    World,
    add_feed_dialog,
    main,
    page_html,
    rss,
    wait_for,
)
from tui_news.config import Config
from tui_news.ui.screens.confirm import ConfirmScreen

PAGES = 6
# The pages the fetch asks for answer only once the test is done (or after this long):
# however loaded the machine, they are still being read when the feed goes, and only the
# app giving them up ends the fetch.
PAGE_HOLD = 15.0


@pytest.fixture
def slow_site() -> Iterator[tuple[HTTPServer, threading.Event]]:
    server = HTTPServer(host="127.0.0.1", threaded=True)  # the pages are read at once
    done = threading.Event()
    server.start()
    try:
        yield server, done
    finally:
        done.set()
        server.clear()
        server.stop()


async def test_deleting_a_feed_stops_its_prefetch(
    make_app: AppFactory, world: World, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    server, done = slow_site
    items = [(f"Slow story {n}", server.url_for(f"/slow/{n}"), NOW - 60 * n) for n in range(PAGES)]
    server.expect_request("/slow.xml").respond_with_data(
        rss("Slow Site", items), content_type="application/rss+xml"
    )
    asked: list[str] = []

    def slowly(request: Request) -> Response:
        asked.append(request.path)
        if len(asked) > 1:  # the first is the highlighted story's, which the fetch waits for
            done.wait(PAGE_HOLD)
        return Response(page_html("A slow page"), content_type="text/html; charset=utf-8")

    for n in range(PAGES):
        server.expect_request(f"/slow/{n}").respond_with_handler(slowly)

    app = make_app(full_text_prefetch=True)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await add_feed_dialog(pilot)
        await pilot.press(*server.url_for("/slow.xml"), "enter")
        await wait_for(pilot, lambda: screen.view.name == "Slow Site", 20)
        header = lambda: screen.sub_title or ""  # noqa: E731
        await wait_for(pilot, lambda: "Fetching articles" in header() and len(asked) > 1, 20)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        # Well before the pages would answer: the pages being read are given up.
        await wait_for(pilot, lambda: "Fetching articles" not in header(), PAGE_HOLD / 3)
        asked_then = len(asked)
        await pilot.pause(2.5)
        # No page asked once the feed is gone (the cursor's warming of its page included),
        # and never more at once than the per-site limit.
        assert len(asked) == asked_then <= 1 + Config().per_host_concurrency < PAGES
        done.set()  # the pages answer now, so nothing is left waiting for them at the exit
