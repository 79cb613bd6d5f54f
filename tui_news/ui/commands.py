"""Every command newsterm offers: one record each, with a stable id users can remap.

A command's id is its binding id, so `keys = {next_unread = "ctrl+n"}` in the config
file reaches it through `App.set_keymap`. The same records feed the screen's
bindings, the footer (which panes show a hint), the help screen and the command
palette, so none of them can drift from the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.keys import format_key

if TYPE_CHECKING:
    from textual.screen import Screen

LIST, READER, RELATED = "list", "reader", "related"
EVERYWHERE = frozenset({LIST, READER, RELATED})


@dataclass(frozen=True, slots=True)
class Command:
    """One user-facing command. `action` runs on the main screen."""

    id: str
    keys: str
    action: str
    label: str
    help: str
    section: str
    footer: frozenset[str] = frozenset()
    palette: bool = True

    def binding(self, action: str | None = None, *, show: bool | None = None) -> Binding:
        visible = bool(self.footer) if show is None else show
        return Binding(self.keys, action or self.action, self.label, show=visible, id=self.id)


def _c(
    id: str, keys: str, action: str, label: str, help: str, section: str, *panes: str
) -> Command:
    return Command(id, keys, action, label, help, section, frozenset(panes))


# Movement happens inside the focused pane; each pane binds these ids to its own action.
MOVE_COMMANDS: tuple[Command, ...] = (
    _c("down", "j,down", "", "Down", "Move down (scroll in the reading pane)", "Move"),
    _c("up", "k,up", "", "Up", "Move up (scroll in the reading pane)", "Move"),
    _c("page_down", "space,pagedown", "", "Page", "Page down", "Move", READER),
    _c("page_up", "b,pageup", "", "Page up", "Page up", "Move"),
    _c("top", "g,home", "", "Top", "Go to the top", "Move"),
    _c("bottom", "G,end", "", "Bottom", "Go to the bottom", "Move"),
    _c(
        "open",
        "enter",
        "",
        "Open",
        "Open the story (list) or the link (sidebar) in the reading pane",
        "Move",
        LIST,
        RELATED,
    ),
)

SCREEN_COMMANDS: tuple[Command, ...] = (
    _c("focus_list", "1", "focus_pane('list')", "List", "Focus the story list", "Panes"),
    _c(
        "focus_reader",
        "2",
        "focus_pane('reader')",
        "Reader",
        "Focus the reading pane (then j/k and space scroll the article)",
        "Panes",
        LIST,
    ),
    _c(
        "focus_related",
        "3",
        "focus_pane('related')",
        "Related",
        "Focus the related-links sidebar (shows it if folded away)",
        "Panes",
        READER,
    ),
    _c("focus_next", "tab", "cycle_focus(1)", "Next pane", "Focus the next pane", "Panes"),
    _c(
        "focus_previous",
        "shift+tab",
        "cycle_focus(-1)",
        "Previous pane",
        "Focus the previous pane",
        "Panes",
    ),
    _c(
        "toggle_related",
        "t",
        "toggle_related",
        "Sidebar",
        "Show or hide the related-links sidebar",
        "Panes",
    ),
    _c(
        "back",
        "backspace,alt+left",
        "back",
        "Back",
        "Back to what the reading pane showed before",
        "Reading",
        READER,
        RELATED,
    ),
    _c("forward", "alt+right", "forward", "Forward", "Forward again after going back", "Reading"),
    _c(
        "next_unread",
        "n",
        "next_unread(1)",
        "Next unread",
        "Open the next unread story",
        "Stories",
        LIST,
    ),
    _c(
        "previous_unread",
        "N",
        "next_unread(-1)",
        "Prev unread",
        "Open the previous unread story",
        "Stories",
    ),
    _c("toggle_read", "m", "toggle_read", "Read", "Mark the story read or unread", "Stories", LIST),
    _c(
        "toggle_star",
        "s",
        "toggle_star",
        "Star",
        "Star or unstar the story",
        "Stories",
        LIST,
        READER,
    ),
    _c(
        "mark_all_read",
        "A",
        "mark_all_read",
        "All read",
        "Mark every story in this view read (asks first)",
        "Stories",
    ),
    _c(
        "open_browser",
        "o",
        "open_browser",
        "Browser",
        "Open the current link in the web browser",
        "Reading",
        READER,
        RELATED,
    ),
    _c(
        "copy_url",
        "y",
        "copy_url",
        "Copy URL",
        "Copy the current link to the clipboard",
        "Reading",
        READER,
    ),
    _c(
        "search", "slash", "search", "Search", "Search story titles and article text", "Views", LIST
    ),
    _c("clear_search", "escape", "clear_search", "Clear", "Clear the search", "Views", LIST),
    _c(
        "choose_view",
        "f",
        "choose_view",
        "Views",
        "Choose a view: All, Unread, Starred, a tag or a feed",
        "Views",
        LIST,
    ),
    _c(
        "refresh_feed",
        "r",
        "refresh_feed",
        "Refresh",
        "Refresh the feed or tag shown, else the highlighted story's feed",
        "Feeds",
        LIST,
    ),
    _c(
        "refresh_all",
        "R",
        "refresh_all",
        "Refresh all",
        "Refresh every feed in the background",
        "Feeds",
    ),
    _c(
        "add_feed",
        "a",
        "add_feed",
        "Add feed",
        "Subscribe to a feed (a site address works too)",
        "Feeds",
    ),
    _c(
        "delete_feed",
        "d",
        "delete_feed",
        "Delete feed",
        "Unsubscribe from the current feed (asks first)",
        "Feeds",
    ),
    _c("help", "question_mark", "help", "Help", "Show every key", "App", *EVERYWHERE),
    _c("quit", "q", "quit", "Quit", "Quit newsterm", "App", *EVERYWHERE),
)

ALL_COMMANDS: tuple[Command, ...] = MOVE_COMMANDS + SCREEN_COMMANDS
BY_ID: Mapping[str, Command] = {command.id: command for command in ALL_COMMANDS}


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


class NewstermCommands(Provider):
    """The command palette's entries: every screen command, with its current key."""

    def _entries(self) -> list[tuple[str, Command]]:
        keymap: Mapping[str, str] = getattr(self.app, "user_keymap", {})
        return [
            (f"{c.help} ({key_label(effective_keys(c, keymap))})", c)
            for c in SCREEN_COMMANDS
            if c.palette
        ]

    def _runner(self, command: Command) -> partial[Any]:
        # The palette may be opened over a dialog; commands always act on the main screen.
        screen: Screen[object] = getattr(self.app, "main_screen", None) or self.screen
        return partial(screen.run_action, command.action)

    async def discover(self) -> Hits:
        for text, command in self._entries():
            yield DiscoveryHit(text, self._runner(command), help=command.section)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), self._runner(command), text=text)
