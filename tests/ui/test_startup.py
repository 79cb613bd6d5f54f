"""Start-up never waits on the network; the theme sticks; NO_COLOR is honoured."""

from __future__ import annotations

import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import (
    NOW,
    AppFactory,
    World,
    chooser,
    listed,
    main,
    notifications,
    page_html,
    rss,
    screen_text,
    wait_for,
)
from tui_news.config import Config, load_config
from tui_news.ui.app import build_app


async def test_cached_stories_show_at_once_while_a_slow_refresh_runs(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    answered: list[float] = []

    def slow_feed(request: Request) -> Response:
        time.sleep(1.0)
        answered.append(time.monotonic())
        items = [("Late news", served_world.url("/late"), NOW + 10)]
        if request.path == "/tech.xml":
            items = [
                (
                    "Terminal apps learn to escape markup",
                    served_world.url("/tech/markup"),
                    NOW - 1200,
                )
            ]
        return Response(rss("Feed", items), content_type="application/rss+xml")

    httpserver.expect_request("/world.xml").respond_with_handler(slow_feed)
    httpserver.expect_request("/tech.xml").respond_with_handler(slow_feed)
    httpserver.expect_request("/broken.xml").respond_with_data("", status=500)
    app = make_app(refresh_on_start=True)
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await listed(pilot, app)
        await wait_for(pilot, lambda: screen.refresh_running)
        # The cache, not the network: listed before any feed answered. (It was "within
        # 1 s of the start", which a loaded machine's start-up alone can exceed.)
        assert not answered
        await pilot.press("j")  # the keyboard works during the refresh
        assert screen.stories.cursor == 1
        await wait_for(pilot, lambda: "Refreshing" in screen_text(app).splitlines()[0])
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        await wait_for(pilot, lambda: "Late news" in screen_text(app))
        assert screen.stories.cursor == 2  # the new story arrived above; the cursor stayed
        assert any("2 feeds refreshed · 1 new · 1 failed" in n for n in notifications(app)), (
            notifications(app)
        )


async def test_a_theme_chosen_in_the_app_is_saved(world: World) -> None:
    app = build_app(world.paths, Config(refresh_on_start=False), clock=lambda: NOW)
    async with app.run_test(size=(120, 30)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    config, problems = load_config(world.paths.config_file)
    assert config.theme == "nord" and not problems


async def test_no_color_is_honoured(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: len(main(app).stories.ids) == 7)
        assert app.no_color


async def test_a_bad_config_is_reported_not_fatal(world: World) -> None:
    app = build_app(
        world.paths,
        Config(theme="no-such-theme", refresh_on_start=False),
        problems=["config.toml: keys should be dict"],
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = notifications(app)
        assert "Config config.toml: keys should be dict" in shown
        assert any("unknown theme 'no-such-theme'" in n for n in shown)


async def test_unknown_key_names_are_reported(make_app: AppFactory, world: World) -> None:
    app = make_app(keys={"nxt_unread": "x", "toggle_star": "x"})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert any("no command called nxt_unread" in n for n in notifications(app))


async def test_a_background_failure_is_said_not_swallowed(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("the disk is on fire")

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await listed(pilot, app)
        monkeypatch.setattr("tui_news.core.storage.store.Store.story_ids", broken)
        await pilot.press("f")
        await chooser(pilot, app)
        await pilot.press(*"unread", "enter")
        await wait_for(pilot, lambda: any("the disk is on fire" in n for n in notifications(app)))
        assert app.screen is screen  # still running


async def test_the_view_chooser_says_why_it_cannot_list_the_views(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("the disk is on fire")

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await listed(pilot, app)
        monkeypatch.setattr("tui_news.core.storage.store.Store.feeds", broken)
        await pilot.press("f")
        await wait_for(pilot, lambda: "the disk is on fire" in screen_text(app))
        assert "Could not list the views" in screen_text(app)
        await pilot.press("enter", "escape")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_quitting_during_a_refresh_stops_it_promptly(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    def very_slow(request: Request) -> Response:
        time.sleep(3.0)
        return Response(rss("Feed", []), content_type="application/rss+xml")

    for path in ("/world.xml", "/tech.xml", "/broken.xml"):
        httpserver.expect_request(path).respond_with_handler(very_slow)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("R")
        await wait_for(pilot, lambda: bool(screen.refreshing.updates))
        started = time.monotonic()
        await pilot.press("q")
    assert time.monotonic() - started < 2.0


async def test_full_text_prefetch_caches_new_stories_after_a_refresh(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    from tui_news.core.storage import Store
    from tui_news.reader.service import ArticleReader

    fresh = served_world.url("/world/fresh")
    feed = rss("World", [("Fresh harbour news", fresh, NOW + 10)])
    httpserver.expect_request("/world.xml").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    httpserver.expect_request("/tech.xml").respond_with_data("", status=304)
    httpserver.expect_request("/broken.xml").respond_with_data("", status=500)
    httpserver.expect_request("/world/fresh").respond_with_data(
        page_html("Fresh harbour news"), content_type="text/html"
    )

    def cached() -> bool:
        with Store(served_world.paths.database) as store:
            article = ArticleReader(store).cached(fresh)
        return article is not None and "Paragraph 6" in article.text

    app = make_app(refresh_on_start=True, full_text_prefetch=True)
    async with app.run_test(size=(150, 30)) as pilot:
        screen = main(app)
        await wait_for(pilot, lambda: not screen.refresh_running and "Fresh" in screen_text(app))
        await wait_for(pilot, cached, timeout=20)
    # The page was fetched by the prefetch alone: nobody opened the story.
    assert any(request.path == "/world/fresh" for request, _ in httpserver.log)
