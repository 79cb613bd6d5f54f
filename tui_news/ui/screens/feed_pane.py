"""What the feed list shows: the views, tags and feeds, counted on the store thread.

Counting scans the stories, so it runs off the loop, at most a few times a second
(`recount` waits for a quiet moment), and only while the list is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_news.ui.feed_tree import feed_tree, read_counts

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui_news.ui.screens.main import MainScreen
    from tui_news.ui.views import View

RECOUNT_DELAY = 0.3


class FeedPane:
    """Keeps the feed list's entries and counts current."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._timer: Timer | None = None

    def recount(self) -> None:
        """Something changed the counts: count again once things settle."""
        if not self.screen.show_feeds:
            return  # counted when it is shown again
        if self.screen.refresh_running:
            return  # counted when it ends: the refresh's merges come once a second
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(RECOUNT_DELAY, self._start)

    def _start(self) -> None:
        self._timer = None
        self.screen.run_job(self._count, group="feed-counts", exclusive=True)

    async def _count(self) -> None:
        # The tree too is built on the store thread (5 ms for 1,000 feeds).
        tree = await self.screen.db(lambda store: feed_tree(read_counts(store)))
        self.screen.feed_list.show(tree, self.screen.view)

    def chosen(self, view: View) -> None:
        """An entry was picked: the list shows its stories, the cursor goes there."""
        screen = self.screen
        screen.set_view(view)
        screen.set_focus(screen.stories)
