"""Keys can be remapped by id; help lists every key; the palette runs every command;
the footer shows the keys of the focused pane."""

from __future__ import annotations

import io

from rich.console import Console
from textual.containers import VerticalScroll

from tests.ui.conftest import AppFactory, World, listed, main, screen_text, wait_for
from tui_news.ui.commands import ALL_COMMANDS
from tui_news.ui.screens.help import HelpScreen, help_table


def footer_text(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_config_keys_remap_commands_and_help_shows_them(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(keys={"toggle_star": "x", "down": "ctrl+n"})
    async with app.run_test(size=(140, 90)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("s")  # no longer bound
        await pilot.press("ctrl+n", "x")
        row = screen.stories.highlighted_row()
        assert screen.stories.cursor == 1 and row is not None and row.starred
        assert "x Star" in footer_text(app)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        assert "Star or unstar the story" in text
        star_line = next(line for line in text.splitlines() if "Star or unstar" in line)
        assert " x " in star_line and "toggle_star" in star_line
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


def test_help_lists_every_command_with_its_keys() -> None:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(help_table({"quit": "ctrl+q"}))
    lines = console.export_text().splitlines()
    for command in ALL_COMMANDS:
        line = next((line for line in lines if command.help in line), "")
        assert line.rstrip().endswith(command.id), command.id
    assert any(line.split() == ["ctrl+q", "Quit", "newsterm", "quit"] for line in lines)


async def test_help_screen_opens_and_closes(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "newsterm keys" in screen_text(app)
        await pilot.press("j", "j", "q")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_command_palette_runs_a_command(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"star or unstar")
        await wait_for(pilot, lambda: "Star or unstar the story (s)" in screen_text(app))
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: bool((row := screen.stories.highlighted_row()) and row.starred)
        )


async def test_footer_follows_the_focused_pane(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await listed(pilot, app)
        # The footer redraws its keys after the focus settles, later under load.
        await wait_for(
            pilot, lambda: "Open" in footer_text(app) and "Next unread" in footer_text(app)
        )
        await pilot.press("2")
        await wait_for(
            pilot,
            lambda: (
                "Page" in footer_text(app)
                and "Browser" in footer_text(app)
                and "Next unread" not in footer_text(app)
            ),
        )
        await pilot.press("tab")  # round to the feed list (at 160 the related sidebar folds)
        await wait_for(pilot, lambda: screen.focused is screen.feed_list)
        await pilot.press("shift+tab", "shift+tab")
        await wait_for(pilot, lambda: screen.focused is screen.stories)


async def test_help_screen_pages_with_the_list_keys(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(main(app).stories.ids) == 7)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        scroller = app.screen.query_one("#help", VerticalScroll)
        await pilot.press("space")
        await wait_for(pilot, lambda: scroller.scroll_y > 5)
        await pilot.press("G")
        await wait_for(pilot, lambda: scroller.scroll_y == scroller.max_scroll_y > 0)
        assert "esc, q or ? closes this." in screen_text(app)
        await pilot.press("g")
        await wait_for(pilot, lambda: scroller.scroll_y == 0)
