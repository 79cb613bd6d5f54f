"""Stories into a test's store as a refresh stores what it found in a feed."""

from __future__ import annotations

from tui_news.core.models import ParsedEntry, ParsedFeed
from tui_news.core.storage import Store


def record_fetch(
    store: Store, feed_id: int, *entries: ParsedEntry, at: float, title: str = ""
) -> tuple[int, int]:
    """`entries` as a fetch of the feed at `at` found them (no validators, nothing due):
    how many stories were new, how many updated."""
    result = store.record_feed_update(
        feed_id,
        ParsedFeed(title=title, entries=entries),
        checked_at=at,
        etag=None,
        last_modified=None,
        next_due=None,
    )
    return result.new, result.updated
