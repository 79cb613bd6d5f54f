"""The add dialog, given an address without a scheme on a server without https,
subscribes over http (as `newsterm add` does) and says so."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from tests.core.subscriptions.test_discover import RSS, RSS_TYPE
from tests.ui.conftest import AppFactory, World, add_feed_dialog, main, notifications, wait_for
from tui_news.core.storage import Store
from tui_news.paths import AppPaths


async def test_add_without_a_scheme_falls_back_on_http_and_says_so(
    make_app: AppFactory, world: World, paths: AppPaths, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    typed = httpserver.url_for("/rss").removeprefix("http://")
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await add_feed_dialog(pilot)
        await pilot.press(*typed, "enter")
        await wait_for(pilot, lambda: screen.view.name == "Local News", 20)
        host = typed.split("/", 1)[0]
        said = f"Subscribed to Local News · 1 story · no https at {host}; subscribed over http"
        assert said in notifications(app)
    with Store(paths.database) as store:
        assert httpserver.url_for("/rss") in {feed.url for feed in store.feeds()}
