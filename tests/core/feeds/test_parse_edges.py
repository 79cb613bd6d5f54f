"""parse_feed on documents built to hurt it, and dates both parsers must read alike."""

from __future__ import annotations

import time

import pytest

from tests.conftest import CORPUS
from tui_news.core.feeds.parse import (
    NotAFeedError,
    fast_path,
    parse_feed,
    parse_with_feedparser,
)
from tui_news.core.refresh.refresher import _parse_failure
from tui_news.core.subscriptions.discover import looks_like_html
from tui_news.core.text import clean_line

FEED_URL = "https://feeds.example.org/feed.xml"
JSON_VERSION = b'"version": "https://jsonfeed.org/version/1.1"'


def rss_with(item: str, *, channel: str = "<title>T</title>", encoding: str = "utf-8") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>{channel}'
        f"<item><title>t</title><guid>g</guid>{item}</item></channel></rss>"
    ).encode()


def failure(body: bytes) -> str:
    """The line a refresh would record for this body."""
    with pytest.raises(NotAFeedError) as caught:
        parse_feed(body, url=FEED_URL)
    return _parse_failure(caught.value)


@pytest.mark.parametrize(
    "nested",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    ],
    ids=["arrays", "objects"],
)
def test_json_nested_too_deeply_fails_with_a_clear_reason(nested: bytes) -> None:
    body = b"{" + JSON_VERSION + b', "items": [' + nested + b"]}"
    # Not "could not parse: maximum recursion depth exceeded while decoding …".
    assert failure(body) == "not a feed: the JSON document is nested too deeply"


def test_json_nested_a_little_is_still_read() -> None:
    body = b"{" + JSON_VERSION + b', "items": [{"id": "1", "title": "Deep", "x": '
    body += b"[" * 200 + b"]" * 200 + b"}]}"
    assert parse_feed(body, url=FEED_URL).entries[0].title == "Deep"


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1"])  # the fast parser, feedparser
def test_an_element_with_huge_numbers_of_attributes_is_refused_fast(encoding: str) -> None:
    # Both parsers take time quadratic in one element's attribute count: 200,000 of
    # them (2 MB) took fastfeedparser 25 s and feedparser over five minutes.
    attributes = " ".join(f'a{n:x}=""' for n in range(200_000))
    body = rss_with("", channel=f"<title {attributes}>T</title>", encoding=encoding)
    started = time.monotonic()
    message = failure(body)
    assert time.monotonic() - started < 1.0
    assert message == "not a feed: an element has more than 256 attributes"


def test_ordinary_attribute_counts_and_long_tags_are_fine() -> None:
    namespaces = " ".join(f'xmlns:n{n}="urn:example:{n}"' for n in range(60))
    long_image = '&lt;img src="data:image/png;base64,' + "A" * 20_000 + '"&gt;'
    body = rss_with(
        f"<description>{long_image}</description>",
        channel=f'<title {namespaces} xml:lang="en">T</title>',
    )
    assert parse_feed(body, url=FEED_URL).entries[0].title == "t"


def test_deeply_nested_xml_is_read_without_recursion_errors() -> None:
    body = rss_with("<description>" + "<b>" * 20_000 + "x" + "</b>" * 20_000 + "</description>")
    assert parse_feed(body, url=FEED_URL).entries[0].title == "t"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("mer, 16 nov 2022 00:38:15 +0100", 1_668_555_495.0),  # Italian
        ("Mi., 16 Nov 2022 00:38:15 +0100", 1_668_555_495.0),  # German
        ("sáb, 19 nov 2022 10:00:00 +0000", 1_668_852_000.0),  # Spanish
        ("Ср, 16 Nov 2022 00:38:15 +0300", 1_668_548_295.0),  # Russian day, English month
        ("Wed, 16 Nov 2022 00:38:15 +0100", 1_668_555_495.0),
        ("mer, 16 dic 2022 00:38:15 +0100", None),  # an Italian month: neither reads it
        ("ср, 16 ноя 2022 00:38:15 +0300", None),
    ],
)
def test_both_parsers_give_a_story_the_same_date(date: str, expected: float | None) -> None:
    body = rss_with(f"<pubDate>{date}</pubDate>")
    fast = fast_path(body, url=FEED_URL).feed
    assert fast is not None
    careful = parse_with_feedparser(body, url=FEED_URL)
    assert fast.entries[0].published == careful.entries[0].published == expected


def test_a_corpus_feed_with_italian_day_names_is_dated_by_either_parser() -> None:
    body = (CORPUS / "feeds-real" / "ilmessaggero_mondo__feedrs.xml").read_bytes()
    fast = fast_path(body, url=FEED_URL).feed
    assert fast is not None
    careful = parse_with_feedparser(body, url=FEED_URL)
    dates = [entry.published for entry in careful.entries]
    assert dates == [entry.published for entry in fast.entries]
    assert dates and None not in dates


@pytest.mark.parametrize("items", [b"5", b'"abc"', b'{"id": "1"}'])
def test_json_feed_items_that_are_not_a_list_say_so(items: bytes) -> None:
    # Not "could not parse: 'int' object is not iterable".
    body = b"{" + JSON_VERSION + b', "items": ' + items + b"}"
    assert failure(body) == 'not a feed: the JSON Feed\'s "items" is not a list'


def test_unclosed_comments_in_a_title_are_cleaned_in_linear_time() -> None:
    # Each "<!--" used to scan to the end of the text for its "-->": 64 KB took 4 s,
    # a 2 MB title hours, on the refresh's parse thread.
    title = "Title -->" + "<!--" * 32_000
    started = time.monotonic()
    cleaned = clean_line(title)
    assert time.monotonic() - started < 0.5
    assert cleaned.startswith("Title --><!--<!--") and len(cleaned) == 500
    assert clean_line("a<!-- hidden -->b <!-- open") == "ab <!-- open"
    assert clean_line("<b>Bold</b><!-- x --> and <!-- y -->plain") == "Bold and plain"


def test_a_page_of_empty_comments_is_judged_in_linear_time() -> None:
    # The nested `(<!--.*?-->\s*)*` tried every way to split the comments: 2^k.
    body = b"<!---->" * 40 + b"not html"
    started = time.monotonic()
    assert not looks_like_html(body, "text/plain")
    assert time.monotonic() - started < 0.5
    assert looks_like_html(b"<!-- a -->\n<!-- b --> <!DOCTYPE html><html>", None)
    assert not looks_like_html(b"<!-- a <html> -->", None)
