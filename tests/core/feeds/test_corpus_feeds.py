"""Corpus sweeps: thousands of real and adversarial feeds through parse_feed and the store.

feedparser's own fixture suite must never crash the parser or yield unsafe text;
the captured real feeds must read as feedparser reads them (after our sanitising)
and land in the cache exactly once.
"""

from __future__ import annotations

import csv
import math
import re
import time
from calendar import timegm
from pathlib import Path
from typing import Any

import feedparser
import pytest

from tests.conftest import CORPUS
from tui_news.core.feeds.parse import NotAFeedError, parse_feed
from tui_news.core.models import ParsedFeed, StoryFilter
from tui_news.core.storage import Store
from tui_news.core.text import clean_line
from tui_news.core.urls import clean_url

pytestmark = pytest.mark.slow

FEEDPARSER_TESTS = CORPUS / "feedparser-tests"
FEEDS_REAL = CORPUS / "feeds-real"
FEED_SUFFIXES = frozenset({".xml", ".rss", ".rdf", ".atom", ".json"})
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# feedparser's fixtures carry their HTTP headers in the leading comment.
HEADER_RE = re.compile(rb"^Header:\s*Content-type:\s*(.+?)\s*$", re.I | re.M)


def feed_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in FEED_SUFFIXES)


def feed_url(path: Path) -> str:
    return f"https://corpus.example.org/{path.parent.name}/{path.name}"


def assert_safe(feed: ParsedFeed) -> None:
    """What reaches the screen holds no control or reordering character."""
    assert not UNSAFE.search(feed.title)
    for entry in feed.entries:
        assert entry.key
        assert not UNSAFE.search(entry.title + entry.author)
        assert not UNSAFE.search(entry.summary.replace("\n", "").replace("\t", "")), entry.key
        assert entry.url == "" or re.match(r"https?://", entry.url)
        for moment in (entry.published, entry.updated):
            assert moment is None or math.isfinite(moment)


def test_corpus_is_present() -> None:
    assert len(feed_files(FEEDPARSER_TESTS)) > 2000, f"corpus missing at {CORPUS}"
    assert len(feed_files(FEEDS_REAL)) >= 35


@pytest.mark.parametrize(
    "path", feed_files(FEEDPARSER_TESTS), ids=lambda p: str(p.relative_to(FEEDPARSER_TESTS))
)
def test_feedparser_fixture_parses_safely(path: Path) -> None:
    body = path.read_bytes()
    header = HEADER_RE.search(body[:2048])
    content_type = header.group(1).decode("ascii", "replace") if header else None
    try:
        feed = parse_feed(body, url=feed_url(path), content_type=content_type)
    except NotAFeedError as exc:
        assert exc.message.startswith("not a feed: ")
        return
    assert_safe(feed)


def manifest() -> dict[str, int]:
    with (FEEDS_REAL / "MANIFEST.tsv").open(newline="", encoding="utf-8") as handle:
        return {
            row["file"]: int(row["items_or_entries"])
            for row in csv.DictReader(handle, delimiter="\t")
        }


def shown_by_feedparser(entry: Any, url: str) -> bool:
    """feedparser's entries that have anything to show (we drop empty <item>s)."""
    texts = (entry.get("title"), entry.get("summary"))
    return any(clean_line(text) for text in texts) or bool(clean_url(entry.get("link"), url))


def feedparser_date(entry: Any) -> float | None:
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return float(timegm(parsed)) if parsed else None


@pytest.mark.parametrize("path", feed_files(FEEDS_REAL), ids=lambda p: p.name)
def test_real_feed_reads_as_feedparser_reads_it(path: Path) -> None:
    body, url = path.read_bytes(), feed_url(path)
    ours = parse_feed(body, url=url)
    reference = feedparser.parse(body)
    assert len(reference.entries) == manifest()[path.name]
    expected = [e for e in reference.entries if shown_by_feedparser(e, url)]
    assert len(ours.entries) == len(expected)
    assert ours.title == clean_line(reference.feed.get("title"))
    assert_safe(ours)
    for mine, theirs in zip(ours.entries, expected, strict=True):
        if clean_line(theirs.get("title")):
            assert mine.title == clean_line(theirs.get("title"))
        assert mine.url == clean_url(theirs.get("link"), url)
        date = feedparser_date(theirs)
        if date is not None:  # we read some dates feedparser cannot (Italian day names)
            assert mine.published == date


@pytest.mark.parametrize("path", feed_files(FEEDS_REAL), ids=lambda p: p.name)
def test_real_feed_is_stored_once(path: Path, store: Store) -> None:
    url = feed_url(path)
    parsed = parse_feed(path.read_bytes(), url=url)
    feed = store.add_feed(url)

    def ingest() -> tuple[int, int]:
        result = store.record_feed_update(
            feed.id, parsed, checked_at=time.time(), etag=None, last_modified=None, next_due=None
        )
        return result.new, result.updated

    first_title: dict[str, str] = {}
    for entry in parsed.entries:
        first_title.setdefault(entry.key, entry.title)
    assert ingest() == (len(first_title), 0)
    stories = store.stories(StoryFilter(feed_id=feed.id))
    assert {story.key: story.title for story in stories} == first_title
    assert store.feed(feed.id).title == parsed.title
    assert ingest() == (0, 0)
    assert len(store.stories(StoryFilter(feed_id=feed.id))) == len(first_title)
