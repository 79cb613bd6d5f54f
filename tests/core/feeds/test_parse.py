"""parse_feed on small crafted feeds: formats, identity, links, dates, encodings, errors."""

from __future__ import annotations

import pickle
import re
from calendar import timegm
from pathlib import Path

import fastfeedparser
import pytest

from tui_news.core.feeds import fast as fast_reader
from tui_news.core.feeds.parse import (
    NotAFeedError,
    fast_path,
    parse_feed,
    parse_with_feedparser,
    ttl_seconds,
)
from tui_news.core.models import ParsedFeed

FEEDS = Path(__file__).resolve().parents[2] / "data" / "feeds"
FEED_URL = "https://feeds.example.org/dir/feed.xml"
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def parse(name: str, **kwargs: str) -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), url=FEED_URL, **kwargs)


def utc(*fields: int) -> float:
    return float(timegm((*fields, 0, 0, 0)))


@pytest.mark.parametrize(
    ("name", "fmt", "title", "first_title", "first_url"),
    [
        ("rss090.rdf", "rss090", "Mozilla Dot Org", "New Status Updates",
         "http://www.mozilla.org/status/"),
        ("rss091.xml", "rss091", "WriteTheWeb", "Giving the world a pluggable Gnutella",
         "http://writetheweb.com/read.php?item=24"),
        ("rss10.rdf", "rss10", "Example RDF News", "Parliament passes the budget",
         "https://news.example.org/a"),
        ("rss20.xml", "rss20", "Example & Daily", "Markets rally again & again",
         "https://feeds.example.org/2024/05/markets"),
        ("atom03.xml", "atom03", "Old Atom Blog", "Atom 0.3 still exists",
         "http://old.example.net/2004/01/atom03"),
        ("atom10.xml", "atom10", "Example Atom", "Rust <3 everyone",
         "https://feeds.example.org/dir/posts/rust"),
        ("jsonfeed10.json", "json1", "JSON Feed One", "Second item",
         "https://json.example.org/second-item"),
        ("jsonfeed11.json", "json11", "JSON Feed One Point One", "Authors, plural",
         "https://json11.example.org/posts/a"),
    ],
)  # fmt: skip
def test_every_format_yields_titled_linked_entries(
    name: str, fmt: str, title: str, first_title: str, first_url: str
) -> None:
    feed = parse(name)
    assert feed.format.startswith(fmt)
    assert feed.title == title
    assert feed.entries[0].title == first_title
    assert feed.entries[0].url == first_url
    assert all(entry.key for entry in feed.entries)


def test_rss090_falls_back_to_feedparser() -> None:
    body = (FEEDS / "rss090.rdf").read_bytes()
    assert fast_path(body, url=FEED_URL).fallback_reason == "fastfeedparser found no entries"
    assert [e.title for e in parse_feed(body, url=FEED_URL).entries] == [
        "New Status Updates",
        "Bugzilla Reorganized",
    ]


def test_identity_is_guid_then_link_then_a_stable_hash() -> None:
    entries = parse("rss20.xml").entries
    assert entries[0].key == "daily-1001"
    assert entries[1].key == "https://daily.example.com/2024/05/no-guid"
    assert entries[2].key.startswith("sha1:")
    assert entries[2].url == ""
    # The same document parsed again, and by the other reader, gives the same keys.
    again = parse_with_feedparser((FEEDS / "rss20.xml").read_bytes(), url=FEED_URL)
    assert [e.key for e in again.entries] == [e.key for e in entries]
    assert [e.key for e in parse("rss20.xml").entries] == [e.key for e in entries]


def test_hash_identity_changes_with_the_title() -> None:
    body = (FEEDS / "rss20.xml").read_bytes()
    edited = body.replace(b"Neither guid nor link", b"Neither guid nor link (updated)")
    assert parse_feed(edited, url=FEED_URL).entries[2].key != parse("rss20.xml").entries[2].key


def test_relative_links_resolve_against_the_feed_url() -> None:
    feed = parse("rss20.xml")
    assert feed.site_url == "https://feeds.example.org/"
    assert feed.entries[0].url == "https://feeds.example.org/2024/05/markets"


