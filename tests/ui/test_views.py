"""Search, the view chooser (with a failing feed's error) and narrow layouts."""

from __future__ import annotations

import time

import pytest

from tests.ui.conftest import (
    HOUR,
    NOW,
    AppFactory,
    World,
    chooser,
    listed,
    screen_text,
    wait_for,
)
from tui_news.core.storage import Store
from tui_news.ui.widgets import list_pane


async def test_search_filters_titles_and_esc_restores_the_view(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash")
        assert screen.focused is screen.search_input
        await pilot.press(*"harbour")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        assert "Search “harbour”" in screen_text(app)
        # Typing letters that are also commands goes into the search box.
        assert screen.search_input.value == "harbour"
        await pilot.press("enter")
        assert screen.focused is screen.stories
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 7)
        assert "Search" not in screen_text(app).splitlines()[1]
        assert not screen.search_input.display


async def test_search_finds_summary_text_and_says_when_nothing_matches(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash", *"summary")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 7 and screen.view.is_search)
        await pilot.press("backspace", *"xyzzy")
        await wait_for(pilot, lambda: not screen.stories.ids)
        assert "No stories match. Press esc to clear the search." in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 7)


async def test_view_chooser_lists_views_tags_feeds_and_errors(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f")
        await chooser(pilot, app)
        text = screen_text(app)
        for name in ("All", "Unread", "Starred", "#news", "#tech", "World Wire", "Tech Daily"):
            assert name in text
        assert "Broken Feed" in text and "HTTP 404 Not Found" in text
        await pilot.press(*"tech")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.screen is screen and len(screen.stories.ids) == 3)
        assert screen.view.name == "Tech Daily"
        assert "Tech Daily" in screen_text(app) and "3 unread · 3" in screen_text(app)
        await pilot.press("f", *"starred", "enter")
        await wait_for(
            pilot, lambda: screen.view.name == "Starred" and len(screen.stories.ids) == 1
        )
        await pilot.press("f", "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.view.name == "Starred"


async def test_narrow_terminal_folds_the_sidebar_and_very_narrow_stacks(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await listed(pilot, app)
        assert screen.related.display
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: not screen.related.display)
        assert "q Quit" in screen_text(app).splitlines()[-1]  # the footer still fits
        await pilot.press("3")
        await wait_for(pilot, lambda: screen.related.display and screen.focused is screen.related)
        await pilot.press("t")
        await wait_for(pilot, lambda: not screen.related.display)
        assert screen.focused is screen.reader
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        lists, reader = screen.query_one("#list-pane").region, screen.reader.region
        assert lists.bottom <= reader.y and lists.width == reader.width
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: "forty years" in screen_text(app))
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: screen.related.display)
        assert screen.query_one("#list-pane").region.y == screen.reader.region.y


async def test_an_empty_failing_feed_says_why_it_is_empty(
    make_app: AppFactory, world: World
) -> None:
    with Store(world.paths.database) as store:
        feed = store.add_feed(world.url("/gone.xml"), title="Gone Feed")
        store.record_error(feed.id, "HTTP 410 Gone", checked_at=NOW, next_due=NOW + HOUR)
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"gone", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Gone Feed")
        await wait_for(pilot, lambda: "HTTP 410 Gone" in screen_text(app))
        assert "Press r to try again, or d to unsubscribe." in screen.stories.empty_text
        await pilot.press("f", *"tech daily", "enter")  # a healthy feed says no error
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        assert screen.listing.view_error is None


async def test_footer_while_typing_a_search_offers_esc_not_slash(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await listed(pilot, app)
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await wait_for(pilot, lambda: "/ Search" in footer())  # drawn (late under load)
        assert "esc Clear" not in footer()
        await pilot.press("slash", *"harbour")
        await wait_for(pilot, lambda: "esc Clear" in footer())
        assert "/ Search" not in footer()
        await pilot.press("enter")  # back in the list, the search stays clearable
        await wait_for(pilot, lambda: "/ Search" in footer())
        assert "esc Clear" in footer()
        await pilot.press("escape")
        await wait_for(pilot, lambda: "esc Clear" not in footer())


async def test_a_view_chosen_while_a_search_is_pending_wins(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pilot's keys take ~0.1 s each, and up to 0.25 s in a full parallel run: a longer
    # debounce keeps the search pending throughout (2 s ran out once under load).
    delay = 5.0
    monkeypatch.setattr(list_pane, "SEARCH_DELAY", delay)
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash", *"har")
        typed = time.monotonic()
        await pilot.press("tab", "f")
        await chooser(pilot, app)
        await pilot.press(*"daily", "enter")
        await wait_for(pilot, lambda: app.screen is screen and len(screen.stories.ids) == 3)
        assert time.monotonic() - typed < delay, "too slow to choose while the search waits"
        await pilot.pause(typed + delay + 0.3 - time.monotonic())  # when the search would fire
        assert screen.view.name == "Tech Daily" and len(screen.stories.ids) == 3
        assert "Tech Daily" in screen_text(app)
        # The choice ends the search: the box is closed and empty, esc has nothing to clear.
        assert not screen.search_input.display and screen.search_input.value == ""
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert screen.view.name == "Tech Daily"
