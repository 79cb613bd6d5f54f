"""How the main screen's panes share the terminal's width.

Wide, the three panes sit side by side; narrower, the list and the sidebar give the
reader room; narrower still the sidebar folds away (`t` or `3` brings it back), and
on the narrowest terminals the list sits above the reading pane. The CSS does the
sizing; this sets the classes it keys on, once per resize.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen

MEDIUM_WIDTH = 140  # below this the list and the sidebar give the reader more room
NARROW_WIDTH = 110  # below this the sidebar folds away (t or 3 shows it)
STACKED_WIDTH = 70  # below this the list sits above the reading pane
PALETTE_HINT_MIN_WIDTH = 80  # below this "^p palette" gives its room to the keys (? lists it)


class Widths:
    """Applies the terminal's width to the screen's classes and its footer."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._narrow: bool | None = None

    def apply(self, width: int) -> None:
        screen = self.screen
        narrow = width < NARROW_WIDTH
        if narrow != self._narrow:  # crossing the line folds or unfolds the sidebar
            self._narrow = narrow
            screen.show_related = not narrow
        screen.set_class(narrow, "-narrow")
        screen.set_class(not narrow and width < MEDIUM_WIDTH, "-medium")
        screen.set_class(width < STACKED_WIDTH, "-stacked")
        footer = screen.query_one(Footer)
        footer.compact = width < MEDIUM_WIDTH  # fewer columns per hint: more hints fit
        footer.show_command_palette = width >= PALETTE_HINT_MIN_WIDTH
        screen.refresh_bindings()  # which hints fit depends on the width
