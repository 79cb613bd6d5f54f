"""Races and bookkeeping found in review: reloads against a moving cursor, history
after stories disappear, and background work after the app has quit."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.ui.conftest import AppFactory, World, listed, wait_for
from tui_news.ui.history import History, Location


async def test_a_reload_keeps_the_cursor_where_the_user_moved_it_meanwhile(
    make_app: AppFactory, world: World
) -> None:
    """A refresh merge starts, the user presses j before it lands: the cursor stays."""
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        moved_to = screen.stories.ids[3]
        screen.reload_view()
        screen.stories.cursor = 3
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.stories.highlighted_id == moved_to


def test_history_keeps_its_place_when_a_story_visited_twice_is_current() -> None:
    """[A, B, A, C] with the second A current: dropping B must leave C ahead, not behind."""
    a, b, c = (Location.story(n, f"https://x.test/{n}", str(n)) for n in (1, 2, 3))
    history = History()
    for location in (a, b, a, c):
        history.visit(location)
    assert history.back() == a
    history.forget_story({2})
    assert history.current == a
    assert history.can_go_forward and history.forward() == c


def test_history_does_not_show_the_same_story_twice_in_a_row_after_forgetting() -> None:
    a, b = (Location.story(n, f"https://x.test/{n}", str(n)) for n in (1, 2))
    history = History()
    for location in (a, b, a):
        history.visit(location)
    history.forget_story({2})
    assert history.current == a
    assert not history.can_go_back


class _SlowReader:
    """A reader whose prefetch would take a minute (a hundred slow sites)."""

    started = False

    def __init__(self, *_: object) -> None:
        pass

    async def prefetch(self, stories: list[object], **options: object) -> None:
        _SlowReader.started = True
        await asyncio.sleep(60)


def test_prefetch_after_a_refresh_stops_when_the_app_closes(world: World) -> None:
    """Quitting must not leave the refresh thread fetching articles for a minute."""
    from tui_news.config import Config
    from tui_news.core.refresh.outcomes import FeedOutcome, OutcomeStatus, RefreshSummary
    from tui_news.ui.backend import Backend

    slow: Any = _SlowReader
    backend = Backend(world.paths.database, Config(full_text_prefetch=True), make_reader=slow)
    story_id = world.stories["Ferry strike ends after talks"]
    outcome = FeedOutcome(
        world.feeds["World Wire"],
        "u",
        "t",
        OutcomeStatus.OK,
        new_stories=1,
        new_story_ids=(story_id,),
    )
    closing = [False]

    def stop() -> bool:
        closing[0] = closing[0] or _SlowReader.started
        return closing[0]

    began = time.monotonic()
    try:
        core, store = backend.core, backend.store
        stories = core.stories_wanting_full_text(store, RefreshSummary([outcome]))
        core.prefetch(store, stories, stop=stop)  # as the update after a refresh runs it
    finally:
        asyncio.run(backend.aclose())
    assert _SlowReader.started
    assert time.monotonic() - began < 5


def test_related_stories_leave_out_the_article_itself_and_repeat_no_url() -> None:
    """A page reached through a redirect is still itself; two feeds' copies are one link."""
    from tests.ui.conftest import NOW
    from tui_news.core.models import Story
    from tui_news.reader.article import Article
    from tui_news.ui.related import build_groups

    def story(story_id: int, feed: str, title: str, url: str) -> Story:
        return Story(story_id, 1, feed, url, url, title, "", NOW, None, "", "", False, False, NOW)

    asked = "https://x.test/a?utm_source=rss"
    article = Article(input=asked, url="https://x.test/a", title="Cranes return")
    cached = [
        story(3, "World Wire", "Cranes return", asked),  # the page being read
        story(8, "World Wire", "Cranes go electric", "https://y.test/e"),
        story(9, "Aggregator", "Cranes go electric", "https://y.test/e"),
    ]
    groups = build_groups(article, cached)
    assert [g.heading for g in groups] == ["In your feeds"]
    assert [i.story_id for i in groups[0].items] == [8]


async def test_a_refresh_merge_right_after_a_view_change_still_starts_at_the_top(
    make_app: AppFactory, world: World
) -> None:
    """The merge's reload replaces the view change's load: the new view must still open
    at its newest story, not at the old view's cursor position."""
    from tui_news.ui.views import UNREAD

    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        screen.stories.cursor = 4
        screen.set_view(UNREAD)
        screen.reload_view()  # a refresh merge timer firing at the same moment
        await wait_for(pilot, lambda: len(screen.stories.ids) == 6)
        assert screen.stories.cursor == 0


async def test_a_failing_background_prefetch_stays_quiet(world: World) -> None:
    from tests.ui.conftest import NOW, notifications
    from tui_news.config import Config
    from tui_news.ui.app import build_app

    attempts: list[int] = []

    class BrokenReader:
        def __init__(self, store: Any, limits: Any) -> None:
            pass

        def cached(self, url: str) -> None:
            return None

        async def prefetch(self, stories: list[Any], **options: Any) -> None:
            attempts.extend(story.id for story in stories)
            raise RuntimeError("disk on fire")

        async def close(self) -> None:
            pass

    app = build_app(
        world.paths,
        Config(refresh_on_start=False, auto_refresh_minutes=0, full_text_prefetch=True),
        clock=lambda: NOW,
        remember_theme=False,
        make_reader=BrokenReader,  # type: ignore[arg-type]
    )
    async with app.run_test(size=(150, 30)) as pilot:
        await listed(pilot, app)
        await pilot.press("j")
        await wait_for(pilot, lambda: bool(attempts), timeout=5)
        await pilot.pause(0.2)
        assert not [n for n in notifications(app) if "went wrong" in n], notifications(app)
