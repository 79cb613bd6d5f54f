"""`db.transaction()`: a failed write never leaves the write lock held or its cause hidden."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_news.core.errors import CacheError
from tui_news.core.storage import Store, db


def test_a_failed_commit_rolls_back_and_releases_the_write_lock(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "a.db")
    conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
    # A deferred constraint is checked at COMMIT: the one way to make COMMIT itself fail.
    conn.execute("CREATE TABLE c (pid REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError), db.transaction(conn):
        conn.execute("INSERT INTO c VALUES (5)")
    assert not conn.in_transaction
    other = db.connect(tmp_path / "a.db")
    other.execute("PRAGMA busy_timeout = 100")
    with db.transaction(other):  # would wait for the lock and fail if it were still held
        other.execute("INSERT INTO p VALUES (1)")
    assert conn.execute("SELECT count(*) FROM c").fetchone()[0] == 0


def test_a_full_disk_is_reported_as_such_and_the_store_recovers(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        feed = store.add_feed("https://example.test/feed.xml")
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        # SQLite rolls a transaction back by itself on SQLITE_FULL; that must not turn
        # into "cannot rollback - no transaction is active".
        with pytest.raises(CacheError, match="full"):
            store.set_meta("big", "x" * 100_000)
        store.conn.execute("PRAGMA max_page_count = 1073741823")
        store.set_meta("big", "fits now")
        assert store.meta("big") == "fits now"
        assert store.feed(feed.id).url == "https://example.test/feed.xml"
