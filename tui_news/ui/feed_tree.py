"""The feed list's entries: the views, then the feeds grouped by tag, with unread counts.

Plain Python: the feed list pane draws these entries, and `n`/`N` follow their order
when a view runs out of unread stories and they move on to the next feed or tag.
A feed with two tags is listed under both; feeds without a tag come last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tui_news.core.models import Feed, FeedStatus
from tui_news.core.storage import Store
from tui_news.ui.text import inert
from tui_news.ui.views import ALL, STARRED, UNREAD, View, feed_view, tag_view


class Kind(Enum):
    VIEW = "view"
    TAG = "tag"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the feed list."""

    view: View
    kind: Kind
    unread: int = 0
    error: str = ""  # why a failing feed fails

    @property
    def label(self) -> str:
        return self.view.name


@dataclass(frozen=True, slots=True)
class Counts:
    """What the tree is built from, read in one go on the store thread."""

    feeds: Sequence[Feed]  # with their unread counts
    tags: Sequence[tuple[str, int]]  # each tag with its unread count
    unread: int  # in all feeds
    starred: int


UNTAGGED = "Other feeds"


def read_counts(store: Store) -> Counts:
    """Everything the tree shows, from the store (on the store thread: it scans)."""
    return Counts(
        feeds=store.feeds(with_counts=True),
        tags=store.tags(),
        unread=store.counts(UNREAD.filter)[1],
        starred=store.counts(STARRED.filter)[0],
    )


def feed_tree(counts: Counts) -> list[tuple[str, list[Entry]]]:
    """Sections of entries: the views, then one per tag, then the feeds without a tag."""
    sections = [
        (
            "",
            [
                Entry(ALL, Kind.VIEW, counts.unread),
                Entry(UNREAD, Kind.VIEW, counts.unread),
                Entry(STARRED, Kind.VIEW, counts.starred),
            ],
        )
    ]
    for tag, unread in counts.tags:
        feeds = [_feed_entry(feed) for feed in counts.feeds if tag in feed.tags]
        sections.append((tag, [Entry(tag_view(tag), Kind.TAG, unread), *feeds]))
    untagged = [_feed_entry(feed) for feed in counts.feeds if not feed.tags]
    if untagged:
        sections.append((UNTAGGED, untagged))
    return sections


def _feed_entry(feed: Feed) -> Entry:
    error = ""
    if feed.last_status in (FeedStatus.ERROR, FeedStatus.DEAD):
        error = inert(feed.last_error) or "the last check failed"
    return Entry(feed_view(feed), Kind.FEED, feed.unread_count, error)


def next_with_unread(counts: Counts, current: View, step: int) -> View | None:
    """The feed (from a feed's view) or tag (from a tag's view) after `current` in the
    list's order (before it, for a negative `step`) that has unread stories; None from
    any other view, or when no other has."""
    if current.feed_id is not None:
        kind = Kind.FEED
    elif current.filter.tag is not None and not current.is_search:
        kind = Kind.TAG
    else:
        return None
    order: list[Entry] = []
    for _section, entries in feed_tree(counts):
        for entry in entries:
            if entry.kind is kind and all(e.view != entry.view for e in order):
                order.append(entry)
    here = next((i for i, e in enumerate(order) if _same(e.view, current)), None)
    if here is None:
        return None
    for offset in range(1, len(order)):
        entry = order[(here + offset * step) % len(order)]
        if entry.unread > 0:
            return entry.view
    return None


def _same(entry: View, current: View) -> bool:
    """The same feed or tag, whatever else the current view adds (unread only)."""
    return entry.feed_id == current.feed_id and entry.filter.tag == current.filter.tag
