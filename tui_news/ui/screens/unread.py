"""Reading on: `n`/`N`, and `space` at the end of an article, open the next unread story.

Within the view first, from the cursor on and then round from the other end; when the
view has no unread story left, on to the next feed (from a feed's view) or tag (from a
tag's view) that has some, in the feed list's order, saying so.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from tui_news.ui.feed_tree import next_with_unread, read_counts

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen
    from tui_news.ui.views import View


def next_unread_index(ids: list[int], unread: set[int], start: int, step: int) -> int | None:
    """The first index after `start` (in direction `step`) whose story is unread."""
    index = start + step
    while 0 <= index < len(ids):
        if ids[index] in unread:
            return index
        index += step
    return None


def wrapped_unread_index(ids: list[int], unread: set[int], start: int, step: int) -> int | None:
    """As `next_unread_index`, going round from the other end when the near end is reached."""
    index = next_unread_index(ids, unread, start, step)
    if index is None:
        index = next_unread_index(ids, unread, -1 if step > 0 else len(ids), step)
    return index


class UnreadNavigation:
    """Finding the next unread story, in this view or the next."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def next_unread(self, step: int) -> None:
        self.screen.run_job(partial(self._next_unread, step), group="next-unread", exclusive=True)

    async def _next_unread(self, step: int) -> None:
        screen = self.screen
        stories = screen.stories
        view = screen.view
        ids, start = stories.ids, stories.cursor
        unread = set(
            await screen.db(lambda store: store.story_ids(replace(view.filter, unread=True)))
        )
        unread.discard(stories.highlighted_id or -1)
        if view != screen.view:
            return  # the user chose another view meanwhile
        index = wrapped_unread_index(ids, unread, start, step)
        if index is not None:
            if (index - start) * step < 0:  # went round
                where = "top" if step > 0 else "bottom"
                screen.notify(f"Back to the {where} of {view.name}.", timeout=2, markup=False)
            stories.cursor = index
            screen.reading.open_story(ids[index])
            return
        await self._move_on(view, step)

    async def _move_on(self, view: View, step: int) -> None:
        """The view has nothing unread: open the first unread story of the next feed or
        tag that has one (the last, going back)."""
        screen = self.screen
        counts = await screen.db(read_counts)
        target = next_with_unread(counts, view, step)
        if target is None:
            screen.notify(f"No unread stories left in {view.name}.", timeout=3, markup=False)
            return
        found = await screen.db(lambda store: store.story_ids(replace(target.filter, unread=True)))
        if not found or view != screen.view:
            return
        story_id = found[0] if step > 0 else found[-1]
        screen.notify(
            f"No more unread in {view.name}: on to {target.name}.", timeout=3, markup=False
        )
        screen.set_view(target, keep=story_id)
        screen.reading.open_story(story_id)
