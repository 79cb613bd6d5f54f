"""Caches written by older versions open, upgrade in place and keep their data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.storage import Store, db
from tui_news.entry import main


def version_one_cache(path: Path, *, with_feed: bool) -> None:
    """A cache exactly as schema version 1 left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in db._statements(db.MIGRATIONS[0]):
        conn.execute(statement)
    if with_feed:
        conn.execute("INSERT INTO feeds (url, title, added) VALUES ('https://a.test/rss', 'A', 0)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_a_version_one_cache_is_upgraded_and_keeps_its_feeds(tmp_path: Path) -> None:
    version_one_cache(tmp_path / "old.db", with_feed=True)
    with Store(tmp_path / "old.db") as store:
        assert db.schema_version(store.conn) == db.SCHEMA_VERSION
        assert [f.title for f in store.feeds()] == ["A"]


def test_an_empty_version_one_cache_upgrades_to_an_empty_cache(tmp_path: Path) -> None:
    version_one_cache(tmp_path / "old.db", with_feed=False)
    with Store(tmp_path / "old.db") as store:
        assert db.schema_version(store.conn) == db.SCHEMA_VERSION
        assert store.feeds() == []


def test_a_cache_from_a_newer_newsterm_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(tmp_path / "newsterm.db")
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(db.CacheVersionError):
        Store(tmp_path / "newsterm.db")
    assert main(["--data-dir", str(tmp_path), "feeds"]) == 1
    err = capsys.readouterr().err
    assert "written by a newer newsterm" in err and "Traceback" not in err
    assert db.schema_version(sqlite3.connect(tmp_path / "newsterm.db")) == db.SCHEMA_VERSION + 1


def test_a_file_that_is_not_a_database_gives_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "newsterm.db").write_bytes(b"this is not a database, just some text" * 100)
    assert main(["--data-dir", str(tmp_path), "stories"]) == 1
    assert capsys.readouterr().err == "newsterm: cache error: file is not a database\n"


def test_a_version_two_cache_relists_stories_with_impossible_dates(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in db.MIGRATIONS[:2]:
        for statement in db._statements(migration):
            conn.execute(statement)
    conn.execute("INSERT INTO feeds (id, url, title, added) VALUES (1, 'https://a.test/', 'A', 0)")
    seen = 1_800_000_000.0
    for key, sort_time in (
        ("future", 4_070_908_800.0),
        ("zero", -62_135_596_800.0),
        ("ok", seen - 60),
    ):
        conn.execute(
            "INSERT INTO stories (feed_id, key, title, first_seen, sort_time, published) "
            "VALUES (1, ?, ?, ?, ?, ?)",
            (key, key, seen, sort_time, sort_time),
        )
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with Store(path) as store:
        placed = dict(store.conn.execute("SELECT key, sort_time FROM stories"))
        published = dict(store.conn.execute("SELECT key, published FROM stories"))
    assert placed == {"future": seen, "zero": seen, "ok": seen - 60}
    assert published["future"] == 4_070_908_800.0  # what the feed said is kept


def test_a_version_four_cache_learns_which_articles_are_the_pages_own_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in db.MIGRATIONS[:4]:
        for statement in db._statements(script):
            conn.execute(statement)
    conn.execute(
        "INSERT INTO feeds (id, url, title, added) VALUES (1, 'https://a.test/rss', 'A', 0)"
    )
    for n, url in enumerate(("https://a.test/1", "https://a.test/2", "https://a.test/3")):
        conn.execute(
            "INSERT INTO stories (feed_id, key, url, first_seen, sort_time) VALUES (1, ?, ?, 0, ?)",
            (f"k{n}", url, n),
        )
    articles = [
        ("https://a.test/1", '{"source": "extracted", "text": "x"}'),
        ("https://a.test/2", '{"source": "feed", "text": "x"}'),
        ("https://a.test/3", "not json at all"),
    ]
    for url, data in articles:
        conn.execute("INSERT INTO articles (url, fetched, data) VALUES (?, 0, ?)", (url, data))
    conn.execute("PRAGMA user_version = 4")
    conn.close()
    with Store(path) as store:
        rows = store.story_rows(store.story_ids())
        assert {row.url: row.cached for row in rows} == {
            "https://a.test/1": True,
            "https://a.test/2": False,
            "https://a.test/3": False,
        }
        assert store.feeds()[0].user_title is None and store.feeds()[0].title == "A"


def test_a_version_seven_caches_marks_become_updates_cut_short(tmp_path: Path) -> None:
    """A refresh and a sync cut short left the story id where each began in meta; after
    the upgrade their stories are owed by updates no process is at, a sync's as never
    shown (new to the next sync), and the marks are gone."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in db.MIGRATIONS[:7]:
        for statement in db._statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO feeds (id, url, title, added) VALUES (1, 'https://a.test/', 'A', 0)")
    for n in range(1, 6):
        conn.execute(
            "INSERT INTO stories (id, feed_id, key, first_seen, sort_time) VALUES (?, 1, ?, 0, 0)",
            (n, f"k{n}"),
        )
    for n in (4, 5):  # brought by the sync
        conn.execute("INSERT INTO sync_items (story_id, remote_id) VALUES (?, ?)", (n, f"r{n}"))
    conn.execute("INSERT INTO meta (key, value) VALUES ('refresh_begun', '1'), ('sync_begun', '3')")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    with Store(path) as store:
        assert db.schema_version(store.conn) == db.SCHEMA_VERSION
        assert store.meta("refresh_begun") is None and store.meta("sync_begun") is None
        update = store.begin_update("sync")
        assert store.take_over(update, shown=False) == [4, 5]  # new to this sync
        assert store.take_over(update) == [2, 3]  # the refresh's: their full text is owed
        assert store.take_over(store.begin_update("refresh")) == []


def test_a_version_eight_cache_keeps_its_titles_through_refreshes(tmp_path: Path) -> None:
    """Where a title stored before version 10 came from is unknown (a list, or the feed
    itself): the upgrade keeps each as it was, never replaced by a refresh."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in db.MIGRATIONS[:8]:
        for statement in db._statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO feeds (id, url, title, added) VALUES (1, 'https://a.test/', 'A', 0)")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Store(path) as store:
        record_fetch(store, 1, at=1_700_000_000.0, title="A, renamed")
        assert store.feed(1).title == "A"
