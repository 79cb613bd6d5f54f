"""Moving through the list, opening stories, following related links and coming back."""

from __future__ import annotations

import pytest
from textual.message import Message

from tests.ui.conftest import (
    AppFactory,
    World,
    listed,
    reader_text,
    screen_text,
    sidebar_titles,
    wait_for,
)
from tui_news.ui.widgets.related_sidebar import RelatedSidebar
from tui_news.ui.widgets.story_list import StoryList


async def test_first_screen_lists_stories_newest_first(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(200, 30)) as pilot:
        screen = await listed(pilot, app)
        text = screen_text(app)
        assert "All" in text and "6 unread · 7" in text
        lines = [line for line in text.splitlines() if "Harbour cranes return" in line]
        assert lines and "World Wire" in lines[0] and "5m" in lines[0]
        order = [
            world.stories[t]
            for t in (
                "Harbour cranes return to the old port",
                "Terminal apps learn to escape markup",
                "Ferry strike ends after talks",
            )
        ]
        assert screen.stories.ids[:3] == order
        assert screen.focused is screen.stories


async def test_j_k_move_and_enter_opens_a_cached_article_at_once(
    make_app: AppFactory, world: World
) -> None:
    messages: list[Message] = []
    app = make_app()
    async with app.run_test(size=(140, 30), message_hook=messages.append) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("j", "j", "k")
        assert screen.stories.cursor == 1
        await pilot.press("k", "enter")
        await wait_for(pilot, lambda: "forty years" in screen_text(app))
        text = reader_text(app)
        assert "Harbour cranes return to the old port" in text
        assert "World Wire · A. Reporter · Tue 14 Nov 2023, 20:00 · 1 min read" in text
        assert world.url("/world/cranes") in text
        assert any(isinstance(m, StoryList.Selected) for m in messages)
        # Opening marks the story read: the count drops and the list shows it.
        assert "5 unread · 7" in screen_text(app)
        row = screen.stories.highlighted_row()
        assert row is not None and row.read


async def test_related_links_grouped_and_followed_then_back(
    make_app: AppFactory, served_world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(150, 34)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "More on this story" in sidebar_titles(app))
        titles = sidebar_titles(app)
        assert titles[:4] == ["More on this story", "Dockers vote", "Ferry strike ends", ""] or (
            titles[:3] == ["More on this story", "Dockers vote", "Ferry strike ends"]
        )
        assert "Most read" in titles and "Links in this article" in titles
        # Same subject in the cache: the similar headline from another feed.
        assert "In your feeds" in titles
        assert "Harbour cranes go electric at the old port" in titles
        await pilot.press("3")
        assert screen.focused is screen.related
        item = screen.related.highlighted_item
        assert item is not None and item.title == "Dockers vote"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Dockers vote to accept" in screen_text(app))
        assert "Paragraph 3 of the dockers vote" in screen_text(app)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: "forty years" in screen_text(app))
        assert screen.reading.history.can_go_forward
        await pilot.press("alt+right")
        await wait_for(pilot, lambda: "Dockers vote to accept" in screen_text(app))
        assert not screen.reading.history.can_go_forward


async def test_a_related_link_to_a_cached_story_opens_the_story(
    make_app: AppFactory, served_world: World
) -> None:
    messages: list[Message] = []
    app = make_app()
    async with app.run_test(size=(150, 34), message_hook=messages.append) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Ferry strike ends" in sidebar_titles(app))
        await pilot.press("3", "j", "enter")
        opened = [m for m in messages if isinstance(m, RelatedSidebar.OpenStory)]
        assert (
            opened and opened[0].story_id == served_world.stories["Ferry strike ends after talks"]
        )
        await wait_for(pilot, lambda: "Paragraph 2 of the ferry strike" in screen_text(app))
        ferry = screen.stories.rows([opened[0].story_id])[0]
        assert ferry.read


async def test_the_pages_related_links_show_even_when_the_cache_lookup_fails(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_news.ui.screens.reading as reading

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(reading, "find_related", broken)
    app = make_app()
    async with app.run_test(size=(150, 34)) as pilot:
        await listed(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Dockers vote" in sidebar_titles(app))
        assert "Looking for related links…" not in sidebar_titles(app)
