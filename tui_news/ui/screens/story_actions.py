"""Story commands: read and star flags, next unread, mark a view read.

A flag changes on screen at once and in the store in order, on the store thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from tui_news.core.models import StoryRow
from tui_news.core.storage import Store
from tui_news.ui.commands import LIST
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.text import count_stories
from tui_news.ui.views import View

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen


def next_unread_index(ids: list[int], unread: set[int], start: int, step: int) -> int | None:
    """The first index after `start` (in direction `step`) whose story is unread."""
    index = start + step
    while 0 <= index < len(ids):
        if ids[index] in unread:
            return index
        index += step
    return None


class StoryActions:
    """Commands that change stories."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def target_row(self) -> StoryRow | None:
        """The story a story command acts on.

        From the list: the highlighted story. From the reading pane or the sidebar:
        the story being read, if the pane shows a story (else the highlighted one).
        """
        screen = self.screen
        current = screen.reading.history.current
        if screen.focused_pane() != LIST and current is not None and current.story_id:
            rows = screen.stories.rows([current.story_id])
            if rows:
                return rows[0]
        return screen.stories.highlighted_row()

    # -- flags -------------------------------------------------------------------------

    def toggle_read(self) -> None:
        row = self.target_row()
        if row is not None:
            self.set_read(row, not row.read)

    def toggle_star(self) -> None:
        row = self.target_row()
        if row is not None:
            self.set_starred(row, not row.starred)
            self.screen.notify("Starred." if not row.starred else "Unstarred.", timeout=2)

    def set_read(self, row: StoryRow, read: bool) -> None:
        """Change a story's read flag at once on screen, and in the store in order."""
        screen = self.screen
        if row.read != read and screen.stories.contains(row.id):
            screen.counts = screen.counts.adjusted(-1 if read else 1)
        screen.stories.set_flags(row.id, read=read)
        self.write(lambda store: store.set_read([row.id], read))

    def set_starred(self, row: StoryRow, starred: bool) -> None:
        self.screen.stories.set_flags(row.id, starred=starred)
        self.write(lambda store: store.set_starred(row.id, starred))

    def write(self, work: Callable[[Store], object]) -> None:
        async def run() -> None:
            try:
                await self.screen.db(work)
            except Exception as error:  # a locked or broken database: say so, calmly
                self.screen.notify(
                    f"Could not save the change: {error}", severity="error", markup=False
                )

        self.screen.run_job(run, group="writes")

    # -- moving to unread stories ------------------------------------------------------

    def next_unread(self, step: int) -> None:
        self.screen.run_job(
            partial(self._next_unread, step),
            group="next-unread",
            exclusive=True,
        )

    async def _next_unread(self, step: int) -> None:
        screen = self.screen
        stories = screen.stories
        ids, start = stories.ids, stories.cursor
        unread_filter = replace(screen.view.filter, unread=True)
        unread = set(await screen.db(lambda store: store.story_ids(unread_filter)))
        unread.discard(stories.highlighted_id or -1)
        index = next_unread_index(ids, unread, start, step)
        if index is None:
            where = "below" if step > 0 else "above"
            screen.notify(f"No unread stories {where} in this view.", timeout=3)
            return
        stories.cursor = index
        screen.reading.open_story(ids[index])

    # -- whole views -------------------------------------------------------------------

    def mark_all_read(self) -> None:
        screen = self.screen
        unread = screen.counts.unread
        if not unread:
            screen.notify("Everything in this view is already read.", timeout=3)
            return
        view = screen.view
        question = f"Mark all {count_stories(unread, 'unread')} in “{view.name}” as read?"
        # A sync server marks what it had at this moment: stories reaching it while the
        # question is open stay unread there, as they do here.
        pressed = time.time()

        def answered(yes: bool | None) -> None:
            if yes:
                screen.run_job(partial(self._mark_view_read, view, pressed), group="writes")

        screen.app.push_screen(ConfirmScreen(question, yes="Mark read"), answered)

    async def _mark_view_read(self, view: View, pressed: float) -> None:
        changed = await self.screen.db(
            lambda store: store.mark_view_read(view.filter, pressed=pressed)
        )
        self.screen.listing.forget()
        self.screen.notify(f"Marked {count_stories(changed)} read.", timeout=3)
