"""Story queries and the per-feed ingest transaction (mixed into `Store`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from tui_news.core.models import (
    FeedStatus,
    IngestResult,
    ParsedEntry,
    ParsedFeed,
    Story,
    StoryFilter,
    StoryRow,
    placed_at,
)
from tui_news.core.storage import search_index
from tui_news.core.storage.base import StorageBase
from tui_news.core.storage.feeds import SHOWN_TITLE
from tui_news.core.storage.filter_sql import fts_query, visible
from tui_news.core.storage.updates import owe
from tui_news.core.storage.upkeep import still_listed_pruned
from tui_news.core.text import plain_text

# SQLite caps host parameters per statement; stay well under it.
_CHUNK = 500


class StoryStorage(StorageBase):
    """Stories: ingest, queries, marks and the search index."""

    # -- ingest --------------------------------------------------------------------------

    def record_feed_update(
        self,
        feed_id: int,
        parsed: ParsedFeed,
        *,
        checked_at: float,
        etag: str | None,
        last_modified: str | None,
        next_due: float | None,
        update: int | None = None,
    ) -> IngestResult:
        """Store a fetched feed's entries and metadata in ONE transaction.

        Identity is (feed, entry key); an entry seen before is updated in place and
        keeps its read and starred flags; one pruned as too old stays away. Either all
        of this lands or none of it. The new stories are owed their full text by
        `update`, the refresh storing them (`updates.owe`).
        A feed unsubscribed since it was fetched (the UI may remove one mid-refresh)
        stores nothing.
        """
        result = IngestResult()
        entries = _unique_by_key(parsed.entries)
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is None:
                return result
            keys = [e.key for e in entries]
            existing = _existing_stories(conn, feed_id, keys)
            pruned = still_listed_pruned(conn, feed_id, keys)
            fresh = [e for e in entries if e.key not in existing and e.key not in pruned]
            existing |= _renamed(conn, feed_id, fresh, listed=set(keys))
            # Last entry first: the feed's first gets the highest id, which lists it first
            # among stories of one date (every undated one takes the time it was seen).
            for entry in reversed(entries):
                old = existing.get(entry.key)
                if old is None and entry.key in pruned:
                    continue  # pruned as too old: not news again
                if old is not None and old["key"] != entry.key:
                    conn.execute("UPDATE stories SET key = ? WHERE id = ?", (entry.key, old["id"]))
                if old is None:
                    story_id = _insert_story(conn, feed_id, entry, checked_at)
                    result.new += 1
                    result.new_story_ids.append(story_id)
                elif _changed(old, entry):
                    _update_story(conn, old, entry)
                    result.updated += 1
            result.new_story_ids.reverse()  # in the feed's order
            owe(conn, update, result.new_story_ids)
            conn.execute(
                """UPDATE feeds SET
                     title = CASE WHEN title = '' OR title_from_feed
                                  THEN coalesce(nullif(?, ''), title) ELSE title END,
                     title_from_feed = (title = '' OR title_from_feed),
                     site_url = CASE WHEN ? != '' THEN ? ELSE site_url END,
                     etag = ?, last_modified = ?, ttl_seconds = ?,
                     last_fetch = ?, last_ok = ?, last_status = ?, last_error = ?,
                     error_count = 0, next_due = ?
                   WHERE id = ?""",
                (
                    parsed.title,  # one a list gave (import, ~rename) is kept
                    parsed.site_url,
                    parsed.site_url,
                    etag,
                    last_modified,
                    parsed.ttl_seconds,
                    checked_at,
                    checked_at,
                    FeedStatus.OK.value,
                    parsed.warning,
                    next_due,
                    feed_id,
                ),
            )
        return result

    # -- reading -------------------------------------------------------------------------

    def story(self, story_id: int) -> Story | None:
        rows = self._query(f"{_STORY_SELECT} WHERE s.id = ?", (story_id,))
        return _story_from_row(rows[0]) if rows else None

    def story_places(self, ids: Sequence[int]) -> dict[int, tuple[int, float]]:
        """Each story's feed id and sort time, by id (unknown ids left out): enough to
        choose among many stories without reading them whole."""
        places: dict[int, tuple[int, float]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self._query(
                f"SELECT id, feed_id, sort_time FROM stories WHERE id IN ({marks})", chunk
            ):
                places[int(row[0])] = (int(row[1]), float(row[2]))
        return places

    def story_rows(self, ids: Sequence[int]) -> list[StoryRow]:
        """The list-line columns for `ids`, in the order given (unknown ids dropped)."""
        found: dict[int, StoryRow] = {}
        shown, shown_params = visible(self.ignore_rules)
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self._query(
                f"""SELECT s.id, s.feed_id, {SHOWN_TITLE} AS feed_title, f.url AS feed_url,
                           s.title, s.url, s.sort_time, s.read, s.starred,
                           EXISTS (SELECT 1 FROM articles a
                                   WHERE a.url = s.url AND a.extracted) AS cached,
                           NOT ({shown}) AS hidden
                    FROM stories s JOIN feeds f ON f.id = s.feed_id
                    WHERE s.id IN ({marks})""",
                [*shown_params, *chunk],
            ):
                found[row["id"]] = StoryRow(
                    id=row["id"],
                    feed_id=row["feed_id"],
                    feed_title=row["feed_title"] or row["feed_url"],
                    title=row["title"],
                    url=row["url"],
                    sort_time=row["sort_time"],
                    read=bool(row["read"]),
                    starred=bool(row["starred"]),
                    cached=bool(row["cached"]),
                    hidden=bool(row["hidden"]),
                )
        return [found[i] for i in ids if i in found]

    def stories_linking(self, urls: Iterable[str], *, exclude: int | None = None) -> list[Story]:
        """Cached stories whose link is one of `urls` (not those a kill rule hides)."""
        wanted = [u for u in dict.fromkeys(urls) if u]
        stories: list[Story] = []
        shown, shown_params = visible(self.ignore_rules)
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                f"{_STORY_SELECT} WHERE s.url IN ({marks}) AND {shown}", [*chunk, *shown_params]
            )
            stories.extend(_story_from_row(r) for r in rows if r["id"] != exclude)
        return stories

    def search_titles(self, words: str, *, limit: int = 50) -> list[Story]:
        """Stories whose title matches all of `words` (FTS), best match first; not those
        a kill rule hides."""
        query = fts_query(words)
        if query is None:
            return []
        shown, shown_params = visible(self.ignore_rules)
        rows = self._query(
            f"""{_STORY_SELECT} JOIN story_search ON story_search.rowid = s.id
                WHERE story_search MATCH ? AND {shown} ORDER BY rank LIMIT ?""",
            (f"title : ({query})", *shown_params, limit),
        )
        return [_story_from_row(row) for row in rows]

    # -- flags ---------------------------------------------------------------------------

    def set_read(self, story_ids: Iterable[int], read: bool = True) -> None:
        ids = list(story_ids)
        with self.transaction() as conn:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                conn.execute(
                    f"UPDATE stories SET read = ? WHERE id IN ({marks})", (int(read), *chunk)
                )

    def set_starred(self, story_id: int, starred: bool) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE stories SET starred = ? WHERE id = ?", (int(starred), story_id))

    def mark_view_read(self, view: StoryFilter) -> int:
        """Mark every story in a view read; returns how many changed."""
        where, params = self._where(view)
        extra = "AND" if where else "WHERE"
        with self.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE stories SET read = 1 WHERE id IN "
                f"(SELECT s.id FROM stories s {where} {extra} s.read = 0)",
                params,
            )
            return cursor.rowcount

    def index_article_text(self, story_id: int, text: str) -> None:
        """Make a story's extracted article text searchable."""
        with self.transaction() as conn:
            title_row = conn.execute(
                "SELECT title FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if title_row is None:
                return
            search_index.index(conn, story_id, title_row[0], text, replace=True)


_STORY_SELECT = f"""
    SELECT s.id, s.feed_id, coalesce(nullif({SHOWN_TITLE}, ''), f.url) AS feed_title,
           s.key, s.url,
           s.title, s.author, s.published, s.updated, s.summary, s.content, s.read, s.starred,
           s.first_seen
    FROM stories s JOIN feeds f ON f.id = s.feed_id
"""


def _story_from_row(row: sqlite3.Row) -> Story:
    return Story(
        id=row["id"],
        feed_id=row["feed_id"],
        feed_title=row["feed_title"],
        key=row["key"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        published=row["published"],
        updated=row["updated"],
        summary=row["summary"],
        content=row["content"],
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        first_seen=row["first_seen"],
    )


def _chunks(items: Sequence[int] | Sequence[str]) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])


