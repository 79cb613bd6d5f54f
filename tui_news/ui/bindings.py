"""Bindings and key names built from the command records (`commands`).

The screen binds every screen command; each pane binds the movement commands' ids to
its own actions; the help screen and the palette show the keys the user's keymap gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.keys import format_key

from tui_news.ui.commands import BY_ID, SCREEN_COMMANDS, Command


def screen_bindings() -> list[Binding]:
    return [command.binding() for command in SCREEN_COMMANDS]


def pane_binding(command_id: str, action: str, *, show: bool = False) -> Binding:
    """A movement binding for one pane: shared id and keys, the pane's own action."""
    return BY_ID[command_id].binding(action, show=show)


def list_pane_bindings() -> list[Binding]:
    """The movement keys of a pane that is a list (the story list, the sidebar)."""
    return [
        pane_binding("down", "cursor_down"),
        pane_binding("up", "cursor_up"),
        pane_binding("page_down", "page_down"),
        pane_binding("page_up", "page_up"),
        pane_binding("top", "first"),
        pane_binding("bottom", "last"),
        pane_binding("open", "select", show=True),
    ]


def effective_keys(command: Command, keymap: Mapping[str, str]) -> list[str]:
    """The keys that run `command` once the user's overrides are applied."""
    keys = keymap.get(command.id, command.keys)
    return [key.strip() for key in keys.split(",") if key.strip()]


def key_label(keys: Iterable[str]) -> str:
    return " / ".join(_display(key) for key in keys)


def _display(key: str) -> str:
    named = {"space": "space", "slash": "/", "question_mark": "?", "escape": "esc"}
    if key in named:
        return named[key]
    return format_key(key).replace("⏎", "enter")
