"""The layout serves reading (issue 11, item 3): the reading pane widest with a set text
measure, the list about a third, a sidebar's room taken from the list, two-line rows in
a narrow list, and the stacked layout's heights."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from tests.ui.conftest import AppFactory, World, listed, page_html, screen_text, wait_for
from tui_news.ui.pane_widths import (
    NARROW_WIDTH,
    READER_MIN,
    RELATED_WIDTH,
    STACKED_WIDTH,
    default_panes,
    pane_widths,
)
from tui_news.ui.screens.main import MainScreen


@pytest.mark.parametrize("width", [70, 100, 120, 140, 160, 180, 200, 250])
def test_the_reading_pane_is_never_narrower_than_the_list(width: int) -> None:
    feeds, related = default_panes(width)
    widths = pane_widths(width, feeds=feeds, related=related, measure=78)
    assert widths.reader >= widths.list
    assert widths.feeds + widths.list + widths.reader + widths.related == width


def test_a_sidebar_takes_its_room_from_the_list_while_the_list_has_room() -> None:
    without = pane_widths(160, feeds=True, related=False, measure=78)
    beside = pane_widths(160, feeds=True, related=True, measure=78)
    assert without.list - beside.list > without.reader - beside.reader
    assert (without.list, without.reader) == (51, 83)  # a third; the measure + 5
    assert beside.reader >= 72  # still 67 columns of text


async def test_at_160_columns_the_reader_is_widest_and_a_feed_name_is_whole(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        reader, stories = screen.reader.region, screen.list_pane.region
        assert reader.width > stories.width > reader.width / 2 > screen.feed_list.region.width
        assert abs(stories.width - 160 / 3) <= 3
        assert not screen.related.display
        assert screen.stories.two_line  # title, then feed and age
        assert "    World Wire · 5m" in screen_text(app)


async def test_after_enter_a_long_paragraph_runs_68_characters_on_a_line(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await listed(pilot, app)
        await pilot.press("j", "enter")  # Terminal apps…, served as a page
        await wait_for(pilot, lambda: "Paragraph 1 of the" in screen_text(app))
        region = app.main_screen.reader.content_region  # type: ignore[union-attr]
        lines = [line[region.x : region.right] for line in screen_text(app).splitlines()]
        (first,) = [line.strip() for line in lines if "Paragraph 1 of the" in line]
        assert len(first) >= 68, first
        longest = max((line.strip(" ─") for line in lines), key=len)  # not the border
        assert len(longest) <= 78, repr(longest)  # the measure


async def test_the_text_measure_is_a_setting(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    app = make_app(text_width=50)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: "Paragraph 1 of the" in screen_text(app))
        assert screen.reader.body.region.width == 50
    assert page_html  # the page the server sends (conftest)


@pytest.mark.parametrize("width", range(STACKED_WIDTH, 301))
def test_the_sidebar_never_squeezes_the_article_below_a_readable_width(width: int) -> None:
    widths = pane_widths(width, feeds=False, related=True, measure=78)
    assert widths.reader >= min(READER_MIN, width - RELATED_WIDTH)
    assert widths.list == 0 or widths.list >= 30  # folded, or a usable list
    assert widths.list + widths.reader + widths.related == width
    assert widths.list_folded == (width < NARROW_WIDTH)  # 110: where it folds by default


def test_a_narrow_measure_keeps_the_list_beside_the_sidebar() -> None:
    """A text width set to 36 fits beside the list at 100 columns: nothing folds."""
    widths = pane_widths(100, feeds=False, related=True, measure=36)
    assert (widths.list, widths.reader, widths.related) == (31, 41, 28)  # 36 + 5


def pane_widths_on_screen(screen: MainScreen) -> tuple[int, int, int, int]:
    """Feeds, list, reader, sidebar: the columns each takes on screen (0: not shown)."""
    panes = (screen.feed_list, screen.list_pane, screen.reader, screen.related)
    return tuple(pane.region.width if pane.display else 0 for pane in panes)  # type: ignore[return-value]


async def test_at_100_columns_the_sidebar_takes_the_lists_place_and_1_brings_it_back(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await listed(pilot, app)
        assert screen.stories.two_line  # 100-139 columns: two-line rows
        assert pane_widths_on_screen(screen) == (0, 30, 70, 0)
        await pilot.press("3")
        await wait_for(pilot, lambda: screen.related.has_focus)
        await pilot.pause()
        # The article keeps 67 columns of text (it was squeezed to 42 columns, 37 of text).
        assert pane_widths_on_screen(screen) == (0, 0, 72, 28)
        assert screen.reader.content_region.width >= 67
        assert "Harbour cranes return" not in screen_text(app)  # the list is folded
        assert "1 List" in screen_text(app).splitlines()[-1]  # the footer says how back
        await pilot.press("tab")
        assert screen.focused is screen.reader  # tab goes round the panes on screen
        await pilot.press("1")
        await wait_for(pilot, lambda: screen.stories.has_focus)
        await pilot.pause()
        assert pane_widths_on_screen(screen) == (0, 30, 70, 0)
        assert "1 List" not in screen_text(app).splitlines()[-1]
        await pilot.press("t")  # the sidebar again, from the list: focus goes to the article
        await wait_for(pilot, lambda: screen.related.display)
        await pilot.pause()
        assert screen.focused is screen.reader
        assert pane_widths_on_screen(screen) == (0, 0, 72, 28)
        await pilot.press("slash")  # a search wants the list: it comes back, box open
        await wait_for(pilot, lambda: screen.list_pane.display and screen.search_input.has_focus)
        await pilot.pause()
        assert pane_widths_on_screen(screen) == (0, 30, 70, 0)
        await pilot.press("escape", "3")
        await wait_for(pilot, lambda: screen.related.has_focus)
        await pilot.press("F")  # the feed list and the sidebar fold each other away here
        await wait_for(pilot, lambda: screen.feed_list.display and not screen.related.display)
        await pilot.pause()
        assert pane_widths_on_screen(screen) == (26, 30, 44, 0)
        await pilot.press("0", "3")  # from the feed list: it folds, the sidebar shows
        await wait_for(pilot, lambda: screen.related.has_focus)
        await pilot.pause()
        assert pane_widths_on_screen(screen) == (0, 0, 72, 28)


async def test_at_160_columns_the_sidebar_takes_its_room_from_the_list(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        assert pane_widths_on_screen(screen) == (26, 51, 83, 0)
        await pilot.press("3")
        await wait_for(pilot, lambda: screen.related.has_focus)
        await pilot.pause()
        assert pane_widths_on_screen(screen) == (26, 30, 76, 28)  # all four side by side


async def test_stacked_the_list_takes_30_percent_and_the_reader_twice_the_sidebar(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        screen = await listed(pilot, app)
        panes = screen.query_one("#panes").region.height
        assert abs(screen.list_pane.region.height - 0.3 * panes) <= 1
        await pilot.press("3")
        await wait_for(pilot, lambda: screen.related.has_focus)
        await pilot.pause()
        reader, related = screen.reader.region.height, screen.related.region.height
        assert abs(reader - 2 * related) <= 1
