"""The search index is rebuilt and the old one retired through statements SQLite allows
in defensive mode (SQLITE_DBCONFIG_DEFENSIVE), where writing FTS5's shadow tables is
refused: up to schema 13 the old index was emptied from them, and the rebuild failed
at its first retiring batch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core.storage.defensive import defensive, is_defensive
from tests.core.storage.test_search_prefixes import RECORDED, SEARCHES, found, schema8_cache
from tui_news.core.models import Hidden, StoryFilter
from tui_news.core.storage import Store, db, search_index


@pytest.mark.parametrize("first", [0, 100_000], ids=["in-batches", "in-the-migration"])
def test_a_schema_8_cache_upgrades_in_defensive_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: int
) -> None:
    monkeypatch.setattr(search_index, "AT_MIGRATION", first)
    migrate = db.migrate

    def defensive_migrate(conn: sqlite3.Connection) -> None:
        defensive(conn)  # before anything is written: the migration too
        migrate(conn)

    monkeypatch.setattr(db, "migrate", defensive_migrate)
    with Store(schema8_cache(tmp_path)) as store:
        assert is_defensive(store.conn)
        batches = 0
        while not store.fill_search_index(4):
            batches += 1
        assert (batches > 0) == (first == 0)
        for words in SEARCHES:
            assert found(store, words) == RECORDED["searches"][words], words
        tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_schema")}
        assert not {search_index.NEXT, search_index.RETIRED} & tables
        indexed = {row[0] for row in store.conn.execute("SELECT rowid FROM story_search")}
        assert indexed == set(store.story_ids(StoryFilter(hidden=Hidden.SHOW)))
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(("setting", "value"), [("1", 1), ("0", 0), ("FAST", 2)])
def test_retiring_the_old_index_leaves_secure_delete_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, value: int
) -> None:
    """The old index is dropped without overwriting its pages (all its words are in the
    new one); the connection's own setting is back afterwards."""
    monkeypatch.setattr(search_index, "AT_MIGRATION", 0)
    with Store(schema8_cache(tmp_path)) as store:
        while search_index.RETIRED not in {
            row[0] for row in store.conn.execute("SELECT name FROM sqlite_schema")
        }:
            store.fill_search_index(10)
        store.conn.execute(f"PRAGMA secure_delete = {setting}")
        assert store.fill_search_index(10)  # the drop
        assert store.conn.execute("PRAGMA secure_delete").fetchone()[0] == value
        assert not store.search_index_filling()
