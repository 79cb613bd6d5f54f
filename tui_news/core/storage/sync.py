"""What the cache keeps for a sync server: links to its ids, and changes not yet sent.

Every mark made through the `Store` (the app, `newsterm mark`, the reader marking a
story read on open) changes the story and, for a story that came from a sync server,
queues the change for it, in ONE transaction: a crash can lose neither half. The queue
keeps one change per item and flag (the latest), in the order they were made; a
mark-all-read queues each story it marked (caches from before that may still hold a
mark-all of a feed, tag or everything, with the time the user asked for it, which the
sync sends as such). The server's items themselves are stored by `sync_items`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui_news.core.models import StoryFilter
from tui_news.core.storage import search_index
from tui_news.core.storage.stories import _chunks
from tui_news.core.storage.sync_items import (
    CURSOR,
    HELD,
    UNLINKED_KEY,
    SyncItemStorage,
    mark_sync_change,
    queue_change,
)
from tui_news.core.text import clean_line
from tui_news.core.urls import feed_url_key

ACCOUNT = "sync_account"


@dataclass(frozen=True, slots=True)
class QueuedChange:
    """A change waiting for the server. `kind` is item, feed, group or all; `target` the
    server's item or feed id, or the group's name; `before` the time of a mark-all-read."""

    id: int
    kind: str
    target: str
    action: str
    before: float | None


@dataclass(frozen=True, slots=True)
class ServerFeed:
    """A subscription as the server lists it; `groups` become its tags."""

    remote_id: str
    url: str
    title: str
    site_url: str
    groups: tuple[str, ...]


class SyncStorage(SyncItemStorage):
    """Marks that queue, links to the server's ids, and the server's state applied."""

    # -- marks: the cache at once, the server at the next sync ----------------------------

    def set_read(self, story_ids: Iterable[int], read: bool = True) -> None:
        ids = list(story_ids)
        with self.transaction() as conn:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                changed = [
                    row[0]
                    for row in conn.execute(
                        f"SELECT id FROM stories WHERE read != ? AND id IN ({marks})",
                        (int(read), *chunk),
                    )
                ]
                conn.execute(
                    f"UPDATE stories SET read = ? WHERE id IN ({marks})", (int(read), *chunk)
                )
                _queue_items(conn, changed, "read" if read else "unread")

    def set_starred(self, story_id: int, starred: bool) -> None:
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE stories SET starred = ? WHERE id = ? AND starred != ?",
                (int(starred), story_id, int(starred)),
            )
            if cursor.rowcount:
                _queue_items(conn, [story_id], "star" if starred else "unstar")

    def mark_view_read(self, view: StoryFilter, *, pressed: float | None = None) -> int:
        """Mark every unread story in a view read; returns how many changed.

        With `pressed` (the key press), only the stories here by then: one a refresh
        or sync stored while the question was open stays unread. A sync server gets
        exactly these stories' marks, one by one: a Fever `before` would leave the
        choice to the server, and coldsweat compares it with publish dates, marking
        a story it fetched after the press (never seen here) that was published before.
        """
        where, params = self._where(view)
        extra = "AND" if where else "WHERE"
        if pressed is not None:
            where, params = f"{where} {extra} s.first_seen <= ?", [*params, pressed]
            extra = "AND"
        with self.transaction() as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    f"SELECT s.id FROM stories s {where} {extra} s.read = 0", params
                )
            ]
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                conn.execute(f"UPDATE stories SET read = 1 WHERE id IN ({marks})", chunk)
            _queue_items(conn, ids, "read")
            return len(ids)

    # -- the queue ------------------------------------------------------------------------

    def sync_queue(self) -> list[QueuedChange]:
        rows = self._query(
            "SELECT id, kind, target, action, before FROM sync_queue "
            f"WHERE kind != '{HELD}' ORDER BY id"
        )
        return [QueuedChange(*row) for row in rows]

    def read_by_mark_all(self, change: QueuedChange) -> list[str]:
        """The server ids a mark-all-read queued by an older newsterm (one change for a
        feed, tag or everything, dated `before`) marked: the linked stories of its
        scope first seen by then and read here still."""
        scope = {
            "feed": "s.feed_id IN (SELECT feed_id FROM sync_feeds WHERE remote_id = ?)",
            "group": "s.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ?)",
        }.get(change.kind, "? IS NOT NULL")
        rows = self._query(
            "SELECT l.remote_id FROM sync_items l JOIN stories s ON s.id = l.story_id "
            f"WHERE s.read = 1 AND s.first_seen <= ? AND {scope}",
            (change.before if change.before is not None else 0.0, change.target),
        )
        return [row[0] for row in rows]

    def sync_pending(self) -> int:
        return int(self._query(f"SELECT count(*) FROM sync_queue WHERE kind != '{HELD}'")[0][0])

    def sync_sent(self, change_ids: Iterable[int]) -> None:
        """Forget changes the server has (a change queued since keeps its own row)."""
        ids = list(change_ids)
        with self.transaction() as conn:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                conn.execute(f"DELETE FROM sync_queue WHERE id IN ({marks})", chunk)

    def sync_requeue(self, change_ids: Iterable[int]) -> None:
        """Put the item changes `change_ids` (the server refused them) behind the others,
        so that the changes queued after them go first next time. Not past a mark-all an
        older newsterm queued after one: that order is the user's."""
        ids = list(change_ids)
        with self.transaction() as conn:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                movable = [
                    row[0]
                    for row in conn.execute(
                        f"SELECT id FROM sync_queue q WHERE id IN ({marks}) AND kind = 'item' "
                        "AND NOT EXISTS (SELECT 1 FROM sync_queue m WHERE m.id > q.id "
                        f"AND m.kind NOT IN ('item', '{HELD}')) ORDER BY id",
                        chunk,
                    )
                ]
                if not movable:
                    continue
                moved = ",".join("?" * len(movable))
                conn.execute(
                    "INSERT INTO sync_queue (kind, target, action, before, queued) "
                    f"SELECT kind, target, action, before, queued FROM sync_queue "
                    f"WHERE id IN ({moved}) ORDER BY id",
                    movable,
                )
                conn.execute(f"DELETE FROM sync_queue WHERE id IN ({moved})", movable)

    # -- links to the server --------------------------------------------------------------

    def use_sync_account(self, account: str) -> bool:
        """Start over when the cache last synced with another server or user: its ids
        mean nothing there. True if it did."""
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (ACCOUNT,)).fetchone()
            if row is not None and row[0] == account:
                return False
            _forget_links(conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (ACCOUNT, account),
            )
            return row is not None

    def forget_sync_links(self) -> None:
        """The server's ids name other stories now (reinstalled at the same address):
        every link, queued change and the cursor go, and the next steps join its items
        to the stories here anew, by their links, as at a first sync.

        The join keeps a story read or starred on either side so (and sends what only
        this side had), which would undo an unread or unstar mark still queued: those
        are held by story instead (`sync_items._take_held`), given again to the story
        and queued for its new id when it is joined, and dropped if it never is
        (`drop_held_changes`)."""
        with self.transaction() as conn:
            conn.execute(
                f"UPDATE sync_queue SET kind = '{HELD}', target = (SELECT CAST(l.story_id "
                "AS TEXT) FROM sync_items l WHERE l.remote_id = sync_queue.target) "
                "WHERE kind = 'item' AND action IN ('unread', 'unstar') "
                "AND target IN (SELECT remote_id FROM sync_items)"
            )
            _forget_links(conn, keep_held=True)

    def drop_held_changes(self) -> None:
        """Unread and unstar marks held through a reinstalled server's join whose story
        the new server does not have: nothing to send them to."""
        with self.transaction() as conn:
            conn.execute(f"DELETE FROM sync_queue WHERE kind = '{HELD}'")

    def remote_feed_id(self, feed_id: int) -> str | None:
        rows = self._query("SELECT remote_id FROM sync_feeds WHERE feed_id = ?", (feed_id,))
        return str(rows[0][0]) if rows else None

    def feed_of_remote(self, remote_id: str) -> int | None:
        rows = self._query("SELECT feed_id FROM sync_feeds WHERE remote_id = ?", (remote_id,))
        return int(rows[0][0]) if rows else None

    def apply_server_feeds(self, feeds: Sequence[ServerFeed]) -> tuple[dict[str, int], int, int]:
        """Make the subscriptions the server's: (remote id → feed id, added, removed).

        A feed already here under the same URL is linked, keeping its stories; a linked
        one takes the URL the server has now; one the server no longer lists is removed
        with its stories.
        """
        added = 0
        mapping: dict[str, int] = {}
        with self.transaction() as conn:
            linked = dict(conn.execute("SELECT remote_id, feed_id FROM sync_feeds").fetchall())
            by_key: dict[str, int] = {}
            for feed_id, url in conn.execute(
                "SELECT id, url FROM feeds WHERE id NOT IN (SELECT feed_id FROM sync_feeds) "
                "ORDER BY id"
            ):
                by_key.setdefault(feed_url_key(url), feed_id)
            for feed in feeds:
                feed_id = linked.get(feed.remote_id) or by_key.pop(feed_url_key(feed.url), None)
                if feed_id is None:
                    feed_id = _feed_with_url(conn, feed.url)
                    added += 1
                else:
                    _follow_move(conn, feed_id, feed.url)
                conn.execute(
                    "INSERT OR REPLACE INTO sync_feeds (feed_id, remote_id) VALUES (?, ?)",
                    (feed_id, feed.remote_id),
                )
                title = clean_line(feed.title, max_length=300)
                conn.execute(
                    "UPDATE feeds SET title = coalesce(nullif(?, ''), title), "
                    "site_url = coalesce(nullif(?, ''), site_url) WHERE id = ?",
                    (title, feed.site_url, feed_id),
                )
                _write_tags(conn, feed_id, feed.groups)
                mapping[feed.remote_id] = feed_id
            kept = set(mapping.values())
            gone = [row[0] for row in conn.execute("SELECT id FROM feeds") if row[0] not in kept]
            for chunk in _chunks(gone):
                marks = ",".join("?" * len(chunk))
                search_index.unindex(
                    conn, f"SELECT id FROM stories WHERE feed_id IN ({marks})", chunk
                )
                conn.execute(f"DELETE FROM feeds WHERE id IN ({marks})", chunk)
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('defaults_offered', '1')")
            mark_sync_change(conn)  # titles and tags too may have changed there
        return mapping, added, len(gone)

    def apply_server_state(self, unread: set[str], starred: set[str]) -> int:
        """The server's unread and starred ids as the truth for every linked story whose
        own change is not still queued; returns how many stories changed."""
        with self.transaction() as conn:
            for name, ids in (("sync_unread", unread), ("sync_starred", starred)):
                conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id TEXT PRIMARY KEY)")
                conn.execute(f"DELETE FROM temp.{name}")
                conn.executemany(
                    f"INSERT OR IGNORE INTO temp.{name} VALUES (?)", [(i,) for i in ids]
                )
            differing = {
                "read": _DIFFERS.format(
                    column="read", table="sync_unread", value="NOT EXISTS", flag="read",
                    feeds=_FEEDS_BEING_READ,
                ),
                "starred": _DIFFERS.format(
                    column="starred", table="sync_starred", value="EXISTS", flag="star",
                    feeds="SELECT -1",
                ),
            }  # fmt: skip
            # A story read and unstarred there is one story changed, not two.
            (changed,) = conn.execute(
                f"SELECT count(*) FROM ({differing['read']} UNION {differing['starred']})"
            ).fetchone()
            for column, which in differing.items():
                # Those that differ take the server's value: the other one (flags are 0/1).
                conn.execute(f"UPDATE stories SET {column} = 1 - {column} WHERE id IN ({which})")
            if changed:
                mark_sync_change(conn)
            return int(changed)


