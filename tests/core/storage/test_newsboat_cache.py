"""Reading a cache the real newsboat wrote (tests/newsboat_setup.py says how it is made):
every feed and item not deleted, read state and flags, and one clear line for a cache
that is missing, locked, of an unknown version or not newsboat's."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.newsboat_setup import (
    DATA,
    NewsboatSetup,
    holding_a_lock,
    holding_newsboat_lock,
)
from tui_news.core.storage.newsboat_cache import NewsboatCacheError, read_newsboat_cache


def test_every_item_not_deleted_with_its_read_state_and_flags(newsboat: NewsboatSetup) -> None:
    cache = read_newsboat_cache(newsboat.cache)
    assert cache.version.startswith("2.")
    assert {feed.url: feed.title for feed in cache.feeds} == {
        newsboat.feed_url("world.xml"): "World News",
        newsboat.feed_url("blog.xml"): "Beta Blog",
    }
    items = {item.title: item for item in cache.items}
    # newsboat stored no item its ignore-article rule matched, and one was deleted.
    assert set(items) == {
        "Ukraine talks resume",
        "Weather today",
        "Markets open higher",
        "Harbour cranes return",
        "Hello world",
        "Second post",
        "A post without an id",
    }
    assert cache.deleted == 1
    read = {title for title, item in items.items() if not item.unread}
    assert read == {"Ukraine talks resume", "Markets open higher"}
    assert {title: item.flags for title, item in items.items() if item.flags} == {
        "Hello world": "s",
        "Markets open higher": "AZ",
    }
    talks = items["Ukraine talks resume"]
    assert talks.author == "Jo Smith" and talks.guid == "world-1"
    assert talks.url == f"{newsboat.base}/world/talks"
    assert talks.published == 1704103200.0
    assert "<b>resume</b>" in talks.content


def test_the_cache_is_opened_read_only(newsboat: NewsboatSetup) -> None:
    before = newsboat.cache.read_bytes()
    newsboat.cache.chmod(0o444)
    read_newsboat_cache(newsboat.cache)
    assert newsboat.cache.read_bytes() == before
    assert not newsboat.cache.with_name("cache.db-journal").exists()


def test_a_missing_cache_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(NewsboatCacheError, match=r"^no newsboat cache at .*cache\.db$"):
        read_newsboat_cache(tmp_path / "cache.db")


def test_a_file_that_is_not_a_newsboat_cache_says_so(tmp_path: Path) -> None:
    junk = tmp_path / "cache.db"
    junk.write_text("not sqlite at all " * 100)
    with pytest.raises(NewsboatCacheError, match="is not a newsboat cache"):
        read_newsboat_cache(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE stories (id INTEGER)")
    conn.close()
    with pytest.raises(NewsboatCacheError, match="no rss_feed and rss_item"):
        read_newsboat_cache(other)


def test_an_unknown_schema_version_is_refused(newsboat: NewsboatSetup) -> None:
    with sqlite3.connect(newsboat.cache) as conn:
        conn.execute("UPDATE metadata SET db_schema_version_major = 3")
    conn.close()
    with pytest.raises(NewsboatCacheError) as raised:
        read_newsboat_cache(newsboat.cache)
    assert "schema version 3." in str(raised.value)
    assert "does not know (it reads version 2.x)" in str(raised.value)


def test_a_cache_missing_a_column_newsterm_needs_is_refused(newsboat: NewsboatSetup) -> None:
    with sqlite3.connect(newsboat.cache) as conn:
        conn.execute("ALTER TABLE rss_item DROP COLUMN flags")
    conn.close()
    with pytest.raises(NewsboatCacheError, match=r"has no rss_item\.flags"):
        read_newsboat_cache(newsboat.cache)


@pytest.fixture
def lock_holder(newsboat: NewsboatSetup) -> Iterator[int]:
    with holding_newsboat_lock(newsboat.cache) as pid:
        yield pid


def test_a_cache_newsboat_is_running_on_is_refused(
    newsboat: NewsboatSetup, lock_holder: int
) -> None:
    with pytest.raises(NewsboatCacheError) as raised:
        read_newsboat_cache(newsboat.cache)
    assert f"newsboat is running (process {lock_holder})" in str(raised.value)


def test_a_stale_lock_file_left_by_a_crash_is_no_obstacle(newsboat: NewsboatSetup) -> None:
    newsboat.cache.with_name("cache.db.lock").write_text("99999999")
    assert len(read_newsboat_cache(newsboat.cache).items) == 7


def test_a_cache_locked_by_a_writer_is_one_line(newsboat: NewsboatSetup) -> None:
    writer = (
        "import sqlite3\n"
        f"conn = sqlite3.connect({str(newsboat.cache)!r}, isolation_level=None)\n"
        "conn.execute('BEGIN EXCLUSIVE')\n"
    )
    with (
        holding_a_lock(writer),
        pytest.raises(NewsboatCacheError, match="is locked by another program"),
    ):
        read_newsboat_cache(newsboat.cache)


def test_the_committed_fixture_holds_what_newsboat_stored(newsboat: NewsboatSetup) -> None:
    """The cache used where newsboat is not installed: the same items, none deleted yet."""
    made = read_newsboat_cache(newsboat.cache)
    fixture = read_newsboat_cache(DATA / "cache.db")
    assert sorted(item.title for item in fixture.items) == sorted(
        [*(item.title for item in made.items), "An old story"]
    )
    assert fixture.version == made.version == "2.11"