def _unique_by_key(entries: Iterable[ParsedEntry]) -> list[ParsedEntry]:
    """A feed that repeats an entry gets it stored once (the first occurrence wins)."""
    seen: dict[str, ParsedEntry] = {}
    for entry in entries:
        seen.setdefault(entry.key, entry)
    return list(seen.values())


def _existing_stories(
    conn: sqlite3.Connection, feed_id: int, keys: list[str]
) -> dict[str, sqlite3.Row]:
    found: dict[str, sqlite3.Row] = {}
    for chunk in _chunks(keys):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"""SELECT id, key, url, title, author, published, updated, summary, content,
                       first_seen
                FROM stories WHERE feed_id = ? AND key IN ({marks})""",
            (feed_id, *chunk),
        ):
            found[row["key"]] = row
    return found


def _renamed(
    conn: sqlite3.Connection, feed_id: int, fresh: list[ParsedEntry], *, listed: set[str]
) -> dict[str, sqlite3.Row]:
    """Stored stories that `fresh` entries (ids never seen) list again under a new id:
    some feeds make up a guid on every fetch. The same link, title and date, where the
    old id is no longer listed, is the same story; a daily item that keeps its link and
    title changes its date, and two alike entries listed together stay two."""
    wanted: dict[str, list[ParsedEntry]] = {}
    for entry in fresh:
        if entry.url:
            wanted.setdefault(entry.url, []).append(entry)
    found: dict[str, sqlite3.Row] = {}
    for chunk in _chunks(list(wanted)):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"""SELECT id, key, url, title, author, published, updated, summary, content,
                       first_seen
                FROM stories WHERE feed_id = ? AND url IN ({marks}) ORDER BY id""",
            (feed_id, *chunk),
        ):
            if row["key"] in listed:
                continue
            for entry in wanted[row["url"]]:
                same = row["title"] == entry.title and row["published"] == entry.published
                if same and entry.key not in found:
                    found[entry.key] = row
                    break
    return found


