"""Dates a feed gets wrong do not decide where its stories sit in the list.

A typo'd year (2205 for 2025) or a placeholder date (Go's zero time, 0001-01-01, which
Hugo sites emit for undated pages; the Unix epoch) would pin a story above every new
one for ever, or bury it below every old one. Such a story is placed by when it was
first seen instead; its `published` still says what the feed said.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry
from tui_news.core.storage import Store

SEEN = 1_800_000_000.0  # when the refresh ran
DAY = 86_400.0
GO_ZERO_TIME = -62_135_596_800.0  # 0001-01-01T00:00:00Z


def ingest(store: Store, feed_id: int, *entries: ParsedEntry, at: float = SEEN) -> tuple[int, int]:
    return record_fetch(store, feed_id, *entries, at=at, title="Feed")


def entry(key: str, published: float | None) -> ParsedEntry:
    return ParsedEntry(key=key, url=f"https://news.test/{key}", title=key, published=published)


def titles(store: Store) -> list[str]:
    return [story.title for story in store.stories()]


def test_a_far_future_date_does_not_pin_the_story_to_the_top(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, entry("typo-2205", SEEN + 180 * 365 * DAY), entry("old", SEEN - DAY))
    ingest(store, feed.id, entry("newer", SEEN + 10 * 60), at=SEEN + 3600)
    assert titles(store) == ["newer", "typo-2205", "old"]
    story = store.stories()[1]
    assert story.sort_time == SEEN and story.published == SEEN + 180 * 365 * DAY


def test_placeholder_dates_do_not_bury_the_story(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, entry("go-zero", GO_ZERO_TIME), entry("epoch", 0.0))
    ingest(store, feed.id, entry("yesterday", SEEN - DAY))
    assert titles(store)[-1] == "yesterday"
    assert {story.sort_time for story in store.stories()[:2]} == {SEEN}


def test_a_little_clock_skew_is_believed(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, entry("skewed", SEEN + 3600), entry("now", SEEN))
    assert titles(store) == ["skewed", "now"]
    assert store.stories()[0].sort_time == SEEN + 3600


def test_an_unchanged_future_entry_is_not_updated_again(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    future = entry("future", SEEN + 400 * DAY)
    assert ingest(store, feed.id, future) == (1, 0)
    assert ingest(store, feed.id, future, at=SEEN + DAY) == (0, 0)
    # an edit keeps it where it was first seen, not where the edit was seen
    edited = ParsedEntry(key="future", url=future.url, title="edited", published=future.published)
    assert ingest(store, feed.id, edited, at=SEEN + 2 * DAY) == (0, 1)
    assert store.stories()[0].sort_time == SEEN


def test_json_dates_before_year_1000_are_valid_iso_8601(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with Store(tmp_path / "newsterm.db") as store:
        feed = store.add_feed("https://news.test/rss")
        ingest(store, feed.id, entry("go-zero", GO_ZERO_TIME))
    (story,) = newsterm(capsys, tmp_path, "stories", "--json").json()
    assert story["published"] == "0001-01-01T00:00:00Z"


def test_stories_without_dates_keep_the_order_the_feed_lists_them_in(store: Store) -> None:
    """Undated, or all of one date, the feed's order is the only one there is: its first
    entry (the newest, in nearly every feed) is listed first, as newsboat lists it, not
    last. The next fetch's new entries go above them all."""
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, entry("first", None), entry("second", None), entry("third", None))
    assert titles(store) == ["first", "second", "third"]
    same = SEEN - DAY
    other = store.add_feed("https://other.test/rss")
    record_fetch(store, other.id, entry("a", same), entry("b", same), at=SEEN, title="Other")
    assert titles(store)[-2:] == ["a", "b"]
    ingest(store, feed.id, entry("new", None), entry("first", None), at=SEEN + 60)
    assert titles(store)[:4] == ["new", "first", "second", "third"]
