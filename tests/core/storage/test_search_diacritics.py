"""Schema 13's search index: a letter with two diacritics is found as the bare letter, as
one with a single diacritic always was ("viet" finds "Việt", as "election" finds
"Élection"). A cache of schema 12 gets the index built again behind the app, whatever
state schema 11's own rebuild was in; every story is found once meanwhile and after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.models import Hidden, ParsedEntry, StoryFilter
from tui_news.core.storage import Store, db, search_index

NOW = 1_800_000_000.0
TITLES = ["Việt Nam mở cửa biên giới", "Élection à Hà Nội", "Harbour news", "Tết holiday"]
OLD = "tokenize = 'unicode61'"


def titled(store: Store, words: str) -> list[str]:
    return sorted(s.title for s in store.stories(StoryFilter(search=words)))


def schema12_cache(tmp_path: Path, state: str) -> Path:
    """A cache as schema 12 left it: its index without the new reading of diacritics,
    whole, still filling (schema 11's copy under way) or with the old one still being
    emptied."""
    path = tmp_path / "newsterm.db"
    with Store(path) as store:
        feed = store.add_feed("https://news.test/rss")
        entries = (ParsedEntry(key=t, title=t, summary=f"<p>{t} text</p>") for t in TITLES)
        record_fetch(store, feed.id, *entries, at=NOW)
    conn = sqlite3.connect(path, isolation_level=None)
    words = "SELECT id, title, title || ' text' FROM stories"
    old = f"fts5(title, body, {OLD}, prefix = '3')"
    conn.executescript(f"""
        DROP TABLE story_search;
        CREATE VIRTUAL TABLE story_search USING {old};
        INSERT INTO story_search (rowid, title, body) {words};
        PRAGMA user_version = 12;
    """)
    if state == "filling":  # the unprefixed index searched, the first story copied over
        conn.executescript(f"""
            ALTER TABLE story_search RENAME TO story_search_next;
            DELETE FROM story_search_next WHERE rowid > 1;
            CREATE VIRTUAL TABLE story_search USING fts5(title, body, {OLD});
            INSERT INTO story_search (rowid, title, body) {words};
            INSERT INTO meta (key, value) VALUES ('{search_index.FILLED}', '1');
        """)
    elif state == "retiring":
        conn.executescript(f"""
            CREATE VIRTUAL TABLE story_search_old USING fts5(title, body, {OLD});
            INSERT INTO story_search_old (rowid, title, body) {words};
        """)
    conn.close()
    return path


@pytest.mark.parametrize("state", ["whole", "filling", "retiring"])
def test_a_schema_12_cache_finds_vietnamese_without_its_marks_once_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    path = schema12_cache(tmp_path, state)
    monkeypatch.setattr(search_index, "AT_MIGRATION", 1)  # the rest comes in batches
    with Store(path) as store:
        assert db.schema_version(store.conn) == db.SCHEMA_VERSION >= 13
        assert store.search_index_filling()
        # Meanwhile the old index answers as it did, and a story stored now is found.
        assert titled(store, "việt") == [TITLES[0]]
        record_fetch(store, 1, ParsedEntry(key="new", title="Người Việt"), at=NOW)
        assert titled(store, "harb") == ["Harbour news"]
        while not store.fill_search_index(1):
            pass
        assert titled(store, "viet") == ["Người Việt", TITLES[0]]
        assert titled(store, "ha noi") == titled(store, "Hà Nội") == [TITLES[1]]
        assert titled(store, "tet") == [TITLES[3]]
        assert titled(store, "election") == [TITLES[1]]
        indexed = [row[0] for row in store.conn.execute("SELECT rowid FROM story_search")]
        assert sorted(indexed) == sorted(store.story_ids(StoryFilter(hidden=Hidden.SHOW)))
        assert search_index.has_prefixes(store.conn)
        tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_schema")}
        assert not {search_index.NEXT, search_index.RETIRED} & tables
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_new_cache_reads_diacritics_so_from_the_start(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        feed = store.add_feed("https://news.test/rss")
        record_fetch(store, feed.id, *(ParsedEntry(key=t, title=t) for t in TITLES), at=NOW)
        assert not store.search_index_filling()
        assert titled(store, "viet mo") == [TITLES[0]]
