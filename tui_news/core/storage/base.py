"""The cache's connection: opened, locked, closed, and its transactions.

One connection guarded by a re-entrant lock, so a store may be shared by threads; separate
processes coordinate through SQLite's own locking (WAL, BEGIN IMMEDIATE, a generous busy
timeout). Every domain of the cache (feeds, stories, articles) is a mixin over this base.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from tui_news.core.errors import CacheDamagedError, CacheError, error_text
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.models import StoryFilter
from tui_news.core.storage import db
from tui_news.core.storage.filter_sql import register_functions, story_where


@contextmanager
def cache_errors() -> Iterator[None]:
    """SQLite's failures as `CacheError`, so that no caller outside storage sees sqlite3."""
    try:
        yield
    except sqlite3.Error as error:
        if is_damage(error):
            raise CacheDamagedError(error_text(error)) from error
        raise CacheError(error_text(error)) from error


def is_damage(error: sqlite3.Error) -> bool:
    """SQLITE_CORRUPT (extended codes included): pages of the file are bad, and the rest
    may be saved. A file that is "not a database" at all (SQLITE_NOTADB) has nothing to
    save."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_CORRUPT


# When a sync last changed the cache (meta): part of `change_mark`, so that an app open on
# the cache shows what a shell's `newsterm sync` brought.
SYNC_CHANGED = "sync_changed"


class StorageBase:
    """One connection to the cache, guarded by a lock, and its transactions.

    `ignore_rules` are the kill rules every story query applies (the config's
    `[[ignore]]`): the store is where they take effect, so no list, count or search
    can forget them.
    """

    def __init__(self, path: Path | str, *, ignore_rules: Sequence[IgnoreRule] = ()) -> None:
        self.path = path
        with cache_errors():
            self.conn: sqlite3.Connection = db.connect(path)
        register_functions(self.conn)
        self.lock = threading.RLock()
        self._depth = 0  # transactions open on this connection, nested ones included
        self.ignore_rules: tuple[IgnoreRule, ...] = tuple(ignore_rules)

    def _where(self, view: StoryFilter) -> tuple[str, list[object]]:
        """`WHERE …` for a view: its choices, its saved search and the kill rules."""
        return story_where(view, self.ignore_rules)

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One SQLite transaction; one opened inside another becomes part of it."""
        with cache_errors(), self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            with db.transaction(self.conn) as conn:
                self._depth = 1
                try:
                    yield conn
                finally:
                    self._depth = 0

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Every write inside lands together, or (on any exception) none of them does."""
        with self.transaction():
            yield

    def _query(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        with cache_errors(), self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    # -- facts about the cache ------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
