"""Hostile input in the app: links that carry passwords, impossible dates, feed text in
notifications and dialogs, and terminals far too small or far too wide."""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot
from werkzeug import Request, Response

from tests.ui.conftest import (
    NOW,
    AppFactory,
    Entry,
    FeedSpec,
    World,
    article,
    cache_article,
    chooser,
    fill_store,
    listed,
    main,
    notifications,
    reader_text,
    rss,
    screen_text,
    sidebar_titles,
    wait_for,
)
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.reader.article import Link, RelatedLink

SECRET = "hunter2"


@pytest.fixture
def credential_world(paths: AppPaths) -> World:
    """A story whose link carries a user name and password (nothing listens on port 9)."""
    world = World(paths, f"http://reader:{SECRET}@127.0.0.1:9")
    spec = FeedSpec("Leaky", "http://127.0.0.1:9/leaky.xml", [Entry("Leaky link", 5, "/s/1")])
    with Store(paths.database) as store:
        fill_store(store, world.base_url, [spec], world)
    return world


async def test_o_and_y_never_pass_on_a_password_in_a_link(
    make_app: AppFactory, credential_world: World, opened_urls: list[str]
) -> None:
    app = make_app(browser="true %s &")
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.clipboard == "http://127.0.0.1:9/s/1")
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(opened_urls))
        assert opened_urls == ["http://127.0.0.1:9/s/1"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: "http://127.0.0.1:9/s/1" in reader_text(app), 20)
        assert SECRET not in screen_text(app)
        assert not any(SECRET in shown for shown in notifications(app))


async def test_sidebar_links_without_a_title_hide_their_password(
    make_app: AppFactory, world: World
) -> None:
    url = world.url("/world/cranes")
    with Store(world.paths.database) as store:
        cache_article(
            store,
            url,
            article(
                url,
                "Harbour cranes return to the old port",
                related=(RelatedLink("More", "", f"http://u:{SECRET}@127.0.0.1:9/r"),),
                links=(Link("", f"http://u:{SECRET}@127.0.0.1:9/l"),),
            ),
        )
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await listed(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "http://127.0.0.1:9/l" in sidebar_titles(app))
        assert "http://127.0.0.1:9/r" in sidebar_titles(app)
        assert SECRET not in screen_text(app)


def _reader_shows(app: object, title: str) -> bool:
    from tui_news.ui.app import NewstermApp

    return isinstance(app, NewstermApp) and reader_text(app).startswith(title)


async def test_stories_dated_year_1_or_9999_list_and_open(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    """Python's datetime cannot hold these in local time; a feed can still send them."""
    base = httpserver.url_for("").rstrip("/")
    items = "".join(
        f"<item><title>{title}</title><link>{base}/{n}</link><pubDate>{date}</pubDate></item>"
        for n, (title, date) in enumerate(
            [
                ("From year one", "Mon, 01 Jan 0001 00:00:00 GMT"),
                ("From year 9999", "Fri, 31 Dec 9999 23:59:59 GMT"),
            ]
        )
    )
    httpserver.expect_request("/f.xml").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Odd dates</title>{items}'
        "</channel></rss>",
        content_type="application/rss+xml",
    )
    with Store(paths.database) as store:
        store.add_feed(f"{base}/f.xml")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main(app)
        await pilot.press("R")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        # Both placed when first seen, so in the feed's order.
        for title in ("From year one", "From year 9999"):
            assert title in screen_text(app)
            await pilot.press("enter")
            await wait_for(pilot, partial(_reader_shows, app, title), 20)
            await pilot.press("1", "j")


NASTY_FEED = (
    "Evil \x1b]0;owned\x07\x1b]52;c;aGk=\x07\u202eRLO\u202c [@click=app.quit]Quit[/] "
    "[link=javascript:alert(1)]J[/link]"
)
SHOWN_FEED = "Evil RLO [@click=app.quit]Quit[/] [link=javascript:alert(1)]J[/link]"
BAD_CHARS = ("\x1b", "\x07", "\u202e", "\u202c")


