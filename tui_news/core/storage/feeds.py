"""Subscriptions in the cache: feeds, their tags and their fetch state."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping

from tui_news.core.errors import NewstermError
from tui_news.core.models import Feed, FeedStatus
from tui_news.core.storage import search_index
from tui_news.core.storage.base import SYNC_CHANGED, StorageBase
from tui_news.core.storage.filter_sql import visible
from tui_news.core.text import clean_line
from tui_news.core.urls import feed_url_key, redact_url

_MAX_ID = 2**63 - 1  # SQLite's largest integer

# (url, title, tags) or (url, title, tags, site_url)
FeedSpec = tuple[str, str, Iterable[str]] | tuple[str, str, Iterable[str], str]


class FeedExistsError(NewstermError, ValueError):
    """Raised when subscribing to a URL that is already subscribed."""


class FeedNotFoundError(NewstermError, LookupError):
    """Raised when a URL or id names no subscription."""


class AmbiguousFeedError(FeedNotFoundError):
    """A URL that several subscriptions match: no single feed is found, so none is acted on."""

    def __init__(self, url: str, feeds: list[Feed]) -> None:
        named = ", ".join(f"id {feed.id} ({redact_url(feed.url)})" for feed in feeds)
        super().__init__(f"{redact_url(url)!r} matches {len(feeds)} subscriptions: {named}")
        self.feeds = feeds


# The title a feed is shown by (SQL, for every query): the user's (`edit`), else `title`:
# one a list gave (kept), or the feed's own (`title_from_feed`: each refresh renews it).
SHOWN_TITLE = "coalesce(nullif(f.user_title, ''), f.title)"

_FEED_COLUMNS = f"""
    f.id, f.url, {SHOWN_TITLE} AS title, f.user_title, f.site_url, f.etag, f.last_modified,
    f.last_fetch, f.last_ok,
    f.last_status, f.last_error, f.error_count, f.next_due, f.ttl_seconds, f.min_interval,
    f.full_text, f.added,
    (SELECT group_concat(tag, char(31)) FROM
        (SELECT tag FROM feed_tags t WHERE t.feed_id = f.id ORDER BY tag)) AS tags