# The stories whose flag differs from the server's, one flag at a time, except those with
# a change of that flag still queued (made while this sync ran: it goes next time).
_DIFFERS = """
    SELECT stories.id FROM stories JOIN sync_items l ON l.story_id = stories.id
    WHERE stories.{column} != ({value} (SELECT 1 FROM temp.{table} t WHERE t.id = l.remote_id))
      AND l.remote_id NOT IN (SELECT target FROM sync_queue WHERE kind = 'item'
                                AND action IN ('{flag}', 'un{flag}'))
      AND stories.feed_id NOT IN ({feeds})
"""
# Feeds with a mark-all-read still queued: the server does not know it yet.
_FEEDS_BEING_READ = """
    SELECT l.feed_id FROM sync_feeds l
        JOIN sync_queue q ON q.kind = 'feed' AND q.target = l.remote_id
    UNION SELECT t.feed_id FROM feed_tags t
        JOIN sync_queue q ON q.kind = 'group' AND q.target = t.tag
    UNION SELECT id FROM feeds WHERE EXISTS (SELECT 1 FROM sync_queue WHERE kind = 'all')
"""


def _queue_items(conn: sqlite3.Connection, story_ids: Sequence[int], action: str) -> None:
    """Queue `action` for the linked ones among `story_ids`, replacing an older change
    of the same flag (read/unread, star/unstar) for the same item."""
    opposite = action[2:] if action.startswith("un") else f"un{action}"
    for chunk in _chunks(list(story_ids)):
        marks = ",".join("?" * len(chunk))
        # A mark held through a reinstalled server's join (`forget_sync_links`) gives
        # way to this one, the user's latest.
        conn.execute(
            f"DELETE FROM sync_queue WHERE kind = '{HELD}' AND action IN (?, ?) "
            f"AND target IN ({marks})",
            (action, opposite, *map(str, chunk)),
        )
        targets = [
            row[0]
            for row in conn.execute(
                f"SELECT remote_id FROM sync_items WHERE story_id IN ({marks})", chunk
            )
        ]
        for target in targets:
            conn.execute(
                "DELETE FROM sync_queue WHERE kind = 'item' AND target = ? AND action IN (?, ?)",
                (target, action, opposite),
            )
            queue_change(conn, "item", target, action, None)