def _changed(old: sqlite3.Row, entry: ParsedEntry) -> bool:
    return (
        old["url"] != entry.url
        or old["title"] != entry.title
        or old["author"] != entry.author
        or old["published"] != entry.published
        or old["updated"] != entry.updated
        or old["summary"] != entry.summary
        or old["content"] != entry.content
    )


def _date_of(entry: ParsedEntry) -> float | None:
    return entry.published if entry.published is not None else entry.updated


def _insert_story(
    conn: sqlite3.Connection, feed_id: int, entry: ParsedEntry, seen_at: float
) -> int:
    sort_time = placed_at(_date_of(entry), seen_at)
    cursor = conn.execute(
        """INSERT INTO stories (feed_id, key, url, title, author, published, updated,
                                summary, content, first_seen, sort_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            feed_id,
            entry.key,
            entry.url,
            entry.title,
            entry.author,
            entry.published,
            entry.updated,
            entry.summary,
            entry.content,
            seen_at,
            sort_time,
        ),
    )
    story_id = int(cursor.lastrowid or 0)
    search_index.index(conn, story_id, entry.title, plain_text(entry.content or entry.summary))
    return story_id


def _update_story(conn: sqlite3.Connection, old: sqlite3.Row, entry: ParsedEntry) -> None:
    story_id = int(old["id"])
    conn.execute(
        """UPDATE stories SET url = ?, title = ?, author = ?, published = ?, updated = ?,
                              summary = ?, content = ?, sort_time = ?
           WHERE id = ?""",
        (
            entry.url,
            entry.title,
            entry.author,
            entry.published,
            entry.updated,
            entry.summary,
            entry.content,
            placed_at(_date_of(entry), old["first_seen"]),
            story_id,
        ),
    )
    body = plain_text(entry.content or entry.summary)
    # The extracted article's text (index_article_text) stays.
    article = search_index.holds_other_body(
        conn, story_id, plain_text(old["content"] or old["summary"])
    )
    search_index.index(conn, story_id, entry.title, body, replace=True, keep_body=article)
