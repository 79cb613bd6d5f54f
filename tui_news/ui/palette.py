"""The command palette's entries: every screen command, with the key the user set."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_news.ui.bindings import effective_keys, key_label
from tui_news.ui.commands import SCREEN_COMMANDS, Command

if TYPE_CHECKING:
    from textual.screen import Screen


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
