"""Filling the story list: the view's ids and counts, read off the loop, cursor kept.

The screen owns the view; this helper reads what it holds (ids, counts, the feed's
last error, the cache's change mark) on the store thread and hands the ids to the
list and the counts back to the screen, whose reactives carry them to the titles.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from tui_news.core.models import Feed, FeedStatus, Hidden
from tui_news.core.storage import FeedNotFoundError, Store
from tui_news.ui.story_line import feed_column
from tui_news.ui.text import inert
from tui_news.ui.views import ALL, Counts, View

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen

CacheMark = tuple[int, int, float, str]


def cache_mark(store: Store) -> CacheMark:
    """What changes when any newsterm (this one, or `newsterm refresh` or `sync` in a
    shell) subscribes, unsubscribes, checks a feed or syncs, and nothing else: reading,
    starring and caching articles here leave it alone. One small query, every few
    seconds."""
    return store.change_mark()


def empty_text(view: View, *, refreshing: bool, error: str | None) -> str:
    """What an empty list says: why it is empty, and what to press."""
    if view.is_search:
        return "No stories match. Press esc to clear the search."
    if refreshing:
        return "No stories yet: refreshing your feeds…"
    if view == ALL:
        return "No stories yet. Press R to refresh your feeds, or a to add one."
    if error:
        # An empty failing feed should say why, not just that it is empty.
        return (
            f"This feed failed to refresh: {error.rstrip('.')}. "
            "Press r to try again, or d to unsubscribe."
        )
    return "No stories in this view. Press f to choose another."


def failing(feed: Feed) -> bool:
    """As the view chooser judges it: the feed's last check failed."""
    return feed.last_status in (FeedStatus.ERROR, FeedStatus.DEAD)


class Listing:
    """What the story list holds, and how it was read."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.listed_view: View | None = None  # the view whose ids the list holds
        self.listed_mark: CacheMark | None = None  # the cache as the list last read it
        self.view_error: str | None = None  # the last refresh error of the feed shown
        self.keep_next: int | None = None  # the story the next view starts on, if not the top

    def load(self, *, keep: int | None = None, reset: bool = False) -> None:
        """Without `keep` and `reset`, the cursor stays on whatever story it rests on
        when the ids arrive (the user may have moved while the store was read).

        A reload that cancels a view change's load still starts the new view at the top.
        """
        self.screen.run_job(partial(self._load, keep, reset), group="view", exclusive=True)

    def show_head(self, rows: int) -> None:
        """The first frame's lines: the view's newest `rows` stories, read on the loop
        (one small query), so that the frame is not drawn empty while the whole view
        (200,000 ids) comes from the store thread. That load keeps the cursor where the
        user has moved it meanwhile."""
        screen = self.screen
        store = screen.backend.store
        screen.stories.feed_column = feed_column(feed_names(store, screen.shown_view))
        screen.stories.set_ids(store.story_head(screen.shown_view.filter, limit=rows))
        self.listed_view = screen.shown_view

    def reload(self) -> None:
        """Re-read the current view (after a refresh or a change); the cursor stays put."""
        self.load()

    async def _load(self, keep: int | None, reset: bool) -> None:
        screen = self.screen
        view = screen.shown_view
        if reset or view != self.listed_view:
            # Another view: its newest lines first (a search for a common word, or All
            # at 200,000 stories, takes 0.1-0.3 s to list whole), the rest after. Only a
            # feed's or the starred stories are few enough to count at once.
            lines = max(screen.stories.size.height, screen.app.size.height)
            small = view.feed_id is not None or view.filter.starred
            head, first_counts = await screen.db(
                lambda store: (
                    store.story_head(view.filter, limit=lines),
                    store.counts(view.filter) if small else None,
                )
            )
            if view != screen.shown_view:
                return
            self.listed_view = view
            screen.stories.set_ids(head, reset=True)
            screen.counts = Counts(counting=True) if first_counts is None else Counts(*first_counts)
            reset = False  # the whole view keeps the cursor where the user has moved it
        mark, (ids, total, unread), error, names, hidden = await screen.db(
            lambda store: (
                cache_mark(store),  # first: a change landing after it is seen again
                store.listing(view.filter),
                _feed_error(store, view),
                feed_names(store, view),
                _hidden_count(store, view),
            )
        )
        if view != screen.shown_view:
            return
        self.listed_mark = mark
        self.view_error = error
        self.show_empty_text()
        reset = reset or view != self.listed_view
        stories = screen.stories
        if keep is None and not reset:
            keep = stories.highlighted_id
        self.listed_view = view
        stories.feed_column = feed_column(names)
        stories.set_ids(ids, keep=keep, reset=reset)
        screen.counts = Counts(total, unread, hidden=hidden)
        screen.feed_pane.recount()  # the feed list's counts follow the stories'

    def show_empty_text(self) -> None:
        screen = self.screen
        refreshing = screen.refresh_running or screen.refreshing.pending
        screen.stories.empty_text = empty_text(
            screen.view, refreshing=refreshing, error=self.view_error
        )

    def forget(self) -> None:
        """The stories changed under the list (titles, flags): read them again."""
        self.screen.stories.forget_rows()
        self.reload()


def _hidden_count(store: Store, view: View) -> int:
    """How many stories of the view the kill rules hide (none while they are shown)."""
    if not store.ignore_rules or view.filter.hidden is not Hidden.HIDE:
        return 0
    return store.counts(replace(view.filter, hidden=Hidden.ONLY))[0]


def _feed_error(store: Store, view: View) -> str | None:
    if view.feed_id is None:
        return None
    try:
        feed = store.feed(view.feed_id)
    except FeedNotFoundError:
        return None
    return (inert(feed.last_error) or "the last check failed") if failing(feed) else None


def feed_names(store: Store, view: View) -> list[str]:
    """The names of the feeds whose stories the view can list."""
    if view.feed_id is not None:
        return []
    tag = view.filter.tag
    return [inert(feed.display_title) for feed in store.feeds() if tag is None or tag in feed.tags]