def test_atom_ignores_edit_and_self_links() -> None:
    feed = parse("atom10.xml")
    assert feed.site_url == "https://atom.example.com/"
    assert feed.entries[0].url == "https://feeds.example.org/dir/posts/rust"


def test_dates_are_utc_epoch_seconds() -> None:
    rss = parse("rss20.xml").entries
    assert rss[0].published == utc(2024, 5, 7, 12, 30, 0)  # +0200
    assert rss[3].published is None  # "sometime last week, probably"
    rdf = parse("rss10.rdf").entries
    assert rdf[0].published == utc(2024, 3, 1, 8, 30, 0)  # dc:date +01:00
    atom = parse("atom10.xml").entries
    assert atom[0].published == utc(2024, 6, 1, 8, 0, 0)
    assert atom[0].updated == utc(2024, 6, 1, 12, 0, 0)
    # An entry with only <updated> is dated by it.
    assert atom[1].published == utc(2024, 5, 30, 8, 0, 0)
    assert atom[1].updated is None


def test_summary_and_content_keep_html() -> None:
    rss = parse("rss20.xml").entries[0]
    assert rss.summary == '<p>Stocks rose <a href="/s/1">sharply</a>.</p>'
    assert rss.content == "<p>Full text of the <em>markets</em> story.</p>"
    atom = parse("atom10.xml").entries[0]
    assert atom.summary == "Plain text: 1 &lt; 2 and a &amp; b"  # type="text", escaped
    assert atom.content == "<p>The <b>whole</b> post.</p>"


def test_authors_are_names() -> None:
    assert parse("rss20.xml").entries[0].author == "Business Desk"
    assert parse("atom10.xml").entries[0].author == "Grace"
    assert parse("rss10.rdf").entries[0].author == "Ada Reporter"


def test_latin1_without_declaration_is_read_and_noted() -> None:
    body = (FEEDS / "latin1_nodecl.xml").read_bytes()
    assert fast_path(body, url=FEED_URL).fallback_reason == "bytes are not valid UTF-8"
    feed = parse_feed(body, url=FEED_URL)
    assert feed.title == "Le Cercle Psy été"
    assert feed.entries[0].title == "Café et crème brûlée"
    assert feed.warning and "encoding" in feed.warning


def test_declared_non_utf8_encoding_goes_to_feedparser() -> None:
    body = '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
    body += "<title>Новости</title><item><title>Привет</title><guid>r1</guid></item>"
    raw = (body + "</channel></rss>").encode("windows-1251")
    assert "windows-1251" in (fast_path(raw, url=FEED_URL).fallback_reason or "")
    feed = parse_feed(raw, url=FEED_URL)
    assert (feed.title, feed.entries[0].title) == ("Новости", "Привет")


def test_http_charset_overrides_a_wrong_declaration() -> None:
    raw = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>é</title>'
    raw += "<item><title>Crème</title><guid>1</guid></item></channel></rss>"
    feed = parse_feed(raw.encode("latin-1"), url=FEED_URL, content_type="text/xml; charset=latin-1")
    assert feed.entries[0].title == "Crème"


def test_truncated_xml_keeps_the_complete_items_with_a_note() -> None:
    body = (FEEDS / "truncated.xml").read_bytes()
    assert "not well-formed" in (fast_path(body, url=FEED_URL).fallback_reason or "")
    feed = parse_feed(body, url=FEED_URL)
    assert [e.key for e in feed.entries] == ["cut-1", "cut-2"]
    assert feed.warning and feed.warning.startswith("ill-formed XML at line")


def test_hostile_titles_are_neutralised() -> None:
    feed = parse("hostile.xml")
    texts = [feed.title] + [t for e in feed.entries for t in (e.title, e.author, e.summary)]
    assert not any(UNSAFE.search(text) for text in texts)
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Clipboard grab"
    assert titles[1] == "Link click me now"
    assert "exe.txt" in titles[2]
    assert titles[3] == "[bold red]not markup[/bold red] & [link=https://x]y[/link]"
    assert feed.entries[1].url == ""  # javascript: link dropped


