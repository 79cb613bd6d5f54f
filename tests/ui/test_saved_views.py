"""Saved searches and kill rules in the app: saved views are listed with their unread
counts and open like any view; `v` saves what the list shows; a kill rule hides its
stories from the list and the counts, says how many, and `H` shows them marked."""

from __future__ import annotations

import tomllib
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import (
    AppFactory,
    World,
    chooser,
    listed,
    notifications,
    screen_text,
    wait_for,
)
from tui_news.core.filters.rules import IgnoreRule, SavedView
from tui_news.core.storage import Store
from tui_news.ui.screens.save_view import SaveViewScreen
from tui_news.ui.story_line import HIDDEN_MARK

CRANES = ("Harbour cranes return to the old port", "Harbour cranes go electric at the old port")


async def press_v(pilot: Pilot[Any]) -> Input:
    """v: the dialog that saves what the list shows; its expression box."""
    await pilot.press("v")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SaveViewScreen))
    return pilot.app.screen.query_one("#view-expr", Input)


async def test_a_saved_view_is_listed_with_its_unread_count_and_opens(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(views=(SavedView.parse("Cranes, unread", 'unread and title =~ "cranes"'),))
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f")
        await chooser(pilot, app)
        text = screen_text(app)
        assert "Saved searches" in text
        line = next(line for line in text.splitlines() if "Cranes, unread" in line)
        assert "2 unread" in line
        await pilot.press(*"cranes", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Cranes, unread")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        titles = {row.title for row in screen.stories.rows(screen.stories.ids)}
        assert titles == set(CRANES)
        assert "2 unread · 2" in screen_text(app)


async def test_v_saves_the_current_search_as_a_view(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash", *"harbour", "enter")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2 and screen.view.is_search)
        expression = await press_v(pilot)
        assert expression.value == '"harbour"'
        await pilot.press(*"Harbour news", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Harbour news")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        saved = tomllib.loads(world.paths.config_file.read_text(encoding="utf-8"))
        assert saved["views"] == {"Harbour news": '"harbour"'}
        await pilot.press("f")
        await chooser(pilot, app)
        assert "Harbour news" in screen_text(app) and "Saved searches" in screen_text(app)


async def test_a_view_that_does_not_parse_keeps_the_dialog_open_with_the_column(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"tech", "down", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Tech Daily")
        box = await press_v(pilot)
        dialog = app.screen
        assert box.value == f'feed = "{world.url("/tech.xml")}"'
        box.value = "unread and titel = x"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "column 12: unknown field 'titel'" in screen_text(app))
        assert app.screen is dialog and dialog.focused is box
        box.value = "unread and title:phones"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.view.name == "Tech Daily" and app.screen is screen)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)


async def test_a_kill_rule_hides_its_stories_says_how_many_and_h_shows_them(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(ignore=(IgnoreRule.parse('title =~ "cranes"'),))
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app, stories=5)
        titles = {row.title for row in screen.stories.rows(screen.stories.ids)}
        assert not titles & set(CRANES)
        assert "4 unread · 5 · 2 hidden" in screen_text(app)
        await pilot.press("H")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 7)
        assert "with hidden ✗" in screen_text(app)
        rows = screen.stories.rows(screen.stories.ids)
        assert {row.title for row in rows if row.hidden} == set(CRANES)
        marked = [line for line in screen_text(app).splitlines() if HIDDEN_MARK + "●" in line]
        assert len(marked) == 2
        await pilot.press("H")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 5)
        await pilot.press("f")
        await chooser(pilot, app)
        lines = screen_text(app).splitlines()
        unread_line = next(line for line in lines if "Unread" in line and "unread" in line)
        assert "4 unread" in unread_line  # counts leave the hidden stories out too


async def test_without_kill_rules_h_says_nothing_is_hidden(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("H")
        await wait_for(pilot, lambda: any("nothing is hidden" in n for n in notifications(app)))
        assert not screen.view.shows_hidden


async def test_v_on_a_feed_with_a_password_neither_shows_nor_saves_it(
    make_app: AppFactory, world: World
) -> None:
    secret = "http://alice:s3cr@t-pw@127.0.0.1:9/private/world.xml"
    with Store(world.paths.database) as store:
        store.edit_feed(world.feeds["World Wire"], url=secret)
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"world", "down", "enter")
        await wait_for(pilot, lambda: screen.view.name == "World Wire")
        expression = (await press_v(pilot)).value
        assert "s3cr" not in expression and "s3cr" not in screen_text(app)
        await pilot.press(*"Private", "enter")
        await wait_for(pilot, lambda: screen.view.name == "Private" and app.screen is screen)
        # The view still shows that feed's stories, and only those.
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        feeds = {row.feed_id for row in screen.stories.rows(screen.stories.ids)}
        assert feeds == {world.feeds["World Wire"]}
    assert "s3cr" not in world.paths.config_file.read_text(encoding="utf-8")
