"""Story commands: read and star flags, marking a view (or its older part) read, undo.

A flag changes on screen at once and in the store in order, on the store thread. Each
command that changes flags is remembered, so `u` can put them back.
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
from tui_news.ui.text import count_stories, error_message, inert
from tui_news.ui.undo import Change, UndoStack
from tui_news.ui.views import View

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen


class StoryActions:
    """Commands that change stories."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.undo_stack = UndoStack()
        # Stories the user marked unread with m this session. Showing one again (back,
        # forward, reopening it) leaves it unread: the user said to keep it so, and only
        # the user marks it read again (m, M, A).
        self.kept_unread: set[int] = set()

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
            what = "marked a story unread" if row.read else "marked a story read"
            self.undo_stack.push(Change(what, "read", {row.id: row.read}))
            if row.read:
                self.kept_unread.add(row.id)
            else:
                self.kept_unread.discard(row.id)
            self.set_read(row, not row.read)

    def toggle_star(self) -> None:
        row = self.target_row()
        if row is not None:
            what = "unstarred a story" if row.starred else "starred a story"
            self.undo_stack.push(Change(what, "starred", {row.id: row.starred}))
            self.set_starred(row, not row.starred)
            self.screen.notify("Starred." if not row.starred else "Unstarred.", timeout=2)

    def marks_read_on_open(self, story_id: int) -> bool:
        """Whether showing this story may mark it read (the setting allows it, and the
        user did not keep it unread)."""
        return self.screen.config.mark_read_on_open and story_id not in self.kept_unread

    def set_read(self, row: StoryRow, read: bool) -> None:
        """Change a story's read flag at once on screen, and in the store in order."""
        screen = self.screen
        if row.read != read and screen.stories.contains(row.id):
            screen.counts = screen.counts.adjusted(-1 if read else 1)
        screen.stories.set_flags(row.id, read=read)
        self.write(lambda store: store.set_read([row.id], read))
        screen.feed_pane.recount()

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

    # -- whole views -------------------------------------------------------------------

    def mark_all_read(self) -> None:
        screen = self.screen
        unread = screen.counts.unread
        if not unread:
            screen.notify("Everything in this view is already read.", timeout=3)
            return
        view = screen.view
        search = view.filter.search
        where = f"found by “{inert(search)}”" if search is not None else f"in “{view.name}”"
        question = f"Mark all {count_stories(unread, 'unread')} {where} as read?"
        # The stories here at this moment are marked (and only they, on a sync server):
        # one a refresh or sync brings while the question is open stays unread.
        pressed = time.time()

        def answered(yes: bool | None) -> None:
            if yes:
                screen.run_job(partial(self._mark_view_read, view, pressed), group="writes")

        screen.app.push_screen(ConfirmScreen(question, yes="Mark read"), answered)

    async def _mark_view_read(self, view: View, pressed: float) -> None:
        def mark(store: Store) -> tuple[list[int], int]:
            unread = store.story_ids(replace(view.filter, unread=True))
            return unread, store.mark_view_read(view.filter, pressed=pressed)

        unread, changed = await self.screen.db(mark)
        what = f"marked {count_stories(changed)} read"
        self.undo_stack.push(Change(what, "read", dict.fromkeys(unread, False)))
        self.screen.listing.forget()
        self.screen.notify(f"Marked {count_stories(changed)} read.", timeout=3)

    def mark_older_read(self) -> None:
        """Every unread story below the cursor (older, in the list's order) turns read."""
        stories = self.screen.stories
        older = stories.ids[stories.cursor + 1 :]
        if not older:
            self.screen.notify("Nothing is older than this story here.", timeout=3)
            return
        self.screen.run_job(partial(self._mark_read, older, "older "), group="writes")

    async def _mark_read(self, ids: list[int], adjective: str) -> None:
        screen = self.screen
        unread_filter = replace(screen.view.filter, unread=True)

        def mark(store: Store) -> list[int]:
            unread = set(store.story_ids(unread_filter))
            changed = [story_id for story_id in ids if story_id in unread]
            store.set_read(changed, True)
            return changed

        changed = await screen.db(mark)
        if not changed:
            screen.notify(f"Every {adjective}story here is already read.", timeout=3)
            return
        what = f"marked {count_stories(len(changed), adjective.strip())} read"
        self.undo_stack.push(Change(what, "read", dict.fromkeys(changed, False)))
        screen.listing.forget()
        screen.notify(f"{what.capitalize()} (u undoes).", timeout=3)

    # -- undo --------------------------------------------------------------------------

    def undo(self) -> None:
        change = self.undo_stack.pop()
        if change is None:
            self.screen.notify("Nothing to undo.", timeout=3)
            return
        self.screen.run_job(partial(self._undo, change), group="writes")

    async def _undo(self, change: Change) -> None:
        def put_back(store: Store) -> None:
            if change.flag == "read":
                for value in (True, False):
                    ids = [i for i, was in change.before.items() if was is value]
                    if ids:
                        store.set_read(ids, value)
            else:
                for story_id, was in change.before.items():
                    store.set_starred(story_id, was)

        try:
            await self.screen.db(put_back)
        except Exception as error:  # a locked or broken database: say so, calmly
            self.undo_stack.push(change)  # still there to undo later
            self.screen.notify(
                f"Could not undo: {error_message(error)}", severity="error", markup=False
            )
            return
        self.screen.listing.forget()
        self.screen.notify(f"Undone: {change.what}.", timeout=3)
