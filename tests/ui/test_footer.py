"""The footer: a dialog's own keys while it is open, and the hints that matter most
still whole on a narrow terminal."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import ActiveBinding, Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.ui.conftest import AppFactory, World, add_feed_dialog, listed, screen_text, wait_for
from tui_news.ui.commands import ALL_COMMANDS, BY_ID
from tui_news.ui.footer import FOOTER_RANK, fit_hints
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.screens.help import HelpScreen
from tui_news.ui.screens.view_chooser import ViewChooser

MAIN_ONLY = ("n Next unread", "r Refresh", "f Views", "q Quit", "/ Search")
LIST_ESSENTIALS = ("? Help", "⏎ Open", "n Next unread", "r Refresh", "q Quit")
READER_ESSENTIALS = ("? Help", "space Page", "q Quit")


def footer_text(app: Any) -> str:
    return str(screen_text(app).splitlines()[-1])


async def dialog_footer(pilot: Pilot[Any], kind: type[Screen[Any]]) -> str:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, kind))
    await wait_for(pilot, lambda: bool(app.screen.query(FooterKey)))
    text = footer_text(app)
    for hint in MAIN_ONLY:
        assert hint not in text, (kind.__name__, text)
    return text


async def test_each_dialog_shows_its_own_keys_in_the_footer(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("question_mark")
        text = await dialog_footer(pilot, HelpScreen)
        assert "esc Close" in text and "j/k Scroll" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: "n Next unread" in footer_text(app))

        await pilot.press("f")
        text = await dialog_footer(pilot, ViewChooser)
        assert "esc Close" in text and "⏎ Choose" in text
        await pilot.press(*"starred", "enter")  # the footer's enter still chooses
        await wait_for(pilot, lambda: app.screen is screen and screen.view.name == "Starred")

        await pilot.press("a")
        text = await dialog_footer(pilot, AddFeedScreen)
        assert "esc Cancel" in text and "⏎ Add" in text
        await pilot.press("tab", "tab")  # the Cancel button: enter presses it, not "Add"
        await wait_for(pilot, lambda: "⏎ Add" not in footer_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)

        await pilot.press("f", *"all", "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.view.name == "All")
        await pilot.press("A")
        text = await dialog_footer(pilot, ConfirmScreen)
        assert "y Yes" in text and "n Cancel" in text
        await pilot.press("n")
        await wait_for(pilot, lambda: "n Next unread" in footer_text(app))


async def test_enter_in_the_add_feed_box_still_subscribes(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await listed(pilot, app)
        await add_feed_dialog(pilot)
        await pilot.press("enter")  # nothing typed: the dialog explains, stays open
        await wait_for(pilot, lambda: "Not a web address" in screen_text(app))
        assert isinstance(app.screen, AddFeedScreen)


def shown_hints(app: Any) -> list[FooterKey]:
    footer = app.main_screen.query_one(Footer)
    return [key for key in footer.query(FooterKey) if "-command-palette" not in key.classes]


def assert_nothing_cut(app: Any, width: int) -> None:
    """Every hint is whole: inside the screen and clear of the palette's hint."""
    footer = app.main_screen.query_one(Footer)
    palette = [key for key in footer.query(FooterKey) if "-command-palette" in key.classes]
    limit = palette[0].region.x if palette else width
    for key in shown_hints(app):
        assert key.region.right <= limit, (key.description, key.region, limit)


@pytest.mark.parametrize("width", [64, 80, 120])
async def test_narrow_footer_keeps_the_essential_hints_whole(
    make_app: AppFactory, world: World, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await listed(pilot, app)
        await wait_for(pilot, lambda: bool(shown_hints(app)))
        text = footer_text(app)
        for hint in LIST_ESSENTIALS:
            assert hint in text, (width, text)
        assert_nothing_cut(app, width)
        await pilot.press("2")
        await wait_for(pilot, lambda: "space Page" in footer_text(app))
        text = footer_text(app)
        for hint in READER_ESSENTIALS:
            assert hint in text, (width, text)
        assert_nothing_cut(app, width)
        assert screen.focused is screen.reader


async def test_the_least_useful_hints_go_first(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await listed(pilot, app)
        await wait_for(pilot, lambda: "2 Reader" in footer_text(app))
        assert "m Read" in footer_text(app) and "^p palette" in footer_text(app)
        await pilot.resize_terminal(80, 30)
        await wait_for(pilot, lambda: "2 Reader" not in footer_text(app))
        assert "/ Search" in footer_text(app) and "f Views" in footer_text(app)
        await pilot.resize_terminal(160, 30)  # and they come back when there is room
        await wait_for(pilot, lambda: "2 Reader" in footer_text(app))


def active(key: str, command_id: str, action: str, label: str, show: bool = True) -> ActiveBinding:
    return ActiveBinding(None, Binding(key, action, label, show=show, id=command_id), True)  # type: ignore[arg-type]


def test_fit_hints_keeps_a_prefix_of_the_ranking_and_one_hint_per_action() -> None:
    bindings = {
        "m": active("m", "toggle_read", "toggle_read", "Read"),
        "question_mark": active("question_mark", "help", "help", "Help"),
        "j": active("j", "down", "cursor_down", "Down", show=False),
        "n": active("n", "next_unread", "next_unread(1)", "Next unread"),
        "q": active("q", "quit", "quit", "Quit"),
        "ctrl+q": active("ctrl+q", "quit", "quit", "Quit"),  # a second key: no extra room
    }

    def shown(room: int) -> list[str]:
        fitted = fit_hints(bindings, room, lambda b: b.key[:1], compact=True)
        assert list(fitted) == list(bindings)  # order and keys untouched
        return [key for key, value in fitted.items() if value.binding.show]

    assert shown(100) == ["m", "question_mark", "n", "q", "ctrl+q"]
    # help 7 + quit 7 + next unread 14 = 28: "m Read" (7) is the first to go.
    assert set(shown(28)) == {"question_mark", "n", "q", "ctrl+q"}
    assert set(shown(27)) == {"question_mark", "q", "ctrl+q"}
    assert shown(6) == []


def test_every_ranked_hint_is_a_command_and_every_footer_command_is_ranked() -> None:
    assert set(FOOTER_RANK) <= set(BY_ID)
    in_footer = {c.id for c in ALL_COMMANDS if c.footer}
    assert in_footer <= set(FOOTER_RANK), in_footer - set(FOOTER_RANK)
    assert FOOTER_RANK[:2] == ("help", "quit")
