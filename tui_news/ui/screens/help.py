"""Every key, by section, as the user's keymap has it (built from the command list)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui_news.ui.bindings import effective_keys, key_label
from tui_news.ui.commands import ALL_COMMANDS

INTRO = (
    "newsterm shows your feeds on the left, their stories beside them, the article in "
    "the middle and related links on the right. Keys act on the focused pane (its "
    "border is lit). "
    'Change any key in the config file: keys = {next_unread = "ctrl+n"}.'
)


LEFT_SECTIONS = ("Move", "Panes", "Reading")
TWO_COLUMNS_WIDTH = 130


def help_table(keymap: Mapping[str, str], sections: Iterable[str] | None = None) -> Table:
    """Keys, what they do, and the id to remap them with; `sections` picks a part."""
    wanted = set(sections) if sections is not None else None
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    section = ""
    for command in ALL_COMMANDS:
        if wanted is not None and command.section not in wanted:
            continue
        if command.section != section:
            if section:
                table.add_row("", "", "")
            section = command.section
            table.add_row("", Text(section, style="bold underline"), "")
        keys = key_label(effective_keys(command, keymap))
        table.add_row(keys, command.help, command.id)
    if wanted is None or "App" in wanted:
        table.add_row("ctrl+p", "Command palette: every command, by name", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss(None)", "Close"),
        Binding("j,down", "scroll('down')", "Scroll", key_display="j/k"),
        Binding("k,up", "scroll('up')", show=False),
        Binding("space,pagedown", "scroll('page_down')", show=False),
        Binding("b,pageup", "scroll('page_up')", show=False),
        Binding("g,home", "scroll('home')", show=False),
        Binding("G,end", "scroll('end')", show=False),
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__(classes="dialog-screen")
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        right = [c.section for c in ALL_COMMANDS if c.section not in LEFT_SECTIONS]
        with VerticalScroll(classes="dialog", id="help"):
            yield Static("newsterm keys", classes="dialog-title")
            yield Static(INTRO, classes="dialog-text", markup=False)
            with Horizontal(id="help-columns"):
                yield Static(help_table(self.keymap, LEFT_SECTIONS), classes="help-keys")
                yield Static(help_table(self.keymap, right), classes="help-keys")
            yield Static("esc, q or ? closes this.", classes="dialog-text")
        yield Footer()  # this dialog's keys, not the main screen's

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < TWO_COLUMNS_WIDTH, "-narrow-help")

    def action_scroll(self, direction: str) -> None:
        """The list's movement keys move here too: the help is read like any pane."""
        scroller = self.query_one("#help", VerticalScroll)
        moves = {
            "down": scroller.scroll_down,
            "up": scroller.scroll_up,
            "page_down": scroller.scroll_page_down,
            "page_up": scroller.scroll_page_up,
            "home": scroller.scroll_home,
            "end": scroller.scroll_end,
        }
        moves[direction](animate=False)
