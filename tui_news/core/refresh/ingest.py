"""Parse a fetched feed and store it in one call, made where the parsing happens.

The refresher hands this to its worker processes: the entries never travel back to
the refresh's own process, and neither does the SQLite work, so that process (and
the Textual UI, when it is the app's) keeps its one interpreter lock for the
network. Each call is still one transaction on the feed (`record_feed_update`);
SQLite's locking (WAL, BEGIN IMMEDIATE, a busy timeout) orders the workers' writes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tui_news.core.feeds.parse import parse_feed
from tui_news.core.refresh import schedule
from tui_news.core.storage import Store

# One connection per thread per database, kept for the worker's life: opening one
# (and checking the schema) for every feed would cost more than the writes.
_connections = threading.local()


@dataclass(frozen=True, slots=True)
class StoredFeed:
    """What a worker reports back: counts and ids, never the entries."""

    new: int
    updated: int
    new_story_ids: tuple[int, ...]
    warning: str | None


def parse_and_store(
    database: str,
    feed_id: int,
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    checked_at: float,
    etag: str | None,
    last_modified: str | None,
    min_interval: float,
    max_age: int | None,
    update: int | None = None,
) -> StoredFeed:
    """Parse `body` and store it as feed `feed_id`'s new state, its new stories owed
    their full text by `update` (the refresh's, `UpdateStorage.begin_update`).

    Raises NotAFeedError (nothing is written) or CacheError (the transaction is
    rolled back: the feed keeps its previous stories).
    """
    parsed = parse_feed(body, url=url, content_type=content_type)
    next_due = schedule.after_success(
        checked_at, min_interval=min_interval, max_age=max_age, ttl_seconds=parsed.ttl_seconds
    )
    result = _store(database).record_feed_update(
        feed_id,
        parsed,
        checked_at=checked_at,
        etag=etag,
        last_modified=last_modified,
        next_due=next_due,
        update=update,
    )
    return StoredFeed(result.new, result.updated, tuple(result.new_story_ids), parsed.warning)


def _store(database: str) -> Store:
    stores: dict[str, Store] | None = getattr(_connections, "stores", None)
    if stores is None:
        stores = _connections.stores = {}
    if database not in stores:
        stores[database] = Store(database)
    return stores[database]
