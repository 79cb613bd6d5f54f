"""A sync server's items in the cache, and which stories a sync brought.

Items are stored page by page, each page in one transaction with its links to the
server's ids, the stories' read and starred marks and the server's paging cursor after
it. A sync cut short (the server fails, Ctrl-C, a crash) so keeps whole pages and no
story without its link (which would come back as a duplicate) or its marks, and the
next sync goes on from the cursor. Keeping them, rather than one transaction for a
whole sync, is for big servers: a first sync of 100,000 items takes minutes, would hold
the cache's write lock all that time (every mark in the app waiting) and would start
over after every dropped connection. Each story stored is owed by the update storing
it (`updates.owe`): the stories of a sync cut short before its summary are the next
one's new stories too, and their full text is fetched.

A story already here (read before sync was on) is linked to its server item, and the
two sides' marks are joined: read or starred on either side is read or starred on both.
What only this side had is queued for the server in the same transaction; taking the
server's state as the truth would have undone every star and read made here before.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tui_news.core.models import ParsedEntry
from tui_news.core.storage.base import SYNC_CHANGED, StorageBase
from tui_news.core.storage.stories import _chunks, _insert_story
from tui_news.core.storage.updates import owe

CURSOR = "sync_cursor"
# How long a pruned story's server id is kept once the server no longer lists it: a
# partial or failed answer at one sync, or a week away, drops none.
PRUNED_UNLISTED_DAYS = 30
# The queue's kind of an unread or unstar mark held by story (its target the story's id)
# while a reinstalled server's items are joined anew (`SyncStorage.forget_sync_links`).
HELD = "story"
# A story no longer linked to a server id gives up the key made of it ("newsterm-sync:7",
# `sync.entries.item_entry`): the server may give that id to another item of the feed (ids reused,
# a reinstalled server), which is then stored as a story of its own under that key.
UNLINKED_KEY = "'newsterm-unlinked:' || id"


@dataclass(frozen=True, slots=True)
class ServerItem:
    """A server item, already sanitised into an entry, with its state there."""

    remote_id: str
    remote_feed: str
    entry: ParsedEntry
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class LinkedStory:
    """A story linked to a server id: its link, title and text (sanitised HTML)."""

    url: str
    title: str
    text: str


class SyncItemStorage(StorageBase):
    """The server's items, stored page by page."""

    def remote_item_ids(self) -> set[str]:
        """The server's ids of the stories here."""
        return {row[0] for row in self._query("SELECT remote_id FROM sync_items")}

    def newest_linked(self, count: int) -> list[str]:
        """The `count` highest server ids linked here (Fever's and Google Reader's ids
        are decimal numbers that only grow: the newest items)."""
        rows = self._query(
            "SELECT remote_id FROM sync_items ORDER BY length(remote_id) DESC, remote_id DESC "
            "LIMIT ?",
            (count,),
        )
        return [row[0] for row in rows]

    def linked_stories(self, remote_ids: Sequence[str]) -> dict[str, LinkedStory]:
        """The stories linked to these server ids, as told apart from other stories."""
        found: dict[str, LinkedStory] = {}
        for chunk in _chunks(list(remote_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                "SELECT l.remote_id, s.url, s.title, coalesce(nullif(s.content, ''), s.summary) "
                f"FROM sync_items l JOIN stories s ON s.id = l.story_id "
                f"WHERE l.remote_id IN ({marks})",
                tuple(chunk),
            )
            found |= {row[0]: LinkedStory(row[1], row[2], row[3] or "") for row in rows}
        return found

    def pruned_among(self, remote_ids: Iterable[str]) -> set[str]:
        """Those of these server ids whose stories were pruned here: a sync does not
        bring them back. (Asked of the ids a server lists, not all loaded: a cache
        pruned for years holds hundreds of thousands.)"""
        found: set[str] = set()
        for chunk in _chunks(list(remote_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                f"SELECT remote_id FROM sync_pruned WHERE remote_id IN ({marks})", tuple(chunk)
            )
            found |= {row[0] for row in rows}
        return found

    def keep_listed_pruned(self, listed: Iterable[str], *, now: float | None = None) -> int:
        """After a whole sync: the pruned ids the server still `listed` (its unread,
        starred or every item's ids, as the service tells them) are kept; one it has
        not listed for PRUNED_UNLISTED_DAYS goes, as it has dropped the item (a pruned
        id only keeps the story from coming back while the server lists it). Returns
        how many went."""
        now = time.time() if now is None else now
        with self.transaction() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_listed (id TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM temp.sync_listed")
            conn.executemany(
                "INSERT OR IGNORE INTO temp.sync_listed VALUES (?)", [(i,) for i in listed]
            )
            conn.execute(
                "UPDATE sync_pruned SET unlisted = NULL WHERE unlisted IS NOT NULL "
                "AND remote_id IN (SELECT id FROM temp.sync_listed)"
            )
            conn.execute(
                "UPDATE sync_pruned SET unlisted = ? WHERE unlisted IS NULL "
                "AND remote_id NOT IN (SELECT id FROM temp.sync_listed)",
                (now,),
            )
            # Dated by a clock that was ahead: from now, or it would stay that much longer.
            conn.execute("UPDATE sync_pruned SET unlisted = ? WHERE unlisted > ?", (now, now))
            gone = conn.execute(
                "DELETE FROM sync_pruned WHERE unlisted < ?",
                (now - PRUNED_UNLISTED_DAYS * 86_400,),
            ).rowcount
            conn.execute("DELETE FROM temp.sync_listed")
        return int(gone)

    def unlink_remote_items(self, remote_ids: Iterable[str]) -> None:
        """The server no longer has these items: their stories stay, as this cache's own
        (no later sync changes or sends their marks)."""
        ids = [(remote_id,) for remote_id in remote_ids]
        if ids:
            with self.transaction() as conn:
                conn.executemany(
                    f"UPDATE stories SET key = {UNLINKED_KEY} WHERE id IN "
                    "(SELECT story_id FROM sync_items WHERE remote_id = ?)",
                    ids,
                )
                conn.executemany("DELETE FROM sync_items WHERE remote_id = ?", ids)

    def store_server_items(
        self,
        items: Sequence[ServerItem],
        feeds: Mapping[str, int],
        cursor: str | None,
        *,
        update: int | None = None,
    ) -> list[int]:
        """Store a page of items with their links, and the cursor after it; the new ids,
        owed their full text by `update`, the sync storing them.

        An item already linked is skipped; a story of the same feed with the same link
        (read here before sync was on) is linked instead of stored twice.
        """
        new: list[int] = []
        now = time.time()
        with self.transaction() as conn:
            for item in items:
                feed_id = feeds.get(item.remote_feed)
                if (
                    feed_id is None
                    or conn.execute(
                        "SELECT 1 FROM sync_items WHERE remote_id = ?", (item.remote_id,)
                    ).fetchone()
                ):
                    continue
                story_id = _adoptable(conn, feed_id, item.entry)
                if story_id is None:
                    story_id = _insert_story(conn, feed_id, item.entry, now)
                    conn.execute(
                        "UPDATE stories SET read = ?, starred = ? WHERE id = ?",
                        (int(item.read), int(item.starred), story_id),
                    )
                    new.append(story_id)
                else:
                    _join_marks(conn, story_id, item)
                    _take_held(conn, story_id, item)
                conn.execute(
                    "INSERT OR REPLACE INTO sync_items (story_id, remote_id) VALUES (?, ?)",
                    (story_id, item.remote_id),
                )
                # Pruned once, brought back on purpose (starred on another machine since).
                conn.execute("DELETE FROM sync_pruned WHERE remote_id = ?", (item.remote_id,))
            owe(conn, update, new)
            if new:
                mark_sync_change(conn)
            if cursor is not None:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (CURSOR, cursor),
                )
        return new


def _join_marks(conn: sqlite3.Connection, story_id: int, item: ServerItem) -> None:
    """A story here linked to `item`: each flag set on either side is set on both."""
    row = conn.execute("SELECT read, starred FROM stories WHERE id = ?", (story_id,)).fetchone()
    read, starred = bool(row[0]), bool(row[1])
    conn.execute(
        "UPDATE stories SET read = ?, starred = ? WHERE id = ?",
        (int(read or item.read), int(starred or item.starred), story_id),
    )
    for here, there, action in ((read, item.read, "read"), (starred, item.starred, "star")):
        if here and not there:
            queue_change(conn, "item", item.remote_id, action, None)


def _take_held(conn: sqlite3.Connection, story_id: int, item: ServerItem) -> None:
    """An unread or unstar mark held for the story through a reinstalled server's join
    (`SyncStorage.forget_sync_links`) is the story's again, over the join's union, and
    is queued for its new id where the server has the flag set."""
    held = conn.execute(
        f"SELECT id, action FROM sync_queue WHERE kind = '{HELD}' AND target = ?",
        (str(story_id),),
    ).fetchall()
    for change_id, action in held:
        column, flag, there = (
            ("read", "read", item.read) if action == "unread" else ("starred", "star", item.starred)
        )
        conn.execute(f"UPDATE stories SET {column} = 0 WHERE id = ?", (story_id,))
        conn.execute(
            "DELETE FROM sync_queue WHERE id = ? OR (kind = 'item' AND target = ? AND action = ?)",
            (change_id, item.remote_id, flag),
        )
        if there:
            queue_change(conn, "item", item.remote_id, action, None)


def mark_sync_change(conn: sqlite3.Connection) -> None:
    """A sync changed what the lists show: an app open on the cache reloads them."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SYNC_CHANGED, repr(time.time())),
    )


def queue_change(
    conn: sqlite3.Connection, kind: str, target: str, action: str, before: float | None
) -> None:
    """A change for the server, sent by the next sync (oldest first)."""
    conn.execute(
        "INSERT INTO sync_queue (kind, target, action, before, queued) VALUES (?, ?, ?, ?, ?)",
        (kind, target, action, before, time.time()),
    )


def _adoptable(conn: sqlite3.Connection, feed_id: int, entry: ParsedEntry) -> int | None:
    """A story of this feed, not yet linked, with the entry's link. Not by its key: a
    server item's key is made of its id ("newsterm-sync:7"), which a story stored here
    from the feed never has, and one an earlier sync stored had on a server whose ids
    are no longer to be trusted (reinstalled, or another one): its id 7 is another item."""
    row = conn.execute(
        "SELECT id FROM stories WHERE feed_id = ? AND url != '' AND url = ? "
        "AND id NOT IN (SELECT story_id FROM sync_items) LIMIT 1",
        (feed_id, entry.url),
    ).fetchone()
    return None if row is None else int(row[0])
