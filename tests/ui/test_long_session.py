"""Second review: what a long session meets (cancelling a save, refreshing a tag, the
cache changed from the shell, auto-refresh merging under the reader's eyes)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pytest_httpserver import HTTPServer

from tests.ui.conftest import (
    NOW,
    AppFactory,
    World,
    add_feed_dialog,
    chooser,
    listed,
    rss,
    serve_gull_news,
    serve_refreshed_feeds,
    wait_for,
)
from tui_news.core.storage import Store
from tui_news.service import Newsterm


@dataclass
class HeldSave:
    """Storing a new subscription takes a while (a big feed, a busy disk): the save
    begins (`started`) and goes on only once the test lets it (`finish`)."""

    started: threading.Event = field(default_factory=threading.Event)
    finish: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def held_save(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSave]:
    real = Newsterm.save_discovered
    held = HeldSave()

    def slow(*args: object, **kwargs: object) -> object:
        held.started.set()
        held.finish.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Newsterm, "save_discovered", slow)
    yield held
    held.finish.set()


async def test_cancelling_add_feed_while_it_saves_subscribes_nothing(
    make_app: AppFactory, world: World, httpserver: HTTPServer, held_save: HeldSave
) -> None:
    """Esc while "Looking for a feed…" is still on screen means no: the save that had
    already begun is undone, so no subscription appears later without being shown."""
    serve_gull_news(httpserver)
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await add_feed_dialog(pilot)
        await pilot.press(*httpserver.url_for("/gulls.xml"), "enter")
        await wait_for(pilot, held_save.started.is_set)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        held_save.finish.set()  # the save ends only after the esc, however loaded the machine
        await app.backend.background.call(lambda store: None)  # the store thread is done
        await pilot.pause(0.1)
        feeds = await app.backend.background.call(lambda store: store.feeds())
        assert "Gull News" not in [feed.title for feed in feeds]
        await pilot.press("f")
        dialog = await chooser(pilot, app)
        assert "Gull News" not in [choice.view.name for choice in dialog.choices]
        await pilot.press("escape")
        assert len(screen.stories.ids) == 7


def serve_two_feeds(httpserver: HTTPServer, world: World) -> None:
    lighthouse = ("Lighthouse keeper retires", world.url("/w/l"), NOW - 60)
    serve_refreshed_feeds(httpserver, world, [lighthouse])


async def test_r_in_a_tag_view_refreshes_every_feed_of_the_tag(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    """newsboat's r reloads the current feed; a tag's current "feed" is all of its feeds."""
    serve_two_feeds(httpserver, served_world)
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"#news", "enter")
        await wait_for(pilot, lambda: screen.view.name == "#news" and len(screen.stories.ids) == 6)
        await pilot.press("r")  # the highlighted story is World Wire's
        await wait_for(pilot, lambda: len(screen.stories.ids) == 8)
        assert sorted(r.path for r, _ in httpserver.log) == ["/tech.xml", "/world.xml"]


def shell_refresh(world: World, feed: str, title: str, *, minutes_ago: float) -> None:
    """What `newsterm refresh` in another terminal does to the cache: its own connection
    stores a new story (and the time the feed was checked)."""
    from tui_news.core.models import ParsedEntry, ParsedFeed

    entry = ParsedEntry(
        key=world.url(f"/shell/{len(title)}"),
        url=world.url(f"/shell/{len(title)}"),
        title=title,
        published=NOW - minutes_ago * 60,
    )
    with Store(world.paths.database) as store:
        store.record_feed_update(
            world.feeds[feed],
            ParsedFeed(title=feed, entries=(entry,)),
            checked_at=time.time(),
            etag=None,
            last_modified=None,
            next_due=time.time() + 1800,
        )


@pytest.fixture
def fast_cache_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_news.ui.screens import refreshing

    monkeypatch.setattr(refreshing, "CACHE_CHECK_INTERVAL", 0.1)


async def test_stories_a_shell_refresh_brings_appear_without_refreshing_here(
    make_app: AppFactory, world: World, fast_cache_check: None
) -> None:
    """A cron job or another terminal ran `newsterm refresh`: with auto-refresh off the
    list and its counts would stay stale until the user changed the view."""
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j")
        highlighted = screen.stories.highlighted_id
        shell_refresh(world, "World Wire", "Lighthouse keeper retires", minutes_ago=1)
        await listed(pilot, app, 8)
        assert screen.stories.highlighted_id == highlighted  # the cursor did not move
        pane = screen.query_one("#list-pane")
        assert str(pane.border_subtitle) == "7 unread · 8"


async def test_the_cache_check_does_not_reload_after_the_users_own_changes(
    make_app: AppFactory, world: World, fast_cache_check: None
) -> None:
    """Reading in the Unread view: the story just read stays listed (a reload would
    drop it from under the cursor) until something new really arrives."""
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"unread", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Unread")
        await listed(pilot, app, 6)
        await pilot.press("m", "j", "m")
        await pilot.pause(0.6)
        assert len(screen.stories.ids) == 6
        shell_refresh(world, "Tech Daily", "Tiny new laptop", minutes_ago=1)
        await listed(pilot, app, 5)  # the new one in, the two read ones out


async def test_auto_refresh_does_not_warn_again_about_a_feed_known_to_fail(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    """Left open all day, the same 404 must not pop up a warning at every auto-refresh
    (the header counts it); a feed that newly fails still does."""
    from tests.ui.conftest import notifications

    serve_two_feeds(httpserver, served_world)
    app = make_app(min_interval_minutes=0)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)

        async def auto_refresh() -> list[str]:
            before = len(notifications(app))
            screen.refresh_due_feeds()
            await wait_for(pilot, lambda: not screen.refresh_running)
            await pilot.pause(0.2)
            return notifications(app)[before:]

        first = await auto_refresh()  # the session's first: says what fails
        assert any("Broken Feed: HTTP 404" in text for text in first), first
        assert not any("Broken Feed" in text for text in await auto_refresh())
        assert "1 failed" in str(screen.sub_title)
        httpserver.clear_all_handlers()
        httpserver.expect_request("/world.xml").respond_with_data("down", status=503)
        httpserver.expect_request("/tech.xml").respond_with_data(
            rss("Tech Daily", []), content_type="application/rss+xml"
        )
        httpserver.expect_request("/broken.xml").respond_with_data("gone", status=404)
        third = await auto_refresh()
        assert any("World Wire: HTTP 503" in text for text in third), third
        assert not any("Broken Feed" in text for text in third), third


async def test_the_open_view_chooser_recounts_when_a_refresh_ends(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    """`f` pressed during the start-up refresh: the counts must not stay those from
    before it, and the line the user moved to stays highlighted."""
    serve_two_feeds(httpserver, served_world)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f")
        dialog = await chooser(pilot, app)
        counts = {choice.view.name: choice.count for choice in dialog.choices}
        assert counts["All"] == "6 unread" and counts["Tech Daily"] == "3 unread"
        await pilot.press("down", "down", "down")  # #news
        highlighted = dialog.options.highlighted
        screen.start_refresh(None)
        await wait_for(pilot, lambda: not screen.refresh_running)

        def count(name: str) -> str:
            return {choice.view.name: choice.count for choice in dialog.choices}[name]

        await wait_for(pilot, lambda: count("All") == "8 unread")
        assert count("Tech Daily") == "4 unread"
        assert dialog.options.highlighted == highlighted
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.view.name == "#news")


async def test_an_auto_refresh_leaves_the_reader_and_the_cursor_alone(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    """Reading while the half-hourly refresh lands: the article, the focus and the story
    highlighted stay; the new stories and the counts arrive; a search finds them."""
    from tests.ui.conftest import reader_text

    serve_two_feeds(httpserver, served_world)
    app = make_app(min_interval_minutes=0)
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "j", "enter", "2")
        await wait_for(pilot, lambda: "Ferry strike" in reader_text(app))
        reading = reader_text(app)
        screen.refresh_due_feeds()
        await listed(pilot, app, 9)
        assert reader_text(app) == reading and screen.focused_pane() == "reader"
        ferry = served_world.stories["Ferry strike ends after talks"]
        assert screen.stories.highlighted_id == ferry
        assert str(screen.query_one("#list-pane").border_subtitle) == "7 unread · 9"
        await pilot.press("1", "slash", *"laptop", "enter")
        await listed(pilot, app, 1)


async def test_counts_stay_right_after_reading_in_another_view(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"world", "enter")
        await listed(pilot, app, 3)
        await pilot.press("m", "j", "enter")  # one marked, one opened: both read
        await pilot.press("f")
        dialog = await chooser(pilot, app)
        counts = {choice.view.name: choice.count for choice in dialog.choices}
        assert counts["World Wire"] == "0 unread" and counts["#news"] == "3 unread"
        assert counts["All"] == "4 unread"
        await pilot.press(*"all", "enter")
        await listed(pilot, app, 7)
        assert str(screen.query_one("#list-pane").border_subtitle) == "4 unread · 7"
