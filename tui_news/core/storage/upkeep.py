"""Keeping the cache small: old stories pruned, the file compacted.

Pruning deletes unstarred stories dated before a cut-off, their search entries, and
articles fetched before it that no remaining story links to. A pruned story's key is
kept while its feed still lists it: otherwise the next refresh would store it again,
as a new unread story. The key goes once the feed no longer lists it. A story from a
sync server leaves its id there behind for the same reason (`sync_items`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from tui_news.core.storage import search_index
from tui_news.core.storage.base import StorageBase, cache_errors

# SQLite caps host parameters per statement; stay well under it.
_CHUNK = 500
_OLD = "sort_time < ? AND starred = 0"


@dataclass(frozen=True, slots=True)
class Pruned:
    """What one prune deleted."""

    stories: int = 0
    articles: int = 0


class UpkeepStorage(StorageBase):
    """Pruning and compaction."""

    def prune(self, *, older_than: float) -> Pruned:
        """Delete unstarred stories dated before `older_than` (a Unix time), in one
        transaction, with their search entries and the articles only they linked to."""
        with self.transaction() as conn:
            conn.execute(
                f"INSERT OR IGNORE INTO pruned_keys (feed_id, key) "
                f"SELECT feed_id, key FROM stories WHERE {_OLD}",
                (older_than,),
            )
            conn.execute(
                f"INSERT OR IGNORE INTO sync_pruned (remote_id) SELECT l.remote_id "
                f"FROM sync_items l JOIN stories ON stories.id = l.story_id WHERE {_OLD}",
                (older_than,),
            )
            search_index.unindex(conn, f"SELECT id FROM stories WHERE {_OLD}", (older_than,))
            stories = conn.execute(f"DELETE FROM stories WHERE {_OLD}", (older_than,)).rowcount
            # An article is kept while a story links to it, whenever it was fetched; one
            # read by URL alone (`newsterm read`) goes once it is as old as the stories.
            articles = conn.execute(
                "DELETE FROM articles WHERE fetched < ? "
                "AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.url = articles.url)",
                (older_than,),
            ).rowcount
        return Pruned(stories=stories, articles=articles)

    def fill_search_index(self, stories: int | None = None) -> bool:
        """Copy the next `stories` stories (`search_index.BATCH`: ~20 ms) into schema 11's
        search index, in a transaction of its own; True once that index is whole and the
        one searched, and the old one gone."""
        with self.transaction() as conn:
            return search_index.fill(conn, stories or search_index.BATCH)

    def search_index_filling(self) -> bool:
        with cache_errors(), self.lock:
            return search_index.filling(self.conn)

    def compact(self) -> None:
        """Finish the search index, merge it and rewrite the file without its free pages.

        Takes as long as copying the file (seconds for 200,000 stories) and holds the
        write lock meanwhile: a command for the user to run, never done behind their back.
        """
        while not self.fill_search_index(search_index.WHOLE):
            pass
        with cache_errors(), self.lock:
            self.conn.execute("INSERT INTO story_search (story_search) VALUES ('optimize')")
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def still_listed_pruned(conn: sqlite3.Connection, feed_id: int, keys: list[str]) -> set[str]:
    """Of a feed's entry `keys` (the whole feed as just fetched), those pruned before.

    Inside the ingest transaction. Keys pruned earlier that the feed no longer lists are
    forgotten: the feed cannot bring them back.
    """
    pruned = {
        row[0] for row in conn.execute("SELECT key FROM pruned_keys WHERE feed_id = ?", (feed_id,))
    }
    if not pruned or not keys:
        return set()  # an empty document is a feed's hiccup more often than its end
    listed = pruned.intersection(keys)
    gone = sorted(pruned - listed)
    for start in range(0, len(gone), _CHUNK):
        chunk = gone[start : start + _CHUNK]
        conn.execute(
            f"DELETE FROM pruned_keys WHERE feed_id = ? AND key IN ({','.join('?' * len(chunk))})",
            (feed_id, *chunk),
        )
    return listed
