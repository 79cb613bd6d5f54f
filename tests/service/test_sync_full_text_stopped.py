"""A sync whose full text is stopped (the app closing, Ctrl-C) leaves the stories it did
not reach owed their full text: the next update fetches it, whichever kind it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_greader import configure
from tests.service.harbour import (
    STORIES,
    Harbour,
    StopsAfter,
    any_update,
    stopped_update,
    with_full_text,
)
from tui_news.config import Config
from tui_news.core.sync.engine import SyncSummary
from tui_news.core.sync.settings import SyncSettings


@pytest.fixture
def server(harbour: Harbour) -> Iterator[FakeGReader]:
    """A Google Reader server whose one feed lists the harbour's three stories."""
    fake = FakeGReader().start()
    try:
        feed = fake.add_feed(harbour.feed, "The Harbour Times")
        for title, link, published in harbour.items():
            fake.add_item(feed, title, html="<p>teaser</p>", url=link, published=int(published))
        yield fake
    finally:
        fake.stop()


def syncing(server: FakeGReader) -> Config:
    return Config(sync=SyncSettings("greader", server.url, server.user, server.password))


def stopped_sync(path: Path, harbour: Harbour, config: Config) -> SyncSummary:
    """A sync that brings the three stories, its full text stopped after the first page."""
    harbour.held.clear()
    try:
        synced = stopped_update(path, StopsAfter(pages=1), config)
    finally:
        harbour.held.set()
    assert isinstance(synced, SyncSummary) and synced.new_stories == STORIES
    assert len(harbour.pages) == 2  # the first, and the second when the stop came
    return synced


def test_the_next_sync_fetches_the_full_text_a_stopped_one_did_not_reach(
    harbour: Harbour, server: FakeGReader, tmp_path: Path
) -> None:
    path, config = tmp_path / "newsterm.db", syncing(server)
    stopped_sync(path, harbour, config)
    first = harbour.pages[0]
    assert with_full_text(path, harbour) == [first]

    # The server has nothing new; the stopped sync's stories get their text now.
    done = any_update(path, config)
    assert isinstance(done, SyncSummary) and done.new_stories == 0
    assert sorted(with_full_text(path, harbour)) == ["0", "1", "2"]
    assert harbour.pages.count(first) == 1  # the article already fetched is not asked again

    # Owed no more: the sync after it fetches nothing.
    asked = len(harbour.pages)
    any_update(path, config)
    assert len(harbour.pages) == asked


def test_newsterm_sync_says_so_and_fetches_the_text_left(
    harbour: Harbour, server: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(tmp_path, server)
    stopped_sync(tmp_path / "newsterm.db", harbour, syncing(server))
    done = newsterm(capsys, tmp_path, "sync")
    assert done.code == 0, done.err
    assert "· 0 new stories · 3 more owed their full text (cut short earlier) ·" in done.out
    # The first page came from the article cache, the others from the site.
    assert "full text: 2 extracted, 0 from the feed, 1 already cached" in done.out


def test_a_refresh_takes_up_the_full_text_a_stopped_sync_left(
    harbour: Harbour, server: FakeGReader, tmp_path: Path
) -> None:
    """[sync] taken out of the config: the refresh that follows owes the same text."""
    path = tmp_path / "newsterm.db"
    stopped_sync(path, harbour, syncing(server))
    done = any_update(path, Config(), feed_ids=[])
    assert not isinstance(done, SyncSummary)
    assert sorted(with_full_text(path, harbour)) == ["0", "1", "2"]
    assert len(done.earlier_story_ids) == STORIES