def test_ttl_from_rss_ttl_and_syndication_module() -> None:
    assert parse("rss20.xml").ttl_seconds == 45 * 60
    assert parse("rss10.rdf").ttl_seconds == 1800  # hourly, twice
    assert parse("atom10.xml").ttl_seconds is None
    assert ttl_seconds(b"<rss><channel><ttl>99999999</ttl><item/></channel></rss>") == 7 * 86400
    assert ttl_seconds(b"<rss><channel><item><ttl>5</ttl></item></channel></rss>") is None
    assert ttl_seconds(b"<rss><channel><ttl>0</ttl></channel></rss>") is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "not a feed: the server sent an empty response"),
        (b" \n\t", "not a feed: the server sent an empty response"),
        ((FEEDS / "page.html").read_bytes(), "not a feed: the server sent an HTML page"),
        (b"<html><body>hi</body></html>", "not a feed: the server sent an HTML page"),
        (b"<?xml version='1.0'?>\n<foo>\n<bar></foo>", "not a feed: XML error at line 3"),
        (b'<?xml version="1.0"?><opml><body/></opml>', "not a feed: the document is <opml>"),
        (b"just some words", "not a feed: the document is neither XML nor JSON"),
        (b'{"hello": "world"}', "not a feed: the JSON document is not a JSON Feed"),
        (b"{broken", "not a feed: JSON error at line 1 column 2"),
    ],
)  # fmt: skip
def test_not_a_feed_says_why(body: bytes, message: str) -> None:
    with pytest.raises(NotAFeedError) as caught:
        parse_feed(body, url=FEED_URL)
    assert caught.value.message.startswith(message)


def test_an_empty_but_valid_feed_is_a_feed() -> None:
    feed = parse_feed(
        b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', url=FEED_URL
    )
    assert (feed.title, feed.entries) == ("Quiet", ())


def test_fast_path_is_refused_when_it_misses_items(monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = fastfeedparser.parse

    def lossy(body: bytes) -> object:
        parsed = real_parse(body)
        del parsed["entries"][-1]
        return parsed

    monkeypatch.setattr(fast_reader.fastfeedparser, "parse", lossy)
    body = (FEEDS / "rss20.xml").read_bytes()
    assert fast_path(body, url=FEED_URL).fallback_reason == "fastfeedparser found 3 of 4 entries"
    assert len(parse_feed(body, url=FEED_URL).entries) == 4


def test_fast_path_is_refused_on_replacement_characters() -> None:
    body = '<rss version="2.0"><channel><title>T</title><item><title>bad \ufffd byte</title>'
    body += "<guid>1</guid></item></channel></rss>"
    assert "U+FFFD" in (fast_path(body.encode(), url=FEED_URL).fallback_reason or "")
    assert parse_feed(body.encode(), url=FEED_URL).entries[0].title == "bad \ufffd byte"


@pytest.mark.parametrize("name", ["rss10.rdf", "rss20.xml", "atom03.xml", "atom10.xml"])
def test_both_readers_agree_on_plain_feeds(name: str) -> None:
    body = (FEEDS / name).read_bytes()
    fast = fast_path(body, url=FEED_URL)
    assert fast.feed is not None, fast.fallback_reason
    slow = parse_with_feedparser(body, url=FEED_URL)
    assert fast.feed.entries == slow.entries
    assert (fast.feed.title, fast.feed.site_url) == (slow.title, slow.site_url)


def test_external_dtd_is_never_fetched() -> None:
    # rss091.xml names Netscape's DTD by URL; the fast path must still take it.
    assert fast_path((FEEDS / "rss091.xml").read_bytes(), url=FEED_URL).feed is not None


def test_entity_declarations_are_not_expanded_by_the_fast_path() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    bomb += b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    bomb += b'<rss version="2.0"><channel><title>&b;</title><item><title>x</title>'
    bomb += b"<guid>1</guid></item></channel></rss>"
    assert fast_path(bomb, url=FEED_URL).fallback_reason == "entities declared in a DTD"
    assert parse_feed(bomb, url=FEED_URL).entries[0].title == "x"


def test_parse_feed_and_its_results_pickle_for_the_process_pool() -> None:
    feed = parse("rss20.xml")
    assert pickle.loads(pickle.dumps(feed)) == feed
    assert pickle.loads(pickle.dumps(parse_feed)) is parse_feed
    error = pickle.loads(pickle.dumps(NotAFeedError("not a feed: test")))
    assert error.message == "not a feed: test"