"""


class FeedStorage(StorageBase):
    """Feeds, tags and fetch state."""

    # -- feeds -------------------------------------------------------------------------

    def add_feed(
        self, url: str, *, title: str = "", tags: Iterable[str] = (), site_url: str = ""
    ) -> Feed:
        """Subscribe to `url`; raises FeedExistsError if it is already there."""
        with self.transaction() as conn:
            try:
                cursor = conn.execute(
                    "INSERT INTO feeds (url, title, site_url, added) VALUES (?, ?, ?, ?)",
                    (url, title, site_url, time.time()),
                )
            except sqlite3.IntegrityError:
                raise FeedExistsError(f"already subscribed: {url}") from None
            feed_id = int(cursor.lastrowid or 0)
            self._write_tags(conn, feed_id, tags)
        return self.feed(feed_id)

    def add_feeds(self, feeds: Iterable[FeedSpec]) -> list[Feed]:
        """Subscribe to many (url, title, tags[, site_url]) at once, skipping known URLs.

        All or nothing: one transaction. Returns the feeds that were added.
        """
        added: list[int] = []
        now = time.time()
        with self.transaction() as conn:
            for url, title, tags, *site in feeds:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO feeds (url, title, site_url, added) VALUES (?, ?, ?, ?)",
                    (url, title, site[0] if site else "", now),
                )
                if cursor.rowcount:
                    feed_id = int(cursor.lastrowid or 0)
                    self._write_tags(conn, feed_id, tags)
                    added.append(feed_id)
        return [self.feed(feed_id) for feed_id in added]

    def merge_feeds(
        self, feeds: Iterable[FeedSpec], *, full_text: Mapping[str, bool] | None = None
    ) -> tuple[list[int], list[int]]:
        """Subscribe to many at once; one already subscribed gains the tags it lacks.

        A feed is already subscribed under its exact URL or, failing that, under another
        spelling of it (`feed_url_key`; the earliest subscribed if several). Tags are only
        ever added. `full_text` (by URL as listed) is the setting a new feed starts with; a
        feed already subscribed keeps the user's. All or nothing: one transaction.
        Returns (ids added, ids given tags).
        """
        with self.transaction() as conn:
            added, tagged, _ = self._merge_feeds(conn, feeds, full_text or {})
        return added, tagged

    def _merge_feeds(
        self, conn: sqlite3.Connection, feeds: Iterable[FeedSpec], settings: Mapping[str, bool]
    ) -> tuple[list[int], list[int], dict[str, int]]:
        """`merge_feeds` inside a transaction already open; also returns the feed id of
        every listed URL."""
        added: list[int] = []
        tagged: dict[int, None] = {}  # an ordered set: a feed may be listed twice
        listed: dict[str, int] = {}
        now = time.time()
        exact: dict[str, int] = {}
        by_key: dict[str, int] = {}
        for feed_id, url in conn.execute("SELECT id, url FROM feeds ORDER BY id"):
            exact[url] = feed_id
            by_key.setdefault(feed_url_key(url), feed_id)
        for url, title, tags, *site in feeds:
            known = exact.get(url, by_key.get(feed_url_key(url)))
            if known is None:
                setting = settings.get(url)
                cursor = conn.execute(
                    "INSERT INTO feeds (url, title, site_url, added, full_text)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (url, title, site[0] if site else "", now, _flag(setting)),
                )
                exact[url] = by_key[feed_url_key(url)] = int(cursor.lastrowid or 0)
                added.append(exact[url])
                self._write_tags(conn, exact[url], tags)
            elif self._add_tags(conn, known, tags):
                tagged[known] = None
            listed[url] = exact.get(url, by_key.get(feed_url_key(url), 0))
        fresh = set(added)
        return added, [feed_id for feed_id in tagged if feed_id not in fresh], listed

    @staticmethod
    def _add_tags(conn: sqlite3.Connection, feed_id: int, tags: Iterable[str]) -> bool:
        """Add the tags the feed lacks; True if there were any."""
        cursor = conn.executemany(
            "INSERT OR IGNORE INTO feed_tags (feed_id, tag) VALUES (?, ?)",
            [(feed_id, tag) for tag in _clean_tags(tags)],
        )
        return cursor.rowcount > 0

    @staticmethod
    def _write_tags(conn: sqlite3.Connection, feed_id: int, tags: Iterable[str]) -> None:
        conn.execute("DELETE FROM feed_tags WHERE feed_id = ?", (feed_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO feed_tags (feed_id, tag) VALUES (?, ?)",
            [(feed_id, tag) for tag in _clean_tags(tags)],
        )

    def set_feed_tags(self, feed_id: int, tags: Iterable[str]) -> None:
        with self.transaction() as conn:
            self._write_tags(conn, feed_id, tags)

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe, deleting the feed's stories with it."""
        with self.transaction() as conn:
            search_index.unindex(conn, "SELECT id FROM stories WHERE feed_id = ?", (feed_id,))
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def feed(self, feed_id: int) -> Feed:
        rows = self._query(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.id = ?", (feed_id,))
        if not rows:
            raise FeedNotFoundError(f"no feed with id {feed_id}")
        return _feed_from_row(rows[0])

    def feed_by_url(self, url: str) -> Feed | None:
        rows = self._query(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.url = ?", (url,))
        return _feed_from_row(rows[0]) if rows else None

    def feed_matching_url(self, url: str) -> Feed | None:
        """The feed stored under `url`, or under a spelling of it that names the same feed.

        The exact stored URL wins (so a duplicate can still be named by its own URL);
        without it, several matching spellings raise AmbiguousFeedError.
        """
        url = url.strip()
        feed = self.feed_by_url(url)
        if feed is not None or "://" not in url:
            return feed
        key = feed_url_key(url)
        rows = self._query("SELECT id, url FROM feeds ORDER BY id")
        found = [self.feed(row[0]) for row in rows if feed_url_key(row[1]) == key]
        if len(found) > 1:
            raise AmbiguousFeedError(url, found)
        return found[0] if found else None

    def find_feed(self, url_or_id: str) -> Feed:
        """The feed named by a URL (see `feed_matching_url`) or a numeric id."""
        feed = self.feed_matching_url(url_or_id)
        if feed is not None:
            return feed
        name = url_or_id.strip()
        # Not "²", which isdigit() but int() refuses; nor more than SQLite's integers hold.
        if name.isascii() and name.isdigit() and int(name) <= _MAX_ID:
            return self.feed(int(name))
        raise FeedNotFoundError(f"no subscription matches {redact_url(url_or_id)!r}")

    def change_mark(self) -> tuple[int, int, float, str]:
        """(feed count, highest feed id, latest check, last sync): it moves whenever any
        newsterm subscribes, unsubscribes, checks a feed or syncs, and not when stories
        are read here (a sync checks no feed: it says so in meta, `SYNC_CHANGED`)."""
        row = self._query(
            "SELECT count(*), coalesce(max(id), 0), coalesce(max(last_fetch), 0), "
            f"(SELECT value FROM meta WHERE key = '{SYNC_CHANGED}') FROM feeds"
        )[0]
        return int(row[0]), int(row[1]), float(row[2]), str(row[3] or "")

    def feeds(self, *, with_counts: bool = False) -> list[Feed]:
        """Every subscription, ordered by title."""
        rows = self._query(
            f"SELECT {_FEED_COLUMNS} FROM feeds f ORDER BY lower({SHOWN_TITLE}), f.url"
        )
        feeds = [_feed_from_row(row) for row in rows]
        if not with_counts:
            return feeds
        shown, params = visible(self.ignore_rules)
        counts = {
            row[0]: (row[1], row[2])
            for row in self._query(
                f"SELECT feed_id, count(*), sum(read = 0) FROM stories s WHERE {shown} "
                "GROUP BY feed_id",
                params,
            )
        }
        return [_replace_counts(feed, *counts.get(feed.id, (0, 0))) for feed in feeds]

    def feed_count(self) -> int:
        return int(self._query("SELECT count(*) FROM feeds")[0][0])

    def tags(self) -> list[tuple[str, int]]:
        """Each tag with its unread story count (what the kill rules leave)."""
        shown, params = visible(self.ignore_rules)
        rows = self._query(
            f"""SELECT t.tag, coalesce(sum(s.read = 0), 0)
                FROM feed_tags t LEFT JOIN stories s ON s.feed_id = t.feed_id AND {shown}
                GROUP BY t.tag ORDER BY lower(t.tag)""",
            params,
        )
        return [(row[0], int(row[1])) for row in rows]

    def update_feed_settings(
        self,
        feed_id: int,
        *,
        title: str | None = None,
        min_interval: int | None = None,
        full_text: bool | None = None,
    ) -> None:
        with self.transaction() as conn:
            if title is not None:
                conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (title, feed_id))
            if min_interval is not None:
                conn.execute(
                    "UPDATE feeds SET min_interval = ? WHERE id = ?", (min_interval, feed_id)
                )
            if full_text is not None:
                conn.execute(
                    "UPDATE feeds SET full_text = ? WHERE id = ?", (int(full_text), feed_id)
                )

    def edit_feed(
        self,
        feed_id: int,
        *,
        user_title: str | None = None,
        tags: Iterable[str] | None = None,
        full_text: bool | None = None,
        url: str | None = None,
    ) -> Feed:
        """Change what the user chose about a feed, in one transaction; None leaves a
        field alone. A new `url` is a new resource: its validators and error state go,
        its stories stay. Raises FeedNotFoundError, or FeedExistsError for a URL that
        another subscription has."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is None:
                raise FeedNotFoundError(f"no feed with id {feed_id}")
            if user_title is not None:
                conn.execute("UPDATE feeds SET user_title = ? WHERE id = ?", (user_title, feed_id))
            if tags is not None:
                self._write_tags(conn, feed_id, tags)
            if full_text is not None:
                conn.execute(
                    "UPDATE feeds SET full_text = ? WHERE id = ?", (int(full_text), feed_id)
                )
            if url is not None:
                taken = conn.execute(
                    "SELECT id FROM feeds WHERE url = ? AND id != ?", (url, feed_id)
                ).fetchone()
                if taken is not None:
                    raise FeedExistsError(f"already subscribed (id {taken[0]}): {url}")
                conn.execute(
                    """UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL,
                       last_status = ?, last_error = NULL, error_count = 0, next_due = NULL
                       WHERE id = ? AND url != ?""",
                    (url, FeedStatus.NEW.value, feed_id, url),
                )
        return self.feed(feed_id)

    def record_not_modified(
        self, feed_id: int, *, checked_at: float, next_due: float | None
    ) -> None:
        """A 304: nothing changes but the check time and the schedule."""
        with self.transaction() as conn:
            conn.execute(
                """UPDATE feeds SET last_fetch = ?, last_ok = ?, last_status = ?,
                   last_error = NULL, error_count = 0, next_due = ? WHERE id = ?""",
                (checked_at, checked_at, FeedStatus.NOT_MODIFIED.value, next_due, feed_id),
            )

    def record_error(
        self,
        feed_id: int,
        message: str,
        *,
        checked_at: float,
        next_due: float | None,
        dead: bool = False,
    ) -> None:
        """Note a failed check on the feed; its stories are untouched."""
        status = FeedStatus.DEAD if dead else FeedStatus.ERROR
        with self.transaction() as conn:
            conn.execute(
                """UPDATE feeds SET last_fetch = ?, last_status = ?, last_error = ?,
                   error_count = error_count + 1, next_due = ? WHERE id = ?""",
                (checked_at, status.value, message, next_due, feed_id),
            )

    def move_feed(self, feed_id: int, new_url: str) -> bool:
        """Follow a permanent redirect; False when another subscription has that URL."""
        with self.transaction() as conn:
            taken = conn.execute("SELECT 1 FROM feeds WHERE url = ?", (new_url,)).fetchone()
            if taken:
                return False
            conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (new_url, feed_id))
            return True


def _replace_counts(feed: Feed, total: int, unread: int) -> Feed:
    from dataclasses import replace

    return replace(feed, story_count=int(total or 0), unread_count=int(unread or 0))


def _feed_from_row(row: sqlite3.Row) -> Feed:
    tags = tuple(row["tags"].split("\x1f")) if row["tags"] else ()
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        site_url=row["site_url"],
        tags=tags,
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_fetch=row["last_fetch"],
        last_ok=row["last_ok"],
        last_status=FeedStatus(row["last_status"]),
        last_error=row["last_error"],
        error_count=row["error_count"],
        next_due=row["next_due"],
        ttl_seconds=row["ttl_seconds"],
        min_interval=row["min_interval"],
        full_text=None if row["full_text"] is None else bool(row["full_text"]),
        added=row["added"],
        user_title=row["user_title"],
    )


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as one safe line each: a user's `--tag` may hold anything a shell can pass,
    and tags are shown in the TUI and printed by `feeds`."""
    return [tag for tag in (clean_line(raw, max_length=100) for raw in tags) if tag]
