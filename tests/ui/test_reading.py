"""The reading pane: loading state, stale work cancelled, the cache, feed fallbacks."""

from __future__ import annotations

import time

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import (
    AppFactory,
    World,
    listed,
    page_html,
    reader_text,
    screen_text,
    wait_for,
)


def slow_page(title: str, delay: float) -> object:
    def handler(request: Request) -> Response:
        time.sleep(delay)
        return Response(page_html(title), content_type="text/html; charset=utf-8")

    return handler


async def test_loading_then_article_and_a_second_view_comes_from_the_cache(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/tech/phones").respond_with_handler(
        slow_page("Small phones make a quiet comeback", 0.6)  # type: ignore[arg-type]
    )
    app = make_app()
    async with app.run_test(size=(150, 34)) as pilot:
        await listed(pilot, app)
        await pilot.press(*"jjjjj", "enter")  # Small phones…
        await wait_for(pilot, lambda: "Loading the full article…" in reader_text(app))
        assert "Small phones make a quiet comeback" in reader_text(app)  # header from the feed
        await wait_for(pilot, lambda: "Paragraph 4 of the small phones" in screen_text(app))
        assert "Loading" not in reader_text(app)
        await pilot.press("k", "enter", "j", "enter")
        await wait_for(pilot, lambda: "Paragraph 4 of the small phones" in screen_text(app))
    assert [r.path for r, _ in httpserver.log].count("/tech/phones") == 1


async def test_moving_on_cancels_the_stale_load(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/tech/phones").respond_with_handler(
        slow_page("Small phones make a quiet comeback", 1.0)  # type: ignore[arg-type]
    )
    app = make_app()
    async with app.run_test(size=(150, 34)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press(*"jjjjj", "enter")  # slow
        await wait_for(pilot, lambda: "Loading" in reader_text(app))
        await pilot.press("1", "g", "j", "enter")  # Terminal apps… (served at once)
        await wait_for(pilot, lambda: "Paragraph 2 of the terminal apps" in screen_text(app))
        await pilot.pause(1.3)  # the slow page has answered by now
        assert "Terminal apps learn to escape markup" in reader_text(app)
        assert "small phones" not in (reader_text(app) + screen.reader.body.source).lower()


async def test_a_story_whose_page_fails_shows_the_feed_summary_and_why(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/tech/cranes").respond_with_data("gone", status=410)
    app = make_app()
    async with app.run_test(size=(150, 34)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "j", "j", "enter")  # Harbour cranes go electric (Tech Daily)
        await wait_for(pilot, lambda: "Showing the feed's summary" in reader_text(app))
        assert "410" in reader_text(app)
        assert "A short summary from the feed." in screen_text(app)
        await pilot.press("2", "space", "g", "G")  # scrolling keys work in the reading pane
        assert screen.focused is screen.reader


async def test_prefetch_reads_the_highlighted_story_after_a_pause(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    app = make_app(full_text_prefetch=True)
    async with app.run_test(size=(150, 34)) as pilot:
        await listed(pilot, app)
        await pilot.press("j", "j")  # passes Terminal apps… quickly, rests on Ferry strike…
        await wait_for(pilot, lambda: any(r.path == "/world/ferry" for r, _ in httpserver.log))
        assert not any(r.path == "/tech/markup" for r, _ in httpserver.log)
        assert "Nothing open yet." in reader_text(app)  # prefetch shows nothing by itself
        await pilot.pause(0.3)  # let the prefetch store its article
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Paragraph 1 of the ferry strike" in screen_text(app))
    assert [r.path for r, _ in httpserver.log].count("/world/ferry") == 1
