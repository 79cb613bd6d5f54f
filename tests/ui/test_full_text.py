"""Full text by default in the app: after a refresh the new stories' articles arrive in
the background (progress in the header, a mark in the list), `/` finds words only the
articles hold before any story is opened, and they read offline. No network: one toast."""

from __future__ import annotations

import time

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import (
    NOW,
    AppFactory,
    main,
    notifications,
    page_html,
    reader_text,
    rss,
    screen_text,
    wait_for,
)
from tui_news.config import Config
from tui_news.core.refresh.outcomes import OFFLINE_MESSAGE
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.ui.story_line import CACHED_MARK

WORDS = {"/tide/1": "lighthouse", "/tide/2": "breakwater", "/tide/3": "seawall"}


def serve_site(httpserver: HTTPServer) -> str:
    items = [
        (f"Tide story {n}", httpserver.url_for(path), NOW - 60 * n)
        for n, path in enumerate(WORDS, start=1)
    ]
    httpserver.expect_request("/tide.xml").respond_with_data(
        rss("Tide Times", items), content_type="application/rss+xml"
    )
    for path, word in WORDS.items():
        html = page_html(f"The {word} story").replace("the river", f"the river and the {word}")

        def slowly(request: Request, html: str = html) -> Response:
            time.sleep(0.3)  # long enough to see the progress in the header
            return Response(html, content_type="text/html; charset=utf-8")

        httpserver.expect_request(path).respond_with_handler(slowly)
    return httpserver.url_for("/tide.xml")


async def test_refresh_fetches_articles_so_search_finds_their_words_offline(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    with Store(paths.database) as store:
        store.add_feed(serve_site(httpserver))
    app = make_app(full_text_prefetch=Config().full_text_prefetch)  # the default: on
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        headers: list[str] = []
        screen.watch(screen, "sub_title", lambda title: headers.append(title or ""), init=False)
        await pilot.press("R")
        stories = screen.stories
        await wait_for(
            pilot,
            lambda: len(stories.ids) == 3 and all(row.cached for row in stories.rows(stories.ids)),
            30,
        )
        await wait_for(pilot, lambda: "Fetching articles" not in (screen.sub_title or ""), 20)
        assert any("Fetching articles" in header for header in headers), headers
        assert (screen.sub_title or "").startswith("Updated")
        assert screen_text(app).count(CACHED_MARK) >= 3
        assert screen.reading.history.current is None  # no story was opened

        httpserver.clear()  # the site is gone: what follows is the cache's
        await pilot.press("slash", *"breakwater")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        (row,) = screen.stories.rows(screen.stories.ids)
        assert row.title == "Tide story 2"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.focused is screen.stories)  # enter left the box
        await pilot.press("enter")
        await wait_for(pilot, lambda: "breakwater" in screen.reader.body.source, 10)
        assert "feed's summary" not in reader_text(app)


async def test_with_no_network_the_app_says_so_once(make_app: AppFactory, paths: AppPaths) -> None:
    with Store(paths.database) as store:
        for n in range(4):  # nothing listens on port 9 of these addresses
            store.add_feed(f"http://127.0.0.{n + 1}:9/feed.xml", title=f"Feed {n}")
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("R")
        await wait_for(pilot, lambda: OFFLINE_MESSAGE in notifications(app), 20)
        await pilot.pause(0.3)
        shown = notifications(app)
        assert shown.count(OFFLINE_MESSAGE) == 1
        assert not any("Feed 0" in note or "connection refused" in note for note in shown)


async def test_quitting_stops_the_prefetch_after_a_second_refresh_started_during_it(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    slow = [f"/slow/{n}" for n in range(8)]
    items = [
        (f"Slow story {n}", httpserver.url_for(path), NOW - 60 * n) for n, path in enumerate(slow)
    ]
    httpserver.expect_request("/slow.xml").respond_with_data(
        rss("Slow Site", items), content_type="application/rss+xml"
    )

    started: list[str] = []  # as each request comes in (the server's log: as it ends)

    def slowly(request: Request) -> Response:
        started.append(request.path)
        time.sleep(0.5)
        return Response(page_html("A slow page"), content_type="text/html; charset=utf-8")

    for path in slow:
        httpserver.expect_request(path).respond_with_handler(slowly)

    def pages_asked() -> int:
        return len(started)

    with Store(paths.database) as store:
        feed = store.add_feed(httpserver.url_for("/slow.xml"))
        store.edit_feed(feed.id, full_text=True)
    # Only the refresh fetches articles (the highlighted story's own fetch is off: it is
    # not the update's, and quitting does not wait for it).
    app = make_app(full_text_prefetch=False)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await pilot.press("R")
        await wait_for(pilot, lambda: pages_asked() >= 1, 20)
        # R again while the first refresh's articles arrive: a refresh of its own that
        # brings nothing new and ends first.
        await pilot.press("R")
        await wait_for(pilot, lambda: len(notifications(app)) >= 2, 20)
        screen.refreshing.close()  # the app closing
        asked = pages_asked()
        await pilot.pause(2.5)
        # The first refresh's prefetch stopped: the second's end had made the app forget
        # it, and quitting waited for the last of the eight slow pages.
        assert pages_asked() <= asked + 1  # one may start as the stop is seen
