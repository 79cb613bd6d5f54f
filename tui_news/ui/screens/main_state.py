"""The main screen's state, shared by the parts it is split into (one per concern).

The screen owns the state (the view, what the reading pane shows, the history, the
refresh in progress); the panes render it and post intent messages. `MainScreen`
is assembled from `ReadingPart`, `RefreshPart` and `StoryActionsPart`, which all
build on this class.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import work
from textual.timer import Timer

from tui_news.config import Config
from tui_news.core.models import Feed, FeedStatus, StoryRow
from tui_news.core.storage import FeedNotFoundError, Store
from tui_news.ui.commands import LIST, READER, RELATED
from tui_news.ui.history import History
from tui_news.ui.screens.type_ahead import TypeAheadScreen
from tui_news.ui.text import inert
from tui_news.ui.views import ALL, View
from tui_news.ui.widgets.reading_pane import ReadingPane
from tui_news.ui.widgets.related_sidebar import RelatedSidebar
from tui_news.ui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from tui_news.core.refresh.refresher import Refresher
    from tui_news.ui.backend import Backend

T = TypeVar("T")


class MainState(TypeAheadScreen[None]):
    """State and small helpers; no bindings, no layout."""

    def __init__(self, backend: Backend, config: Config, *, clock: Callable[[], float]) -> None:
        super().__init__()
        self.backend = backend
        self.config = config
        self.clock = clock
        self.view: View = ALL
        self.view_before_search: View = ALL
        self.listed_view: View | None = None  # the view whose ids the list holds
        self.listed_mark: CacheMark | None = None  # the cache as the list last read it
        self.view_counts: tuple[int, int] = (0, 0)
        self.view_error: str | None = None  # the last refresh error of the feed shown
        self.updated = ""  # "Updated 14:05", once a refresh has finished
        self.failing_feeds: frozenset[int] = frozenset()  # as the header last counted them
        self.history = History()
        self.refresher: Refresher | None = None
        self.refresh_running = False
        self.refresh_pending = config.refresh_on_start  # the start-up refresh is coming
        self.refresh_lock = threading.Lock()
        self.closing = threading.Event()
        self.warmup_timer: Timer | None = None

    def note_activity(self) -> None:
        """The user is moving around: postpone the warm-up imports (they cost keys)."""
        if self.warmup_timer is not None:
            self.warmup_timer.reset()

    # -- panes -------------------------------------------------------------------------

    @property
    def stories(self) -> StoryList:
        return self.query_one("#stories", StoryList)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def related(self) -> RelatedSidebar:
        return self.query_one("#related", RelatedSidebar)

    def focused_pane(self) -> str:
        """Which pane has focus: "list", "reader" or "related" (the list by default)."""
        node = self.focused
        while node is not None:
            if node.id == "reader":
                return READER
            if node.id == "related":
                return RELATED
            node = node.parent  # type: ignore[assignment]
        return LIST

    # -- data --------------------------------------------------------------------------

    async def db(self, work: Callable[[Store], T]) -> T:
        """Run store work that may be slow (a scan, a write) on the store thread."""
        return await self.backend.background.call(work)

    def target_row(self) -> StoryRow | None:
        """The story a story command acts on.

        From the list: the highlighted story. From the reading pane or the sidebar:
        the story being read, if the pane shows a story (else the highlighted one).
        """
        current = self.history.current
        if self.focused_pane() != LIST and current is not None and current.story_id:
            rows = self.stories.rows([current.story_id])
            if rows:
                return rows[0]
        return self.stories.highlighted_row()

    # -- the view ----------------------------------------------------------------------

    def set_view(self, view: View) -> None:
        """Show another view, from its newest story."""
        self.view = view
        self.update_view_title()
        self.load_view(keep=None, reset=True)

    def reload_view(self) -> None:
        """Re-read the current view (after a refresh or a change); the cursor stays put."""
        self.load_view(keep=None, reset=False)

    @work(exclusive=True, group="view", exit_on_error=False)
    async def load_view(self, keep: int | None, reset: bool) -> None:
        """Without `keep` and `reset`, the cursor stays on whatever story it rests on
        when the ids arrive (the user may have moved while the store was read).

        A reload that cancelled a view change's load still starts the new view at the top.
        """
        view = self.view
        mark, ids, counts, error = await self.db(
            lambda store: (
                cache_mark(store),  # first: a change landing after it is seen again
                store.story_ids(view.filter),
                store.counts(view.filter),
                _feed_error(store, view),
            )
        )
        if view != self.view:
            return
        self.listed_mark = mark
        self.view_counts = counts
        self.view_error = error
        self.stories.empty_text = self.empty_text()
        reset = reset or view != self.listed_view
        if keep is None and not reset:
            keep = self.stories.highlighted_id
        self.listed_view = view
        self.stories.set_ids(ids, keep=keep, reset=reset)
        self.update_view_title()

    def empty_text(self) -> str:
        if self.view.is_search:
            return "No stories match. Press esc to clear the search."
        if self.refresh_running or self.refresh_pending:
            return "No stories yet: refreshing your feeds…"
        if self.view == ALL:
            return "No stories yet. Press R to refresh your feeds, or a to add one."
        if self.view_error:
            # An empty failing feed should say why, not just that it is empty.
            return (
                f"This feed failed to refresh: {self.view_error.rstrip('.')}. "
                "Press r to try again, or d to unsubscribe."
            )
        return "No stories in this view. Press f to choose another."

    @work(exclusive=True, group="failing", exit_on_error=False)
    async def show_failing_feeds(self) -> None:
        """The header counts every feed now failing, not only those the last refresh tried."""
        if not self.updated:
            return
        failing = await self.db(
            lambda store: frozenset(feed.id for feed in store.feeds() if _failing(feed))
        )
        self.failing_feeds = failing
        if not self.refresh_running:
            count = f" · {len(failing)} failed" if failing else ""
            self.sub_title = self.updated + count

    def update_view_title(self) -> None:
        total, unread = self.view_counts
        pane = self.query_one("#list-pane")
        pane.border_title = Text(self.view.name)  # type: ignore[assignment]
        pane.border_subtitle = Text(f"{unread:,} unread · {total:,}")  # type: ignore[assignment]

    def adjust_unread(self, delta: int) -> None:
        total, unread = self.view_counts
        self.view_counts = (total, max(0, min(total, unread + delta)))
        self.update_view_title()

    # -- flags -------------------------------------------------------------------------

    def set_read(self, row: StoryRow, read: bool) -> None:
        """Change a story's read flag at once on screen, and in the store in order."""
        if row.read != read and self.stories.contains(row.id):
            self.adjust_unread(-1 if read else 1)
        self.stories.set_flags(row.id, read=read)
        self.write(lambda store: store.set_read([row.id], read))

    def set_starred(self, row: StoryRow, starred: bool) -> None:
        self.stories.set_flags(row.id, starred=starred)
        self.write(lambda store: store.set_starred(row.id, starred))

    def write(self, work: Callable[[Store], object]) -> None:
        async def run() -> None:
            try:
                await self.db(work)
            except Exception as error:  # a locked or broken database: say so, calmly
                self.notify(f"Could not save the change: {error}", severity="error", markup=False)

        self.run_worker(run(), group="writes")


CacheMark = tuple[int, int, float]


def cache_mark(store: Store) -> CacheMark:
    """What changes when any newsterm (this one, or `newsterm refresh` in a shell)
    subscribes, unsubscribes or checks a feed, and nothing else: reading, starring and
    caching articles leave it alone. One small query, every few seconds."""
    return store.change_mark()


def _feed_error(store: Store, view: View) -> str | None:
    if view.feed_id is None:
        return None
    try:
        feed = store.feed(view.feed_id)
    except FeedNotFoundError:
        return None
    return (inert(feed.last_error) or "the last check failed") if _failing(feed) else None


def _failing(feed: Feed) -> bool:
    """As the view chooser judges it: the feed's last check failed."""
    return feed.last_status in (FeedStatus.ERROR, FeedStatus.DEAD)
