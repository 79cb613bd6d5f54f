"""The flow of reading (issue 11, item 1): enter moves to the article, space reads on,
n/N go round the view and on to the next feed or tag, back returns to the line left,
M marks older stories read, u undoes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from tests.ui.conftest import (
    AppFactory,
    Entry,
    FeedSpec,
    World,
    fill_store,
    listed,
    notifications,
    open_cranes_story,
    page_html,
    reader_text,
    screen_text,
    wait_for,
)
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store
from tui_news.ui.app import NewstermApp
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.screens.main import MainScreen
from tui_news.ui.views import feed_view, tag_view

LONG = "A long read about the river"


def long_page() -> str:
    """Forty paragraphs, the tenth with a link to another page of the site."""
    html = page_html(LONG, 40)
    tenth = html.index("<p>Paragraph 10")
    link = "<p>Meanwhile the <a href='/world/dockers'>dockers voted</a> on the plan.</p>"
    return html[:tenth] + link + html[tenth:]


@pytest.fixture
def long_read(served_world: World, httpserver: HTTPServer) -> World:
    """The served world and a newer story, the long read, in a feed of its own."""
    httpserver.expect_request("/long").respond_with_data(
        long_page(), content_type="text/html; charset=utf-8"
    )
    with Store(served_world.paths.database) as store:
        spec = FeedSpec("Long Reads", served_world.url("/long.xml"), [Entry(LONG, 1, "/long")])
        fill_store(store, served_world.base_url, [spec], served_world)
    return served_world


def notified(app: NewstermApp, text: str) -> bool:
    return any(text in notice for notice in notifications(app))


async def open_long_read(pilot: Pilot[Any], app: NewstermApp) -> MainScreen:
    screen = await listed(pilot, app, 8)
    await pilot.press("enter")  # the newest story: the long read
    await wait_for(pilot, lambda: "Paragraph 30 of the" in screen.reader.body.source)
    await wait_for(pilot, lambda: screen.reader.max_scroll_y > 20)
    return screen


async def follow_the_dockers_link(pilot: Pilot[Any], screen: MainScreen) -> None:
    """3 to the sidebar, down to the dockers' page, enter: that page is read."""
    sidebar = screen.related
    await wait_for(pilot, lambda: any(i.url.endswith("/world/dockers") for i in sidebar._items))
    await pilot.press("3")
    await wait_for(pilot, lambda: sidebar.has_focus)
    while not (sidebar.highlighted_item and sidebar.highlighted_item.url.endswith("dockers")):
        await pilot.press("j")
    await pilot.press("enter")
    await wait_for(pilot, lambda: "Dockers vote" in reader_text(pilot.app))


async def test_enter_moves_to_the_article_and_space_pages_it(
    make_app: AppFactory, long_read: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_long_read(pilot, app)
        assert screen.focused_pane() == "reader"
        cursor = screen.stories.cursor
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.reader.scroll_y > 10)  # a page, not a line
        assert screen.stories.cursor == cursor  # the list stayed put


