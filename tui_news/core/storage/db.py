"""The SQLite connection: pragmas, schema and migrations.

Every write goes through `transaction()`, which takes the write lock up front
(BEGIN IMMEDIATE) so that two newsterm processes queue rather than fail half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tui_news.core.errors import NewstermError
from tui_news.core.storage import search_index

SCHEMA_VERSION = 15

# Each entry migrates from version N to N+1; the list index is N. A script of statements,
# or a function for a step that depends on what the cache holds.
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    """
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT NOT NULL DEFAULT '',
        site_url      TEXT NOT NULL DEFAULT '',
        etag          TEXT,
        last_modified TEXT,
        last_fetch    REAL,
        last_ok       REAL,
        last_status   TEXT NOT NULL DEFAULT 'new',
        last_error    TEXT,
        error_count   INTEGER NOT NULL DEFAULT 0,
        next_due      REAL,
        ttl_seconds   INTEGER,
        min_interval  INTEGER,
        full_text     INTEGER,
        added         REAL NOT NULL
    );
    CREATE TABLE feed_tags (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        tag     TEXT NOT NULL,
        PRIMARY KEY (feed_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX feed_tags_tag ON feed_tags(tag);
    CREATE TABLE stories (
        id         INTEGER PRIMARY KEY,
        feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key        TEXT NOT NULL,
        url        TEXT NOT NULL DEFAULT '',
        title      TEXT NOT NULL DEFAULT '',
        author     TEXT NOT NULL DEFAULT '',
        published  REAL,
        updated    REAL,
        summary    TEXT NOT NULL DEFAULT '',
        content    TEXT NOT NULL DEFAULT '',
        read       INTEGER NOT NULL DEFAULT 0,
        starred    INTEGER NOT NULL DEFAULT 0,
        first_seen REAL NOT NULL,
        sort_time  REAL NOT NULL,
        UNIQUE (feed_id, key)
    );
    CREATE INDEX stories_by_time ON stories(sort_time DESC, id DESC);
    CREATE INDEX stories_by_feed ON stories(feed_id, sort_time DESC, id DESC);
    CREATE INDEX stories_unread ON stories(read, sort_time DESC, id DESC);
    CREATE INDEX stories_starred ON stories(starred) WHERE starred = 1;
    CREATE INDEX stories_by_url ON stories(url);
    CREATE VIRTUAL TABLE story_search USING fts5(title, body, tokenize = 'unicode61');
    CREATE TABLE articles (
        url           TEXT PRIMARY KEY,
        canonical_url TEXT,
        fetched       REAL NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        data          TEXT NOT NULL
    );
    CREATE INDEX articles_by_canonical ON articles(canonical_url);
    """,
    # 1 → 2: facts about the cache itself, such as "the defaults were offered once".
    # A cache that already has feeds has been set up: it must not get the defaults.
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO meta (key, value)
        SELECT 'defaults_offered', '1' WHERE EXISTS (SELECT 1 FROM feeds);
    """,
    # 2 → 3: stories stored with an impossible date (far future, or a placeholder at or
    # before the epoch) are listed by when they were first seen, as new ones now are
    # (`models.placed_at`; FUTURE_SLACK is 86,400 s).
    """
    UPDATE stories SET sort_time = first_seen
        WHERE sort_time <= 0 OR sort_time > first_seen + 86400;
    """,
    # 3 → 4: for 200,000 stories. The view chooser's per-feed and per-tag counts read
    # one small index instead of every story. A pruned story leaves its key behind
    # while its feed still lists it, so that the next refresh does not bring it back
    # as new (`upkeep`).
    """
    CREATE INDEX stories_feed_read ON stories(feed_id, read);
    CREATE TABLE pruned_keys (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key     TEXT NOT NULL,
        PRIMARY KEY (feed_id, key)
    ) WITHOUT ROWID;
    """,
    # 4 → 5: a title the user gave a feed (`newsterm edit --title`), which no refresh
    # replaces; and whether a cached article is the page's own text (the story list
    # marks those) rather than the feed's, kept because the page had none to give.
    """
    ALTER TABLE feeds ADD COLUMN user_title TEXT;
    ALTER TABLE articles ADD COLUMN extracted INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET extracted = 1
        WHERE (CASE WHEN json_valid(data) THEN json_extract(data, '$.source') END)
              = 'extracted';
    """,
    # 5 → 6: sync with a feed server (core/storage/sync.py): which feed and story is
    # which of the server's, and the changes made here that it has not been sent yet.
    # AUTOINCREMENT: a sent change is deleted by id, which must never name a newer one.
    """
    CREATE TABLE sync_feeds (
        feed_id   INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL UNIQUE
    );
    CREATE TABLE sync_items (
        story_id  INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL UNIQUE
    );
    CREATE TABLE sync_queue (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        kind   TEXT NOT NULL,
        target TEXT NOT NULL,
        action TEXT NOT NULL,
        before REAL,
        queued REAL NOT NULL
    );
    CREATE INDEX sync_queue_target ON sync_queue(target);
    """,
    # 6 → 7: articles' lead images, fetched for the reading pane (core/storage/images.py);
    # only the most recent few hundred are kept.
    """
    CREATE TABLE images (
        url     TEXT PRIMARY KEY,
        body    BLOB NOT NULL,
        fetched REAL NOT NULL
    );
    CREATE INDEX images_fetched ON images(fetched);
    """,
    # 7 → 8: updates (a refresh or sync, then its full text) and the stories each stored
    # whose full text is still owed (core/storage/updates.py). They replace the marks in
    # meta (the story id where a refresh or sync cut short began): what a mark covered is
    # owed by an update no process is at, whose stories the next update takes over;
    # a sync's, never shown, counts as new there, as the mark's did.
    """
    CREATE TABLE updates (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        kind   TEXT NOT NULL,
        pid    INTEGER,
        began  REAL NOT NULL,
        shown  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE update_stories (
        story_id  INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        update_id INTEGER NOT NULL REFERENCES updates(id) ON DELETE CASCADE
    );
    CREATE INDEX update_stories_update ON update_stories(update_id);
    INSERT INTO updates (kind, pid, began, shown)
        SELECT 'sync', NULL, 0, 0 FROM meta WHERE key = 'sync_begun';
    INSERT OR IGNORE INTO update_stories (story_id, update_id)
        SELECT i.story_id, u.id FROM sync_items i, updates u, meta m
        WHERE u.kind = 'sync' AND m.key = 'sync_begun'
          AND i.story_id > CAST(m.value AS INTEGER);
    INSERT INTO updates (kind, pid, began, shown)
        SELECT 'refresh', NULL, 0, 1 FROM meta WHERE key = 'refresh_begun';
    INSERT OR IGNORE INTO update_stories (story_id, update_id)
        SELECT s.id, u.id FROM stories s, updates u, meta m
        WHERE u.kind = 'refresh' AND m.key = 'refresh_begun'
          AND s.id > CAST(m.value AS INTEGER);
    DELETE FROM meta WHERE key IN ('sync_begun', 'refresh_begun');
    """,
    # 8 → 9: the sync server's ids of the stories pruned here (`upkeep`), so that a sync
    # does not bring them back as new: a pruned_keys for the server's items.
    """
    CREATE TABLE sync_pruned (
        remote_id TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    """,
    # 9 → 10: whether a feed's title is the feed's own (a refresh or `add` read it, or
    # newsboat's cache had it), which the next refresh replaces with the feed's title
    # of the day, or one a list gave (an OPML's, a urls file's ~Title), which it keeps.
    # Titles stored before it are kept, as they were: where they came from is unknown.
    # (A title set with `newsterm edit` is user_title, above both.)
    """
    ALTER TABLE feeds ADD COLUMN title_from_feed INTEGER NOT NULL DEFAULT 0;
    """,
    # 10 → 11: a search index that keeps three-letter prefixes (core/storage/search_index.py),
    # built beside the old one: the migration copies the first 10,000 stories (~0.3 s),
    # the rest comes in batches.
    search_index.begin_prefixes,
    # 11 → 12: whether an update left its full text as told (`refresh --no-full-text`),
    # so that the one taking its stories over says so, not that it was cut short.
    """
    ALTER TABLE updates ADD COLUMN no_full_text INTEGER NOT NULL DEFAULT 0;
    """,
    # 12 → 13: the search index reads a letter with two diacritics as the bare letter, as
    # one with a single diacritic ("viet" finds "Việt"): built again as in 10 → 11.
    search_index.begin_diacritics,
    # 13 → 14: since when the sync server has no longer listed a pruned story's id (NULL:
    # it did at the last sync), so that the ids it dropped are dropped here (`sync_items`).
    lambda conn: _add_column(conn, "sync_pruned", "unlisted REAL"),
    # 14 → 15: search in every script: Chinese, Japanese, Korean, Thai… by any part of a
    # run of letters, Arabic without its vowel marks, Indic words whole
    # (core/storage/search_words.py): built again as in 10 → 11.
    search_index.begin_scripts,
]


def _add_column(conn: sqlite3.Connection, table: str, column: str) -> None:
    """ALTER TABLE … ADD COLUMN, unless the table has it (a cache a test, or a user's
    copying, marked as an older schema than it is)."""
    name = column.split()[0]
    if all(row[1] != name for row in conn.execute(f"PRAGMA table_info({table})")):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")


class CacheVersionError(NewstermError, RuntimeError):
    """The cache was written by a newer newsterm; opening it could damage it."""


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database at `path`."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is crash-safe under WAL (a power cut may lose the last commit, never corrupt).
    conn.execute("PRAGMA synchronous = NORMAL")
    # SQLite's default of 1000 pages for wal_autocheckpoint is kept on purpose: the
    # checkpoints then run in the refresh's workers, while the network is waited on.
    # A larger WAL left the whole copy to the last connection to close, which added
    # ~0.05 s to the end of a cold `newsterm refresh` (bench/refresh.py).
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to SCHEMA_VERSION in one transaction; refuse a newer one."""
    if _check_version(schema_version(conn)) == SCHEMA_VERSION:
        return
    with transaction(conn):
        current = _check_version(schema_version(conn))  # re-read under the lock
        for version in range(current, SCHEMA_VERSION):
            step = MIGRATIONS[version]
            if callable(step):
                step(conn)
                continue
            for statement in _statements(step):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_version(version: int) -> int:
    if version > SCHEMA_VERSION:
        raise CacheVersionError(
            f"the cache was written by a newer newsterm (schema {version}); upgrade newsterm"
        )
    return version


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception, a failed COMMIT included.

    SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR): then a
    ROLLBACK would fail and hide the real error. A COMMIT that fails (SQLITE_BUSY, a
    deferred constraint) leaves the transaction open, holding the write lock for
    every other process, unless it is rolled back here.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
