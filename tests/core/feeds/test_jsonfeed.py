"""JSON Feed 1.0 and 1.1, which feedparser cannot read, through parse_feed."""

from __future__ import annotations

import json
import re
from calendar import timegm
from pathlib import Path

import pytest

from tui_news.core.feeds.jsonfeed import looks_like_json, parse_date
from tui_news.core.feeds.parse import NotAFeedError, parse_feed

FEEDS = Path(__file__).resolve().parents[2] / "data" / "feeds"
FEED_URL = "https://json.example.org/feed.json"
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def utc(*fields: int) -> float:
    return float(timegm((*fields, 0, 0, 0)))


def test_json_feed_1_0() -> None:
    feed = parse_feed((FEEDS / "jsonfeed10.json").read_bytes(), url=FEED_URL)
    assert (feed.format, feed.title, feed.site_url) == (
        "json1",
        "JSON Feed One",
        "https://json.example.org/",
    )
    second, first = feed.entries
    assert second.key == "2"
    assert second.author == "Manton"  # 1.0's single author object
    assert second.published == utc(2017, 5, 17, 17, 2, 0)  # -07:00
    # content_text becomes escaped HTML paragraphs.
    assert second.content == (
        "<p>This is a second item.</p><p>It has two paragraphs &amp; an ampersand.</p>"
    )
    assert first.key == "1"  # a numeric id, as many generators write
    assert first.url == "https://json.example.org/initial-post"  # resolved
    assert first.title == "Hello, world!"  # no title: its opening words
    assert first.updated == utc(2017, 5, 18, 8, 2, 0)


def test_json_feed_1_1() -> None:
    feed = parse_feed((FEEDS / "jsonfeed11.json").read_bytes(), url=FEED_URL)
    assert feed.format == "json11"
    entry = feed.entries[0]
    assert entry.author == "Ann, Bob"  # 1.1 authors; the nameless one skipped
    assert entry.summary == "<p>A short &lt;summary&gt;</p>"
    assert entry.content == '<p>Body with <a href="/x">link</a></p>'


def test_hostile_json_title_is_neutralised() -> None:
    entry = parse_feed((FEEDS / "jsonfeed11.json").read_bytes(), url=FEED_URL).entries[1]
    assert not UNSAFE.search(entry.title)
    assert entry.title == "Sneaky gnp.exe red [bold]markup[/bold]"
    assert entry.key == "no-url"
    assert entry.url == ""


def test_detected_by_content_type_even_with_leading_noise() -> None:
    assert looks_like_json(b"\xef\xbb\xbf  {", None)
    assert looks_like_json(b"[]", "application/feed+json; charset=utf-8")
    assert not looks_like_json(b"<rss/>", "application/rss+xml")


def test_a_feed_without_a_version_but_with_items_is_accepted() -> None:
    body = json.dumps({"title": "Loose", "items": [{"id": "a", "title": "One"}]}).encode()
    feed = parse_feed(body, url=FEED_URL)
    assert [e.title for e in feed.entries] == ["One"]


def test_junk_items_and_fields_are_skipped_not_fatal() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": ["not", "a", "string"],
            "items": [42, "text", {"id": None, "url": "https://x.example/a", "title": 7}],
        }
    ).encode()
    feed = parse_feed(body, url=FEED_URL)
    assert feed.title == ""
    assert [(e.key, e.url) for e in feed.entries] == [
        ("https://x.example/a", "https://x.example/a")
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[1, 2]", "not a feed: the JSON document is not a JSON Feed object"),
        (b'{"version": 1}', "not a feed: the JSON document is not a JSON Feed"),
        (b'{"items": [', "not a feed: JSON error at line 1 column 12"),
    ],
)
def test_bad_json_says_why(body: bytes, message: str) -> None:
    with pytest.raises(NotAFeedError) as caught:
        parse_feed(body, url=FEED_URL, content_type="application/feed+json")
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-05-17T08:02:00Z", utc(2017, 5, 17, 8, 2, 0)),
        ("2017-05-17T10:02:00+02:00", utc(2017, 5, 17, 8, 2, 0)),
        ("2017-05-17T08:02:00", utc(2017, 5, 17, 8, 2, 0)),  # naive: UTC
        ("Wed, 17 May 2017 08:02:00 GMT", utc(2017, 5, 17, 8, 2, 0)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates(text: str, expected: float | None) -> None:
    assert parse_date(text) == expected


def test_an_xml_feed_served_as_json_is_still_read() -> None:
    """Servers mislabel feeds; the document's first character is the better witness."""
    from tests.hostile.documents import rss
    from tui_news.core.feeds.parse import parse_feed

    for content_type in ("application/json", "text/json; charset=utf-8"):
        parsed = parse_feed(rss("A", 2), url="http://example.test/", content_type=content_type)
        assert [entry.title for entry in parsed.entries] == ["A story 0", "A story 1"]
