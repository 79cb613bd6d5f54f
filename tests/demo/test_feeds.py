"""Every demo feed is a valid feed of its kind whose stories exist on the server."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import feedparser
import pytest

from tests.demo.conftest import fetch
from tui_news.core.feeds.parse import parse_feed
from tui_news.demo.server import DemoServer

XML_FEEDS = {
    "/feeds/world.xml": "rss20",
    "/feeds/tech.atom": "atom10",
    "/notes/feed/": "rss20",
}
ALL_FEEDS = [*XML_FEEDS, "/culture/feed.json"]
NOVEMBER_2026 = (
    datetime(2026, 11, 1, tzinfo=UTC).timestamp(),
    datetime(2026, 12, 1, tzinfo=UTC).timestamp(),
)


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def _path(demo_server: DemoServer, url: str) -> str:
    assert url.startswith(demo_server.base_url + "/"), url
    return url.removeprefix(demo_server.base_url)


@pytest.mark.parametrize("path", list(XML_FEEDS))
def test_xml_feeds_parse_cleanly_with_feedparser(demo_server: DemoServer, path: str) -> None:
    reply = fetch(demo_server.base_url + path)
    parsed = feedparser.parse(reply.body, response_headers={"content-type": "application/xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == XML_FEEDS[path]
    assert len(parsed.entries) >= 6
    for entry in parsed.entries:
        assert entry.title and entry.get("author"), entry
        assert entry.published_parsed[:2] == (2026, 11)
        assert fetch(entry.link).status == 200, entry.link


def test_science_feed_carries_content_encoded(demo_server: DemoServer) -> None:
    parsed = feedparser.parse(fetch(demo_server.base_url + "/notes/feed/").body)
    for entry in parsed.entries:
        assert "appeared first on" in entry.content[0].value
        assert entry.summary  # the plain <description> beside it


def test_json_feed_follows_version_1_1(demo_server: DemoServer) -> None:
    document = json.loads(fetch(demo_server.base_url + "/culture/feed.json").body)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == demo_server.base_url + "/culture/feed.json"
    assert len(document["items"]) >= 6
    for item in document["items"]:
        assert item["id"] and item["title"] and item["authors"][0]["name"]
        assert "content_html" in item  # 1.1 needs content_html or content_text
        datetime.fromisoformat(item["date_published"])
        assert fetch(item["url"]).status == 200


@pytest.mark.parametrize("path", ALL_FEEDS)
def test_every_feed_parses_with_newsterms_parser(demo_server: DemoServer, path: str) -> None:
    reply = fetch(demo_server.base_url + path)
    parsed = parse_feed(
        reply.body, url=demo_server.base_url + path, content_type=reply.headers["content-type"]
    )
    assert parsed.title in {site.name for site in demo_server.catalog.sites}
    assert len(parsed.entries) >= 6
    for entry in parsed.entries:
        assert entry.title and entry.author
        assert entry.published is not None
        assert NOVEMBER_2026[0] <= entry.published < NOVEMBER_2026[1]
        assert fetch(entry.url).status == 200, entry.url


@pytest.mark.parametrize("path", ALL_FEEDS)
def test_feed_entries_match_their_pages_and_only_tease(demo_server: DemoServer, path: str) -> None:
    """Feeds carry a teaser; the full text is on the page, which the reader fetches."""
    catalog = demo_server.catalog
    by_path = {article.path: article for article in catalog.articles.values()}
    parsed = parse_feed(fetch(demo_server.base_url + path).body, url=demo_server.base_url + path)
    for entry in parsed.entries:
        article = by_path[_path(demo_server, entry.url)]
        assert entry.title == article.title
        assert entry.author == article.author
        assert entry.published == article.published.timestamp()
        teaser_words = len(_plain(entry.summary or entry.content).split())
        assert 8 <= teaser_words <= 60, entry.title


def test_every_article_is_in_exactly_one_feed(demo_server: DemoServer) -> None:
    seen: list[str] = []
    for path in ALL_FEEDS:
        parsed = parse_feed(
            fetch(demo_server.base_url + path).body, url=demo_server.base_url + path
        )
        seen += [_path(demo_server, entry.url) for entry in parsed.entries]
    assert sorted(seen) == sorted(a.path for a in demo_server.catalog.articles.values())


def test_markup_like_title_arrives_as_literal_text(demo_server: DemoServer) -> None:
    parsed = parse_feed(
        fetch(demo_server.base_url + "/feeds/tech.atom").body,
        url=demo_server.base_url + "/feeds/tech.atom",
    )
    titles = [entry.title for entry in parsed.entries]
    tricky = [title for title in titles if "[bold]" in title]
    assert tricky == [
        "Terminal apps and the [bold] problem: why markup & escapes still trip up developers"
    ]


def test_paywalled_story_has_a_summary_worth_falling_back_to(demo_server: DemoServer) -> None:
    parsed = parse_feed(
        fetch(demo_server.base_url + "/feeds/tech.atom").body,
        url=demo_server.base_url + "/feeds/tech.atom",
    )
    url = demo_server.article_url("quiet-data-centre")
    entry = next(entry for entry in parsed.entries if entry.url == url)
    assert entry.summary.count(".") >= 2


def test_stories_are_spread_over_the_last_days(demo_server: DemoServer) -> None:
    days = {a.published.date() for a in demo_server.catalog.articles.values()}
    assert len(days) >= 6
