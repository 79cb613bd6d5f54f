"""Schema 11's search index (three-letter prefixes): a cache written at schema 8 opens
with every story and finds by prefix what it found before, while its new index is
filled and after; writes made meanwhile reach both indexes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.models import Hidden, ParsedEntry, StoryFilter
from tui_news.core.storage import Store, db, recover, search_index, views

CACHE8 = Path(__file__).resolve().parents[2] / "data" / "cache8"
RECORDED = json.loads((CACHE8 / "searches.json").read_text())
SEARCHES = list(RECORDED["searches"])
NOW = 1_800_000_000.0


def schema8_cache(tmp_path: Path, name: str = "newsterm.db") -> Path:
    """A copy of the cache newsterm wrote at schema 8 (tools/make_cache8_fixture.py)."""
    path = tmp_path / name
    shutil.copy(CACHE8 / "newsterm.db", path)
    assert db.schema_version(sqlite3.connect(path)) == 8
    return path


def found(store: Store, words: str) -> dict[str, object]:
    view = StoryFilter(search=words)
    return {
        "ids": store.story_ids(view),
        "head": store.story_head(view, limit=3),
        "counts": list(store.counts(view)),
    }


def tables(store: Store) -> set[str]:
    return {row[0] for row in store.conn.execute("SELECT name FROM sqlite_schema")}


def test_a_schema_8_cache_opens_at_11_with_its_stories_and_finds_what_it_found(
    tmp_path: Path,
) -> None:
    with Store(schema8_cache(tmp_path)) as store:
        assert db.schema_version(store.conn) == db.SCHEMA_VERSION >= 11
        stories = [
            [s.id, s.feed_id, s.title, s.read, s.starred] for s in store.stories(StoryFilter())
        ]
        assert stories == RECORDED["stories"]
        for words in SEARCHES:
            assert found(store, words) == RECORDED["searches"][words], words
        # 30 stories: the new index was whole within the migration, the old one gone.
        assert not store.search_index_filling()
        assert search_index.has_prefixes(store.conn)
        assert not {search_index.NEXT, search_index.RETIRED} & tables(store)
        assert [tuple(r) for r in store.conn.execute("PRAGMA integrity_check")] == [("ok",)]


@pytest.mark.parametrize("first", [0, 7], ids=["none-at-migration", "seven-at-migration"])
def test_a_large_cache_finds_the_same_stories_while_its_index_fills_and_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: int
) -> None:
    """A cache over AT_MIGRATION stories (here: a few) keeps searching its old index while
    the new one fills in batches; stories stored, re-indexed and deleted meanwhile are
    found alike by a cache whose index was whole at once."""
    whole = Store(schema8_cache(tmp_path, "whole.db"))
    monkeypatch.setattr(search_index, "AT_MIGRATION", first)
    filling = Store(schema8_cache(tmp_path))
    assert filling.search_index_filling() and not search_index.has_prefixes(filling.conn)

    def same() -> None:
        for words in [*SEARCHES, "elev", "har", "pot"]:
            assert found(filling, words) == found(whole, words), words

    ids = whole.story_ids()
    steps = [
        lambda store: store.fill_search_index(4),
        # A story the new index holds already, and one it does not yet: their article text.
        lambda store: store.index_article_text(min(ids), "Pottery fair at the elevated market"),
        lambda store: store.index_article_text(max(ids), "Pottery prices climb"),
        lambda store: record_fetch(
            store,
            1,
            ParsedEntry(key="new", title="Elevated trains return", published=NOW),
            at=NOW,
        ),
        lambda store: store.fill_search_index(4),
        lambda store: store.remove_feed(2),
        lambda store: store.fill_search_index(4),
    ]
    for step in steps:
        step(filling)
        if step is not steps[0] and step is not steps[4] and step is not steps[6]:
            step(whole)
        same()
    batches = 0
    while not filling.fill_search_index(3):
        batches += 1
        same()
    assert batches > 0
    same()
    assert search_index.has_prefixes(filling.conn) and not filling.search_index_filling()
    assert not {search_index.NEXT, search_index.RETIRED} & tables(filling)
    assert [tuple(r) for r in filling.conn.execute("PRAGMA integrity_check")] == [("ok",)]
    # Nothing of the removed feed's stories is left in the index to collide with the id
    # of a story stored later.
    indexed = {row[0] for row in filling.conn.execute("SELECT rowid FROM story_search")}
    assert indexed == set(filling.story_ids(StoryFilter(hidden=Hidden.SHOW)))
    filling.close()
    whole.close()


def test_another_connection_searches_the_new_index_once_it_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "AT_MIGRATION", 0)
    path = schema8_cache(tmp_path)
    app, cli = Store(path), Store(path)
    assert found(cli, "ele") == RECORDED["searches"]["ele"]
    while not app.fill_search_index(5):
        pass
    assert search_index.has_prefixes(cli.conn)
    for words in SEARCHES:
        assert found(cli, words) == RECORDED["searches"][words], words
    app.close()
    cli.close()


def test_newsterm_vacuum_finishes_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_news.entry import main

    monkeypatch.setattr(search_index, "AT_MIGRATION", 0)
    data = tmp_path / "data"
    data.mkdir()
    with Store(schema8_cache(data)) as store:
        assert store.search_index_filling()
    assert main(["--data-dir", str(data), "vacuum"]) == 0
    with Store(data / "newsterm.db") as store:
        assert not store.search_index_filling() and search_index.has_prefixes(store.conn)
        assert found(store, "elec") == RECORDED["searches"]["elec"]


def test_three_letter_prefixes_are_asked_story_by_story_with_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the prefix index a three-letter word is one list: the head of a search that
    matches many stories looks them up one by one, as for a short word; a longer prefix
    never is. The answers are those the schema 8 cache gave."""
    monkeypatch.setattr(views, "DENSE", 2)
    asked: list[str] = []
    original = views.ViewStorage._head_story_by_story

    def spy(self: Store, view: StoryFilter, limit: int) -> list[int] | None:
        asked.append(view.search or "")
        return original(self, view, limit)

    monkeypatch.setattr(views.ViewStorage, "_head_story_by_story", spy)
    with Store(schema8_cache(tmp_path)) as store:
        for words in ("ele", "elec", "ele har"):
            assert found(store, words) == RECORDED["searches"][words], words
    assert asked == ["ele"]