def _forget_links(conn: sqlite3.Connection, *, keep_held: bool = False) -> None:
    conn.execute(
        f"UPDATE stories SET key = {UNLINKED_KEY} "
        "WHERE id IN (SELECT story_id FROM sync_items) AND key LIKE 'newsterm-sync:%'"
    )
    for table in ("sync_items", "sync_feeds", "sync_pruned"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM sync_queue" + (f" WHERE kind != '{HELD}'" if keep_held else ""))
    conn.execute("DELETE FROM meta WHERE key = ?", (CURSOR,))


def _feed_with_url(conn: sqlite3.Connection, url: str) -> int:
    row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
    if row is not None:  # a feed of the same URL linked to another server id
        return int(row[0])
    cursor = conn.execute(
        "INSERT INTO feeds (url, title, site_url, added) VALUES (?, '', '', ?)",
        (url, time.time()),
    )
    return int(cursor.lastrowid or 0)


def _follow_move(conn: sqlite3.Connection, feed_id: int, url: str) -> None:
    """The server moved the feed (it followed a 301: http to https, a new path): the
    address here is the one it has now, unless another feed here holds that one."""
    conn.execute(
        "UPDATE feeds SET url = ? WHERE id = ? AND url != ? "
        "AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?)",
        (url, feed_id, url, url),
    )


def _write_tags(conn: sqlite3.Connection, feed_id: int, groups: Iterable[str]) -> None:
    tags = [tag for tag in (clean_line(g, max_length=100) for g in groups) if tag]
    conn.execute("DELETE FROM feed_tags WHERE feed_id = ?", (feed_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO feed_tags (feed_id, tag) VALUES (?, ?)",
        [(feed_id, tag) for tag in tags],
    )
