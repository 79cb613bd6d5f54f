"""Old stories are pruned by a setting (starred ones kept) and stay away; the file compacts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.fetches import record_fetch
from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news.config import Config, load_config
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.net.limits import FetchLimits
from tui_news.core.refresh.refresher import Refresher
from tui_news.core.storage import Store
from tui_news.reader import cache
from tui_news.reader.article import Article

DAY = 86_400.0
NOW = time.time()
# rss() dates its items from 1_700_000_000 on: November 2023, long before NOW.
RSS_ITEMS_DATE = 1_700_000_000.0


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def ingest(store: Store, feed_id: int, ages_in_days: list[float], *, prefix: str = "s") -> None:
    entries = tuple(
        ParsedEntry(
            key=f"{prefix}{i}",
            url=f"https://news.test/{prefix}{i}",
            title=f"Story {prefix}{i} about harbours",
            published=NOW - age * DAY,
        )
        for i, age in enumerate(ages_in_days)
    )
    record_fetch(store, feed_id, *entries, at=NOW)


def titles(store: Store, view: StoryFilter = StoryFilter()) -> list[str]:
    return [story.title for story in store.stories(view)]


def test_prune_deletes_old_unstarred_stories_and_their_search_entries(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, [1, 10, 40, 400])
    old_starred = store.story_ids()[2]
    store.set_starred(old_starred, True)

    pruned = store.prune(older_than=NOW - 30 * DAY)

    assert pruned.stories == 1  # the 400-day-old one; the 40-day-old one is starred
    assert titles(store) == [
        "Story s0 about harbours",
        "Story s1 about harbours",
        "Story s2 about harbours",
    ]
    assert titles(store, StoryFilter(search="harbours")) == titles(store)
    assert store.counts() == (3, 3)
    assert store.conn.execute("SELECT count(*) FROM story_search").fetchone()[0] == 3


def test_a_pruned_story_still_in_its_feed_does_not_come_back_as_new(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, [1, 400])
    store.prune(older_than=NOW - 30 * DAY)

    ingest(store, feed.id, [1, 400])  # the feed still lists the old story

    assert titles(store) == ["Story s0 about harbours"]


def test_a_pruned_key_is_forgotten_once_its_feed_stops_listing_it(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, [1, 400])
    store.prune(older_than=NOW - 30 * DAY)
    ingest(store, feed.id, [1])  # the old story has left the feed
    assert store.conn.execute("SELECT count(*) FROM pruned_keys").fetchone()[0] == 0

    ingest(store, feed.id, [1, 400])  # and comes back: it is news again
    assert len(titles(store)) == 2


def test_an_empty_fetch_keeps_the_pruned_keys(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, [1, 400])
    store.prune(older_than=NOW - 30 * DAY)
    ingest(store, feed.id, [])
    ingest(store, feed.id, [1, 400])
    assert titles(store) == ["Story s0 about harbours"]


def test_prune_drops_articles_only_pruned_stories_linked_to(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, [1, 400])
    old = NOW - 100 * DAY
    for url in ("https://news.test/s0", "https://news.test/s1", "https://elsewhere.test/read"):
        cache.save(store, url, Article(input=url, url=url, text="Words.", fetched=old))

    assert store.prune(older_than=NOW - 30 * DAY).articles == 2

    assert cache.load(store, "https://news.test/s0") is not None  # its story is still here
    assert cache.load(store, "https://news.test/s1") is None
    assert cache.load(store, "https://elsewhere.test/read") is None


def test_removing_a_feed_removes_its_pruned_keys(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, [400])
    store.prune(older_than=NOW - 30 * DAY)
    store.remove_feed(feed.id)
    assert store.conn.execute("SELECT count(*) FROM pruned_keys").fetchone()[0] == 0


def test_compact_shrinks_the_file_after_a_prune(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    with Store(path) as store:
        feed = store.add_feed("https://news.test/rss")
        entries = tuple(
            ParsedEntry(
                key=str(i),
                title=f"Story {i}",
                summary="Many words. " * 200,
                published=NOW - 400 * DAY,
            )
            for i in range(300)
        )
        record_fetch(store, feed.id, *entries, at=NOW)
        store.prune(older_than=NOW - 30 * DAY)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = path.stat().st_size
        store.compact()
        assert path.stat().st_size < before / 4
        assert store.counts() == (0, 0)


async def test_a_refresh_prunes_by_the_setting(store: Store, server: LocalServer) -> None:
    server.feeds["/a.xml"] = rss("A", 3)
    feed = store.add_feed(server.url("/a.xml"))
    ingest(store, feed.id, [1], prefix="recent")
    limits = FetchLimits(connect_timeout=2, read_timeout=3, total_timeout=3)

    kept = await Refresher(store, limits).refresh()
    assert kept.pruned == 0 and len(titles(store)) == 4  # default: every story kept

    summary = await Refresher(store, limits, prune_after_days=30).refresh()

    assert summary.pruned == 3  # the feed's items are from 2023
    assert titles(store) == ["Story recent0 about harbours"]
    await Refresher(store, limits, prune_after_days=30).refresh()  # still listed
    assert titles(store) == ["Story recent0 about harbours"]


def test_the_setting_is_off_by_default_and_read_from_the_config(tmp_path: Path) -> None:
    assert Config().prune_after_days == 0
    path = tmp_path / "config.toml"
    path.write_text("prune_after_days = 90\n", encoding="utf-8")
    assert load_config(path) == (Config(prune_after_days=90), [])
    path.write_text("prune_after_days = -1\n", encoding="utf-8")
    config, problems = load_config(path)
    assert config.prune_after_days == 0 and "prune_after_days" in problems[0]


def test_vacuum_prunes_by_the_setting_or_the_option_and_compacts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path / "newsterm.db") as store:
        feed = store.add_feed("https://news.test/rss")
        ingest(store, feed.id, [1, 40, 400])

    run = newsterm(capsys, tmp_path, "vacuum")
    assert run.code == 0 and "pruned" not in run.out and "compacted" in run.out

    (tmp_path / "config.toml").write_text("prune_after_days = 100\n", encoding="utf-8")
    run = newsterm(capsys, tmp_path, "vacuum")
    assert run.code == 0
    assert "pruned 1 story older than 100 days and 0 cached articles" in run.out

    run = newsterm(capsys, tmp_path, "vacuum", "--older-than", "30")
    assert "pruned 1 story older than 30 days" in run.out
    assert newsterm(capsys, tmp_path, "stories").out.count("Story") == 1

    bad = newsterm(capsys, tmp_path, "vacuum", "--older-than", "soon")
    assert bad.code == 2 and "not a whole number" in bad.err