def test_prefixes_match_the_beginning_of_words_only(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        feed = store.add_feed("https://news.test/rss")
        titles = ["Elections today", "Telecom news", "Electric cars", "Delegates meet", "Ele"]
        record_fetch(store, feed.id, *(ParsedEntry(key=t, title=t) for t in titles), at=NOW)
        assert search_index.has_prefixes(store.conn)  # a new cache has it from the start

        def titled(words: str) -> list[str]:
            return sorted(s.title for s in store.stories(StoryFilter(search=words)))

        assert titled("ele") == ["Ele", "Elections today", "Electric cars"]
        assert titled("elec") == ["Elections today", "Electric cars"]
        assert titled("tel") == ["Telecom news"]
        assert titled("el") == []  # two letters: a whole word


def test_a_cache_whose_old_index_is_being_emptied_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Newsterm up to schema 13 deleted the old index's shadow rows batch by batch: SQLite
    3.44 and later (Debian 13's Python among them) call such an index malformed in
    `quick_check` until it is dropped, and `newsterm recover` took the cache for a
    damaged one and rebuilt it. (The old index is dropped in one statement now; a cache
    an older newsterm left so must still open.)"""
    monkeypatch.setattr(search_index, "AT_MIGRATION", 0)
    path = schema8_cache(tmp_path)
    with Store(path) as store:
        while store.search_index_filling() and search_index.RETIRED not in tables(store):
            store.fill_search_index(4)
        assert search_index.RETIRED in tables(store)
    with closing(sqlite3.connect(path)) as conn, conn:
        # What the older newsterm's first batch deleted: the first rows of each.
        for table in ("content", "docsize"):
            conn.execute(f"DELETE FROM {search_index.RETIRED}_{table} WHERE rowid <= 4")
        conn.execute(f"DELETE FROM {search_index.RETIRED}_data WHERE rowid BETWEEN 11 AND 14")
    assert not recover.is_damaged(path)
    # A damage elsewhere in the file is still found, retiring index or not.
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_schema SET rootpage = 9999 WHERE name = 'feeds'")
    assert recover.is_damaged(path)
