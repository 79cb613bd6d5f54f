"""Feed commands: choose a view, subscribe, unsubscribe.

Dialogs open at once, before anything is counted or read, so the keys typed right
after `f`, `a` or `d` reach them (see type_ahead); their contents follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from tui_news.core.errors import NewstermError
from tui_news.core.filters.rules import SavedView
from tui_news.core.models import Feed, StoryFilter
from tui_news.core.storage import FeedNotFoundError, Store
from tui_news.core.urls import no_https_words
from tui_news.ui.backend import NewFeed
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.screens.edit_feed import EditFeedScreen
from tui_news.ui.screens.view_chooser import ViewChooser
from tui_news.ui.text import count_stories, error_message, inert
from tui_news.ui.views import (
    ALL,
    STARRED,
    UNREAD,
    Choice,
    View,
    feed_view,
    view_choices,
    with_saved,
)

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen


def _choices(store: Store) -> list[Choice]:
    counts = {
        "all": store.counts(ALL.filter),
        "unread": store.counts(UNREAD.filter),
        "starred": store.counts(STARRED.filter),
    }
    return view_choices(store.feeds(with_counts=True), store.tags(), counts)


def _saved_counts(store: Store, saved: Sequence[SavedView]) -> list[tuple[SavedView, int]]:
    return [(view, store.counts(StoryFilter(expression=view.node))[1]) for view in saved]


def _and_delete(count: int) -> str:
    """What else unsubscribing removes, in words ("its 0 stories" reads as a glitch)."""
    if count == 0:
        return ""
    return " and delete its story" if count == 1 else f" and delete its {count_stories(count)}"


class FeedActions:
    """Commands that change what the list shows or what the user is subscribed to."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    # -- views -------------------------------------------------------------------------

    def choose_view(self) -> None:
        screen = self.screen
        # Open first, count afterwards: keys typed right after f must reach the dialog.
        saved = tuple(screen.saved_views)

        def choices(store: Store) -> list[Choice]:
            return with_saved(_choices(store), _saved_counts(store, saved))

        dialog = ViewChooser(lambda: screen.db(choices), screen.view)
        screen.app.push_screen(dialog, self._view_chosen)

    def _view_chosen(self, view: View | None) -> None:
        if view is not None:
            self.screen.set_view(view)
            self.screen.stories.focus()

    # -- subscriptions -----------------------------------------------------------------

    def add_feed(self) -> None:
        self.screen.app.push_screen(AddFeedScreen(self.screen.backend.subscribe), self.feed_added)

    def feed_added(self, new: NewFeed | None) -> None:
        if new is None:
            return
        feed = new.feed
        over_http = f" · {no_https_words(feed.url)}" if new.over_http else ""
        self.screen.notify(
            f"Subscribed to {inert(feed.display_title)} · {count_stories(new.new_stories)}"
            + over_http,
            markup=False,
        )
        self.screen.set_view(feed_view(feed))
        self.screen.stories.focus()
        self.screen.prefetching.start_for(new)

    def current_feed(self) -> Feed | None:
        """The feed highlighted in the focused feed list, else the feed shown, else the
        highlighted story's; None (and a word) if none."""
        screen = self.screen
        entry = screen.feed_list.highlighted_entry if screen.feed_list.has_focus else None
        feed_id = entry.view.feed_id if entry is not None else None
        if feed_id is None:
            feed_id = screen.view.feed_id
        if feed_id is None:
            row = screen.stories.highlighted_row()
            feed_id = row.feed_id if row is not None else None
        if feed_id is None:
            screen.notify("Choose a feed first (f), or highlight one of its stories.")
            return None
        try:
            return screen.backend.store.feed(feed_id)  # a primary-key read: fine on the loop
        except FeedNotFoundError:
            screen.notify("That feed is no longer subscribed.")
            return None

    def edit_feed(self) -> None:
        feed = self.current_feed()
        if feed is not None:
            dialog = EditFeedScreen(feed, self.screen.backend.edit_feed)
            self.screen.app.push_screen(dialog, partial(self._feed_edited, feed.id))

    def _feed_edited(self, edited: int, feed: Feed | None) -> None:
        """`edited` was the feed's id: a move on a `[sync]` server makes it a new feed."""
        if feed is None:
            return
        screen = self.screen
        screen.notify(f"Saved {inert(feed.display_title)}.", markup=False)
        screen.listing.forget()  # the list shows the feed's title on every story
        screen.refreshing.show_failing_feeds()
        if screen.view.feed_id == edited:
            screen.set_view(feed_view(feed))  # the view's title is the feed's
        elif feed.id != edited:
            screen.reload_view()  # the old feed's stories left with it

    def delete_feed(self) -> None:
        screen = self.screen
        feed = self.current_feed()
        if feed is None:
            return
        feed_id = feed.id
        # Ask at once (a y or n typed right after d answers it); the count follows.
        name = inert(feed.display_title)
        dialog = ConfirmScreen(f"Unsubscribe from “{name}”?", yes="Delete")

        def answered(yes: bool | None) -> None:
            if yes:
                screen.run_job(partial(self._delete_feed, feed_id, name), group="writes")

        screen.app.push_screen(dialog, answered)
        screen.run_job(
            partial(self._count_feed_stories, dialog, feed_id, name),
            group="delete-feed",
        )

    async def _count_feed_stories(self, dialog: ConfirmScreen, feed_id: int, name: str) -> None:
        total, _unread = await self.screen.db(
            lambda store: store.counts(StoryFilter(feed_id=feed_id))
        )
        dialog.ask(f"Unsubscribe from “{name}”{_and_delete(total)}?")

    async def _delete_feed(self, feed_id: int, name: str) -> None:
        screen = self.screen
        gone = await screen.db(lambda store: store.story_ids(StoryFilter(feed_id=feed_id)))
        screen.reading.stop_warming()
        if screen.backend.core.syncing:
            screen.notify(f"Unsubscribing from {name} on the server…", markup=False)
        try:
            await screen.backend.unsubscribe(feed_id)
        except NewstermError as refused:  # Fever cannot; the server is down or says no
            screen.notify(
                error_message(refused), title="Not unsubscribed", severity="error", markup=False
            )
            return
        screen.notify(f"Unsubscribed from {name}.", markup=False)
        screen.refreshing.show_failing_feeds()
        screen.reading.forget_stories(set(gone))
        if screen.view.feed_id == feed_id:
            screen.set_view(ALL)
        else:
            screen.listing.forget()
