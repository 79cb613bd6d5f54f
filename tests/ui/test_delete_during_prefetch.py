"""Deleting a feed while its articles are being fetched (just added, `a`, then `d y`)
stops asking its site for them: the header's "Fetching articles" goes at once."""

from __future__ import annotations

import time

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
from tui_news.ui.screens.confirm import ConfirmScreen

PAGES = 6


async def test_deleting_a_feed_stops_its_prefetch(
    make_app: AppFactory, world: World, httpserver: HTTPServer
) -> None:
    items = [
        (f"Slow story {n}", httpserver.url_for(f"/slow/{n}"), NOW - 60 * n) for n in range(PAGES)
    ]
    httpserver.expect_request("/slow.xml").respond_with_data(
        rss("Slow Site", items), content_type="application/rss+xml"
    )
    asked: list[str] = []

    def slowly(request: Request) -> Response:
        asked.append(request.path)
        time.sleep(1.0)
        return Response(page_html("A slow page"), content_type="text/html; charset=utf-8")

    for n in range(PAGES):
        httpserver.expect_request(f"/slow/{n}").respond_with_handler(slowly)

    app = make_app(full_text_prefetch=True)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await add_feed_dialog(pilot)
        await pilot.press(*httpserver.url_for("/slow.xml"), "enter")
        await wait_for(pilot, lambda: screen.view.name == "Slow Site", 20)
        header = lambda: screen.sub_title or ""  # noqa: E731
        await wait_for(pilot, lambda: "Fetching articles" in header() and bool(asked), 20)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        # Not the 5 s the other pages would take: the page being read is given up too.
        await wait_for(pilot, lambda: "Fetching articles" not in header(), 2.5)
        asked_then = len(asked)
        await pilot.pause(2.5)
        # No page asked once the feed is gone (the cursor's warming of its page included),
        # and none past the first two.
        assert len(asked) == asked_then <= 2