async def test_a_setting_keeps_the_focus_in_the_list_after_enter(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(focus_reader_on_open=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_cranes_story(pilot, app)
        assert screen.focused_pane() == "list"


async def test_space_at_the_end_of_an_article_opens_the_next_unread_story(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_cranes_story(pilot, app)
        await pilot.press("space")
        await wait_for(pilot, lambda: "Terminal apps learn" in reader_text(app))
        assert (
            screen.stories.highlighted_id == world.stories["Terminal apps learn to escape markup"]
        )
        assert screen.focused_pane() == "reader"


async def test_back_returns_to_the_line_left_after_following_a_sidebar_link(
    make_app: AppFactory, long_read: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_long_read(pilot, app)
        await pilot.press("space", "j", "j")
        left = screen.reader.scroll_y
        assert left > 10
        await follow_the_dockers_link(pilot, screen)
        assert screen.reader.scroll_y == 0
        await pilot.press("backspace")
        await wait_for(pilot, lambda: LONG in reader_text(app))
        await wait_for(pilot, lambda: screen.reader.scroll_y == left)
        await pilot.press("alt+right")
        await wait_for(pilot, lambda: "Dockers vote" in reader_text(app))
        assert screen.reader.scroll_y == 0


async def test_n_goes_round_the_view_then_on_to_the_next_feed_saying_so(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(focus_reader_on_open=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        store = screen.backend.store
        screen.set_view(feed_view(store.feed(world.feeds["World Wire"])))
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        await pilot.press("j", "n")  # on Ferry: nothing unread below, round to Cranes
        await wait_for(pilot, lambda: "Back to the top of World Wire." in notifications(app))
        await wait_for(pilot, lambda: "Harbour cranes return" in reader_text(app))
        await pilot.press("n")  # Ferry, still unread
        await wait_for(pilot, lambda: "Ferry strike" in reader_text(app))
        await pilot.press("n")  # both read now (opening marks read): on to the next feed
        await wait_for(
            pilot, lambda: "No more unread in World Wire: on to Broken Feed." in notifications(app)
        )  # the feed list's order: "news" (Tech Daily, World Wire), then untagged feeds
        await wait_for(pilot, lambda: "An older story from a feed" in reader_text(app))
        assert screen.view.name == "Broken Feed"
        story = world.stories["An older story from a feed that now fails"]
        assert screen.stories.highlighted_id == story


async def test_n_and_N_move_on_between_tags_and_feeds_in_the_feed_lists_order(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(focus_reader_on_open=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        store = screen.backend.store
        with Store(world.paths.database) as writer:
            writer.mark_view_read(StoryFilter(tag="tech"))
        screen.set_view(tag_view("tech"))
        await wait_for(pilot, lambda: screen.view.name == "#tech")
        await pilot.press("n")  # #tech is all read: round to #news, the first tag
        await wait_for(pilot, lambda: notified(app, "No more unread in #tech: on to #news."))
        await wait_for(pilot, lambda: "Harbour cranes return" in reader_text(app))
        screen.set_view(feed_view(store.feed(world.feeds["World Wire"])))
        await wait_for(pilot, lambda: screen.view.name == "World Wire")
        with Store(world.paths.database) as writer:
            writer.mark_view_read(StoryFilter(feed_id=world.feeds["World Wire"]))
        # Back from World Wire: Tech Daily comes before it, but all its stories are read
        # (they are #tech's), so round to the last feed, Broken Feed.
        await pilot.press("N")
        await wait_for(pilot, lambda: notified(app, "World Wire: on to Broken Feed."))
        await wait_for(pilot, lambda: "An older story from a feed" in reader_text(app))


async def test_n_in_a_view_of_everything_says_when_nothing_is_left(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await listed(pilot, app)
        with Store(world.paths.database) as writer:
            writer.mark_view_read(StoryFilter())
        await pilot.press("n")
        await wait_for(pilot, lambda: "No unread stories left in All." in notifications(app))


async def test_u_undoes_m_s_and_A_several_levels_deep(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await listed(pilot, app)
        await pilot.press("m", "j", "s", "j", "m")  # read, starred, read
        await wait_for(pilot, lambda: "4 unread · 7" in screen_text(app))
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "0 unread · 7" in screen_text(app))
        await pilot.press("u")  # the four A marked are unread again
        await wait_for(pilot, lambda: "4 unread · 7" in screen_text(app))
        await pilot.press("u")  # Ferry unread again
        await wait_for(pilot, lambda: "5 unread · 7" in screen_text(app))
        await pilot.press("u")  # Terminal apps unstarred
        await wait_for(pilot, lambda: "Undone: starred a story." in notifications(app))
        await pilot.press("u")  # Cranes unread again
        await wait_for(pilot, lambda: "6 unread · 7" in screen_text(app))
        await pilot.press("u")
        await wait_for(pilot, lambda: "Nothing to undo." in notifications(app))
        await app.workers.wait_for_complete()
    with Store(world.paths.database) as store:
        terminal = store.story(world.stories["Terminal apps learn to escape markup"])
        assert terminal is not None and not terminal.starred
        assert store.counts(StoryFilter()) == (7, 6)


async def test_M_marks_the_older_stories_read_and_u_takes_it_back(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "j", "M")  # below Ferry: four stories, three unread
        await wait_for(pilot, lambda: "3 unread · 7" in screen_text(app))
        assert "Marked 3 older stories read (u undoes)." in notifications(app)
        ferry = world.stories["Ferry strike ends after talks"]
        with Store(world.paths.database) as store:
            assert not store.story(ferry).read  # type: ignore[union-attr]
        assert screen.stories.highlighted_id == ferry  # the cursor stays
        await pilot.press("u")
        await wait_for(pilot, lambda: "6 unread · 7" in screen_text(app))


def first_paragraph_on_screen(app: NewstermApp) -> str:
    assert app.main_screen is not None
    region = app.main_screen.reader.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    found = re.search(r"Paragraph \d+", "\n".join(line[region.x : region.right] for line in lines))
    assert found is not None
    return found.group()


async def read_two_pages(pilot: Pilot[Any], app: NewstermApp) -> str:
    """Space twice: the first paragraph then in view, which is no longer the first."""
    await pilot.press("space", "space")
    await pilot.pause()
    left = first_paragraph_on_screen(app)
    assert left != "Paragraph 1"
    return left


async def test_back_returns_to_the_same_text_after_the_pane_changed_width(
    make_app: AppFactory, long_read: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_long_read(pilot, app)
        left = await read_two_pages(pilot, app)
        await follow_the_dockers_link(pilot, screen)
        # The terminal narrows while the other page is read: the long read's paragraphs
        # now wrap onto more lines, so its old scroll offset would land further up.
        await pilot.resize_terminal(100, 45)
        await pilot.press("F")  # with the feed list shown too, the text is 39 columns wide
        await wait_for(pilot, lambda: screen.reader.content_region.width < 50)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: LONG in reader_text(app))
        await wait_for(pilot, lambda: first_paragraph_on_screen(app) == left)


async def test_the_text_read_stays_in_view_when_the_pane_narrows(
    make_app: AppFactory, long_read: World
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 45)) as pilot:
        screen = await open_long_read(pilot, app)
        left = await read_two_pages(pilot, app)
        await pilot.press("F")  # the feed list shows: the text is 39 columns, not 65
        await wait_for(pilot, lambda: screen.reader.content_region.width < 50)
        await wait_for(pilot, lambda: first_paragraph_on_screen(app) == left)
        await pilot.press("F")  # and back
        await wait_for(pilot, lambda: screen.reader.content_region.width > 60)
        await wait_for(pilot, lambda: first_paragraph_on_screen(app) == left)
