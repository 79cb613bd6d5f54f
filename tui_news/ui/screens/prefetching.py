"""Full text in the background: after a refresh or a sync (the service's update, on its
thread) or an add (on one of its own), the new stories' articles are fetched; progress
shows where refresh progress does.

The policy (which stories, how politely) is the service's; this only runs it off the
loop and shows it: "Fetching articles 12/40" in the header, the list's cached marks
redrawn a few times a second at most, and a search view read again as text arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_news.ui.messages import PostedUpdate

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui_news.reader.prefetch import PrefetchSummary
    from tui_news.ui.backend import NewFeed
    from tui_news.ui.screens.main import MainScreen

STATUS_INTERVAL = 0.25
LIST_INTERVAL = 1.0
LABEL = " · Fetching articles"


class Prefetching:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._status = ""
        self._status_timer: Timer | None = None
        self._list_timer: Timer | None = None

    # -- after an add ---------------------------------------------------------------------

    def start_for(self, new: NewFeed) -> None:
        """A feed just subscribed in the app: its stories' articles, on a thread. (After
        a refresh or a sync, the service's update fetches them, on the refresh's.)"""
        screen = self.screen
        events = PostedUpdate(screen)

        def work() -> None:
            store = screen.backend.open_store()
            summary: PrefetchSummary | None = None
            try:
                summary = screen.backend.prefetch_new_feed(
                    store,
                    new,
                    stop=screen.refreshing.closing.is_set,
                    on_progress=events.prefetch_progress,
                )
            finally:
                events.prefetched(summary)
                store.close()

        screen.run_worker(work, thread=True, group="prefetch-new", exit_on_error=False)

    # -- on the loop ---------------------------------------------------------------------

    def progress(self, done: int, total: int) -> None:
        first = not self._status
        self._status = f"{LABEL} {done:,}/{total:,}"
        screen = self.screen
        if first:
            self._show_status()  # at once: a short prefetch may end before a timer fires
        elif self._status_timer is None:
            self._status_timer = screen.set_timer(STATUS_INTERVAL, self._show_status)
        if self._list_timer is None:
            self._list_timer = screen.set_timer(LIST_INTERVAL, self._show_cached)

    def finished(self, summary: PrefetchSummary | None) -> None:
        self._status = ""
        for timer in (self._status_timer, self._list_timer):
            if timer is not None:
                timer.stop()
        self._status_timer = self._list_timer = None
        self._show_status()
        if summary is not None:
            self._show_cached()

    def _show_status(self) -> None:
        self._status_timer = None
        screen = self.screen
        if screen.refresh_running:
            return  # the refresh's own progress has the header
        base = (screen.sub_title or "").split(LABEL, 1)[0]
        screen.sub_title = base + self._status

    def _show_cached(self) -> None:
        """Redraw the list's marks (its visible rows, read again: one small query); a
        search view may match more stories now, so it is listed again."""
        self._list_timer = None
        screen = self.screen
        if screen.view.is_search:
            screen.listing.forget()
        else:
            screen.stories.forget_rows()
