"""Story and feed commands: read/star flags, next unread, mark all, views, add/delete."""

from __future__ import annotations

from dataclasses import replace

from textual import work

from tui_news.core.models import StoryFilter
from tui_news.core.storage import FeedNotFoundError, Store
from tui_news.ui.backend import NewFeed
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.screens.reading import ReadingPart
from tui_news.ui.screens.view_chooser import ViewChooser
from tui_news.ui.text import count_stories, inert
from tui_news.ui.views import ALL, STARRED, UNREAD, Choice, View, feed_view, view_choices


def next_unread_index(ids: list[int], unread: set[int], start: int, step: int) -> int | None:
    """The first index after `start` (in direction `step`) whose story is unread."""
    index = start + step
    while 0 <= index < len(ids):
        if ids[index] in unread:
            return index
        index += step
    return None


def _choices(store: Store) -> list[Choice]:
    counts = {
        "all": store.counts(ALL.filter),
        "unread": store.counts(UNREAD.filter),
        "starred": store.counts(STARRED.filter),
    }
    return view_choices(store.feeds(with_counts=True), store.tags(), counts)


class StoryActionsPart(ReadingPart):
    """Commands that change stories or subscriptions."""

    # -- flags -------------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        row = self.target_row()
        if row is not None:
            self.set_read(row, not row.read)

    def action_toggle_star(self) -> None:
        row = self.target_row()
        if row is not None:
            self.set_starred(row, not row.starred)
            self.notify("Starred." if not row.starred else "Unstarred.", timeout=2)

    @work(exclusive=True, group="next-unread", exit_on_error=False)
    async def action_next_unread(self, step: int) -> None:
        ids, start = self.stories.ids, self.stories.cursor
        unread_filter = replace(self.view.filter, unread=True)
        unread = set(await self.db(lambda store: store.story_ids(unread_filter)))
        unread.discard(self.stories.highlighted_id or -1)
        index = next_unread_index(ids, unread, start, step)
        if index is None:
            where = "below" if step > 0 else "above"
            self.notify(f"No unread stories {where} in this view.", timeout=3)
            return
        self.stories.cursor = index
        self.open_story(ids[index])

    def action_mark_all_read(self) -> None:
        _total, unread = self.view_counts
        if not unread:
            self.notify("Everything in this view is already read.", timeout=3)
            return
        view = self.view
        question = f"Mark all {count_stories(unread, 'unread')} in “{view.name}” as read?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_view_read(view)

        self.app.push_screen(ConfirmScreen(question, yes="Mark read"), answered)

    @work(group="writes", exit_on_error=False)
    async def mark_view_read(self, view: View) -> None:
        changed = await self.db(lambda store: store.mark_view_read(view.filter))
        self.stories.forget_rows()
        self.reload_view()
        self.notify(f"Marked {count_stories(changed)} read.", timeout=3)

    # -- views -------------------------------------------------------------------------

    def action_choose_view(self) -> None:
        # Open first, count afterwards: keys typed right after f must reach the dialog.
        self.app.push_screen(ViewChooser(lambda: self.db(_choices), self.view), self._view_chosen)

    def _view_chosen(self, view: View | None) -> None:
        if view is not None:
            self.set_view(view)
            self.stories.focus()

    # -- subscriptions -----------------------------------------------------------------

    def action_add_feed(self) -> None:
        self.app.push_screen(AddFeedScreen(self.backend.subscribe), self._feed_added)

    def _feed_added(self, new: NewFeed | None) -> None:
        if new is None:
            return
        feed = new.feed
        self.notify(
            f"Subscribed to {inert(feed.display_title)} · {count_stories(new.new_stories)}",
            markup=False,
        )
        self.set_view(feed_view(feed))
        self.stories.focus()

    def action_delete_feed(self) -> None:
        feed_id = self.view.feed_id
        if feed_id is None:
            row = self.stories.highlighted_row()
            feed_id = row.feed_id if row is not None else None
        if feed_id is None:
            self.notify("Choose a feed first (f), or highlight one of its stories.")
            return
        try:
            feed = self.backend.store.feed(feed_id)  # a primary-key read: fine on the loop
        except FeedNotFoundError:
            self.notify("That feed is no longer subscribed.")
            return
        # Ask at once (a y or n typed right after d answers it); the count follows.
        name = inert(feed.display_title)
        dialog = ConfirmScreen(f"Unsubscribe from “{name}”?", yes="Delete")

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_feed(feed_id, name)

        self.app.push_screen(dialog, answered)
        self.count_feed_stories(dialog, feed_id, name)

    @work(group="delete-feed", exit_on_error=False)
    async def count_feed_stories(self, dialog: ConfirmScreen, feed_id: int, name: str) -> None:
        total, _unread = await self.db(lambda store: store.counts(StoryFilter(feed_id=feed_id)))
        dialog.ask(f"Unsubscribe from “{name}”{_and_delete(total)}?")

    @work(group="writes", exit_on_error=False)
    async def delete_feed(self, feed_id: int, name: str) -> None:
        gone = await self.db(lambda store: store.story_ids(StoryFilter(feed_id=feed_id)))
        await self.db(lambda store: store.remove_feed(feed_id))
        self.notify(f"Unsubscribed from {name}.", markup=False)
        self.show_failing_feeds()
        shown = self.history.current
        self.history.forget_story(set(gone))
        if shown is not None and self.history.current != shown:
            if self.history.current is not None:
                self.show_location(self.history.current)
            else:
                self.reader.show_placeholder()
                self.related.show_message("Related links appear here when you open a story.")
        if self.view.feed_id == feed_id:
            self.set_view(ALL)
        else:
            self.stories.forget_rows()
            self.reload_view()


def _and_delete(count: int) -> str:
    """What else unsubscribing removes, in words ("its 0 stories" reads as a glitch)."""
    if count == 0:
        return ""
    return " and delete its story" if count == 1 else f" and delete its {count_stories(count)}"
