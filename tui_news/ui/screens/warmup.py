"""Importing the network and extraction stacks in a thread while the user looks.

Then neither the first article nor the first refresh pays for them. The imports wait
until the user has not moved in the list for a while: a thread that holds the
interpreter to import makes the keyboard wait. A search index still being built
(schema 11, `index_fill`) starts being filled then too.
"""

from __future__ import annotations

import gc
from importlib import import_module
from typing import TYPE_CHECKING

from tui_news.ui.screens.index_fill import IndexFill
from tui_news.ui.screens.reading import READER_MODULE

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui_news.ui.screens.main import MainScreen

WARMUP_DELAY = 1.5  # after this long without moving in the list
HEAVY_MODULES = ("tui_news.core.refresh.refresher", READER_MODULE)


class Warmup:
    """The warm-up imports, postponed while the user moves."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._timer: Timer | None = None
        self._index_fill = IndexFill(screen)

    def schedule(self) -> None:
        self._timer = self.screen.set_timer(WARMUP_DELAY, self._start)

    def postpone(self) -> None:
        """The user is moving around: wait a while longer."""
        if self._timer is not None:
            self._timer.reset()

    def _start(self) -> None:
        self._timer = None
        self.screen.run_worker(_import_all, thread=True, group="warmup", exit_on_error=False)
        self._index_fill.start()


def _import_all() -> None:
    for module in HEAVY_MODULES:
        import_module(module)
    gc.freeze()  # the modules live as long as the app: no full collection walks them