def assert_inert(app: object) -> str:
    """The screen holds no control character, and no feed text became a live link."""
    from tui_news.ui.app import NewstermApp

    assert isinstance(app, NewstermApp)
    text = screen_text(app)
    assert not any(char in text for char in BAD_CHARS)
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            assert style is None or not (style.link or "@click" in (style.meta or {}))
    return text


async def test_hostile_feed_names_stay_inert_in_notices_and_dialogs(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/evil.xml").respond_with_data("gone", status=500)
    with Store(paths.database) as store:
        store.add_feed(f"{base}/evil.xml", title=NASTY_FEED)
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        screen = main(app)
        await pilot.press("R")
        await wait_for(pilot, lambda: any("failed" in n for n in notifications(app)), 20)
        assert f"{SHOWN_FEED}: HTTP 500 Internal Server Error" in notifications(app)[-1]
        assert "failed" in str(screen.sub_title)
        assert_inert(app)
        await pilot.press("f")
        await chooser(pilot, app)
        shown = assert_inert(app)  # the name wraps in the dialog
        assert "Evil RLO [@click=app.quit]Quit[/]" in shown
        assert "[link=javascript:alert(1)]J[/link]" in shown
        await pilot.press("down", "down", "down", "enter")
        await wait_for(pilot, lambda: screen.view.name == SHOWN_FEED)
        await pilot.press("d")
        await wait_for(pilot, lambda: "Unsubscribe from" in screen_text(app))
        assert "Unsubscribe from “Evil RLO [@click" in assert_inert(app)
        await pilot.press("y")
        await wait_for(pilot, lambda: f"Unsubscribed from {SHOWN_FEED}." in notifications(app))
        assert app.is_running


SIZES = [(20, 6), (1, 1), (300, 80), (2, 2)]


async def shake(pilot: Pilot[Any]) -> None:
    for size in SIZES:
        await pilot.resize_terminal(*size)
        await pilot.pause()


async def test_tiny_and_huge_terminals_during_a_refresh_and_dialogs(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    base = httpserver.url_for("").rstrip("/")

    shaken = threading.Event()

    def slow_feed(request: Request) -> Response:
        shaken.wait(10)  # the refresh runs until the terminal has been shaken
        body = rss("Slow", [(f"Story {n}", f"{base}/s/{n}", NOW - n * 60) for n in range(30)])
        return Response(body, content_type="application/rss+xml")

    httpserver.expect_request("/slow.xml").respond_with_handler(slow_feed)
    with Store(paths.database) as store:
        store.add_feed(f"{base}/slow.xml")
    app = make_app()
    async with app.run_test(size=(1, 1)) as pilot:
        screen = main(app)
        await pilot.press("R")
        await pilot.press("f")
        await shake(pilot)
        assert screen.refresh_running
        shaken.set()
        await wait_for(pilot, lambda: not screen.refresh_running, 20)
        await pilot.press("escape")
        for key, size in (("question_mark", (20, 6)), ("a", (1, 1)), ("d", (30, 8))):
            await pilot.press(key)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("escape")
        await pilot.press("enter")
        await shake(pilot)
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: reader_text(app).startswith("Story 0"), 20)
        assert "Story 1 " in screen_text(app)  # the list lays out again
        assert not any("wrong" in shown for shown in notifications(app))


@pytest.mark.parametrize("base", ["javascript:alert(1)//", "file:///etc"])
async def test_o_and_y_refuse_a_stored_link_that_is_not_web(
    make_app: AppFactory, paths: AppPaths, base: str, opened_urls: list[str]
) -> None:
    """Refresh drops such links, but a cache written by an older or other tool may hold one."""
    world = World(paths, base)
    spec = FeedSpec("Odd", "http://127.0.0.1:9/odd.xml", [Entry("Odd link", 5, "/passwd")])
    with Store(paths.database) as store:
        fill_store(store, base, [spec], world)
    app = make_app(browser="true %s &")
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        await pilot.press("y", "o")
        await wait_for(pilot, lambda: "There is no web link to open here." in notifications(app))
        assert "There is no web link to copy here." in notifications(app)
        assert app.clipboard == "" and opened_urls == []
