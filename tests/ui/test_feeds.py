"""Background refresh from a local server, failures, adding and deleting feeds."""

from __future__ import annotations

from typing import Any

from pytest_httpserver import HTTPServer

from tests.ui.conftest import (
    NOW,
    AppFactory,
    World,
    add_feed_dialog,
    listed,
    notifications,
    reader_text,
    screen_text,
    serve_gull_news,
    serve_refreshed_feeds,
    wait_for,
)
from tui_news.core.storage import Store
from tui_news.service import Newsterm
from tui_news.ui.messages import RefreshFinished, RefreshProgress
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.confirm import ConfirmScreen


def serve_feeds(httpserver: HTTPServer, world: World) -> None:
    world_items = [
        ("Lighthouse keeper retires after 40 years", world.url("/world/lighthouse"), NOW + 60),
        ("Harbour cranes return to the old port", world.url("/world/cranes"), NOW - 300),
        ("Ferry strike ends after talks", world.url("/world/ferry"), NOW - 3000),
    ]
    serve_refreshed_feeds(httpserver, world, world_items)


async def test_background_refresh_merges_new_stories_without_moving_the_cursor(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    serve_feeds(httpserver, served_world)
    messages: list[object] = []
    app = make_app()
    async with app.run_test(size=(150, 30), message_hook=messages.append) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "j")
        ferry = served_world.stories["Ferry strike ends after talks"]
        assert screen.stories.highlighted_id == ferry
        await pilot.press("R")
        await wait_for(pilot, lambda: any(isinstance(m, RefreshFinished) for m in messages))
        await wait_for(pilot, lambda: len(screen.stories.ids) == 9)
        progress = [m for m in messages if isinstance(m, RefreshProgress)]
        assert [p.outcome.position for p in progress] == [1, 2, 3]
        assert screen.stories.highlighted_id == ferry
        text = screen_text(app)
        assert "Lighthouse keeper retires" in text and "Tiny new laptop" in text
        assert "8 unread · 9" in text
        assert "2 feeds refreshed · 2 new · 1 failed" in notifications(app)[-1]
        assert "Broken Feed: HTTP 404" in notifications(app)[-1]
        assert "Updated 22:13 · 1 failed" in text


async def test_r_refreshes_only_the_current_feed(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    serve_feeds(httpserver, served_world)
    app = make_app()
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("r")  # the highlighted story is World Wire's
        await wait_for(pilot, lambda: any("1 feed refreshed" in n for n in notifications(app)))
        assert "1 feed refreshed · 1 new" in notifications(app)[-1]
        # The header still counts the feed this refresh did not try, until it is gone.
        header = lambda: screen_text(app).splitlines()[0]  # noqa: E731
        await wait_for(pilot, lambda: "Updated 22:13 · 1 failed" in header())
        await pilot.press("f", *"broken", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Broken Feed")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "failed" not in header() and "Updated 22:13" in header())
    assert [r.path for r, _ in httpserver.log] == ["/world.xml"]


async def test_add_feed_discovers_the_feed_behind_a_page(
    make_app: AppFactory, world: World, httpserver: HTTPServer
) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Gulls</title>"
        '<link rel="alternate" type="application/rss+xml" href="/gulls.xml"></head>'
        "<body><p>The gull society.</p></body></html>"
    )
    httpserver.expect_request("/gulls").respond_with_data(page, content_type="text/html")
    serve_gull_news(httpserver)
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await add_feed_dialog(pilot)
        await pilot.press(*"127.0.0.1:1")  # nothing listens there: a calm error, dialog stays
        await pilot.press("enter")
        await wait_for(pilot, lambda: "could not fetch" in screen_text(app))
        assert isinstance(app.screen, AddFeedScreen)
        dialog_input = app.screen.query_one("#feed-url")
        dialog_input.value = httpserver.url_for("/gulls")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.view.name == "Gull News")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        assert "Subscribed to Gull News · 1 story" in notifications(app)
        assert "Gull numbers up" in screen_text(app)


async def test_add_feed_refuses_a_feed_subscribed_under_other_credentials(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    serve_feeds(httpserver, served_world)
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await listed(pilot, app)
        await add_feed_dialog(pilot)
        # World Wire, typed with a user name and password: the same feed, not a second one.
        address = served_world.url("/world.xml").replace("http://", "http://bob:pa55@")
        app.screen.query_one("#feed-url").value = address  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: "already subscribed to that feed" in screen_text(app))
        assert isinstance(app.screen, AddFeedScreen)
    with Store(served_world.paths.database) as store:
        assert sorted(feed.title for feed in store.feeds()) == [
            "Broken Feed",
            "Tech Daily",
            "World Wire",
        ]


async def test_delete_feed_asks_then_removes_it(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "enter")  # Terminal apps… (Tech Daily), opened
        await wait_for(pilot, lambda: "Terminal apps" in reader_text(app))
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = "Unsubscribe from “Tech Daily” and delete its 3 stories?"
        await wait_for(pilot, lambda: question in screen_text(app))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 4)
        await wait_for(pilot, lambda: "Tech Daily" not in screen_text(app))  # feed list too
        assert "Unsubscribed from Tech Daily." in notifications(app)
        assert "Nothing open yet." in reader_text(app)  # its story left the reading pane
    with Store(world.paths.database) as store:
        assert [f.title for f in store.feeds()] == ["Broken Feed", "World Wire"]


async def test_delete_question_counts_stories_in_words(make_app: AppFactory, world: World) -> None:
    with Store(world.paths.database) as store:
        store.add_feed(world.url("/empty.xml"), title="Empty Feed")
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"broken", "enter")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = "Unsubscribe from “Broken Feed” and delete its story?"
        await wait_for(pilot, lambda: question in screen_text(app))
        await pilot.press("n", "f", *"empty", "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.view.name == "Empty Feed")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Unsubscribe from “Empty Feed”?" in screen_text(app)


async def test_a_prefetch_that_breaks_after_a_good_refresh_does_not_undo_it(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, monkeypatch: Any
) -> None:
    """The refresh went well: its stories and summary stand; the fault is named as the
    bug it is, never as a failed refresh."""
    serve_feeds(httpserver, served_world)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Newsterm, "prefetch", broken)  # the update's full-text step
    messages: list[object] = []
    app = make_app()
    async with app.run_test(size=(150, 30), message_hook=messages.append) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("R")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 9)
        await wait_for(pilot, lambda: any("disk on fire" in n for n in notifications(app)))
        finished = [m for m in messages if isinstance(m, RefreshFinished)]
        assert [m.summary is not None for m in finished] == [True]
        assert not any("refresh failed" in n.lower() for n in notifications(app))
