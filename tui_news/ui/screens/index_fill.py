"""Finishing the search index a cache upgraded to schema 11 is building, behind the app.

A cache of more than 10,000 stories keeps its old search index until the new one (with
three-letter prefixes: `core/storage/search_index.py`) holds every story; the app copies
them over in small batches on the store thread (~20 ms each, the write lock held), with
a pause after each, so that what the user asks of the store waits for one batch at most.
Nothing is shown: searches give the same stories before and after, only sooner.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen

PAUSE = 0.05  # seconds between two batches


class IndexFill:
    """Started once the user leaves the keyboard alone (with the warm-up)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.screen.run_job(self._fill, group="search-index")

    async def _fill(self) -> None:
        while not await self.screen.db(lambda store: store.fill_search_index()):
            await asyncio.sleep(PAUSE)
