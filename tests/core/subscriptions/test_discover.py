"""Feed discovery: autodiscovery links, direct feeds and guesses, against a 127.0.0.1 server."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from tui_news.core.net.fetch import Fetcher
from tui_news.core.net.limits import FetchLimits
from tui_news.core.subscriptions.discover import (
    DiscoveredFeed,
    DiscoveryError,
    discover_feed,
    find_feed_links,
    guess_feed_urls,
    looks_like_html,
)

FAST = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5)
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title>
<link>http://example.org/</link><item><title>First story</title><guid>1</guid>
<link>http://example.org/1</link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Blog</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Post</title><id>urn:x:1</id><updated>2024-01-01T00:00:00Z</updated>
<link href="http://example.org/post"/></entry></feed>"""
RSS_TYPE = "application/rss+xml"


def page(head: str = "", body: str = "<p>Hello</p>") -> str:
    return f"<!DOCTYPE html><html><head><title>Site</title>{head}</head><body>{body}</body></html>"


async def discover(url: str) -> DiscoveredFeed:
    async with Fetcher(FAST) as fetcher:
        return await discover_feed(fetcher, url)


async def refused(url: str) -> str:
    with pytest.raises(DiscoveryError) as caught:
        await discover(url)
    return caught.value.message


# -- pure helpers -------------------------------------------------------------------------


def test_links_are_found_resolved_and_deduplicated_in_document_order() -> None:
    html = page(
        '<link rel="stylesheet" href="/style.css">'
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Atom">'
        '<link rel="Alternate" type="application/rss+xml; charset=utf-8" href="rss/">'
        '<link rel="alternate" type="application/atom+xml" href="https://site.example/atom.xml">'
        '<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">'
        '<link rel="alternate" type="application/feed+json" href="//cdn.example/feed.json">'
    ).encode()
    links = find_feed_links(html, "https://site.example/blog/post.html")
    assert [link.url for link in links] == [
        "https://site.example/atom.xml",
        "https://site.example/blog/rss/",
        "https://cdn.example/feed.json",
    ]
    assert links[0].title == "Atom" and links[0].type == "application/atom+xml"


def test_base_href_is_honoured_and_hostile_hrefs_dropped() -> None:
    html = page(
        '<base href="https://mirror.example/news/">'
        '<link rel="alternate" type="application/rss+xml" href="feed.xml">'
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
    ).encode()
    assert [link.url for link in find_feed_links(html, "https://site.example/")] == [
        "https://mirror.example/news/feed.xml"
    ]


@pytest.mark.parametrize("junk", [b"", b"   ", b"\x00\x01binary", b"<html"])
def test_junk_pages_have_no_links(junk: bytes) -> None:
    assert find_feed_links(junk, "https://site.example/") == []


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        (b"<p>x</p>", "text/html; charset=utf-8", True),
        (b"<!doctype html><html></html>", None, True),
        (b"<!-- hi --><html><body></body></html>", "application/octet-stream", True),
        (RSS, "application/rss+xml", False),
        (b"<html></html>", "image/png", False),
    ],
)
def test_looks_like_html(body: bytes, content_type: str | None, expected: bool) -> None:
    assert looks_like_html(body, content_type) is expected


def test_guesses_try_beside_the_page_first_then_the_site() -> None:
    guesses = guess_feed_urls("https://site.example/blog/")
    assert guesses[0] == "https://site.example/blog/feed"
    assert "https://site.example/rss.xml" in guesses
    assert guess_feed_urls("https://site.example/")[0] == "https://site.example/feed"


# -- over HTTP ----------------------------------------------------------------------------


async def test_a_feed_url_is_used_as_it_is(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    found = await discover(httpserver.url_for("/rss"))
    assert found.how == "direct" and found.url == httpserver.url_for("/rss")
    assert found.parsed.title == "Local News" and len(found.parsed.entries) == 1


async def test_a_page_rss_link_is_followed(httpserver: HTTPServer) -> None:
    head = f'<link rel="alternate" type="{RSS_TYPE}" href="{httpserver.url_for("/feed.rss")}">'
    httpserver.expect_request("/").respond_with_data(page(head), content_type="text/html")
    httpserver.expect_request("/feed.rss").respond_with_data(RSS, content_type=RSS_TYPE)
    found = await discover(httpserver.url_for("/"))
    assert found.how == "link" and found.url == httpserver.url_for("/feed.rss")


async def test_a_relative_atom_link_is_resolved_against_the_page(httpserver: HTTPServer) -> None:
    head = '<link rel="alternate" type="application/atom+xml" href="../atom.xml">'
    httpserver.expect_request("/blog/post/").respond_with_data(page(head), content_type="text/html")
    httpserver.expect_request("/blog/atom.xml").respond_with_data(
        ATOM, content_type="application/atom+xml"
    )
    found = await discover(httpserver.url_for("/blog/post/"))
    assert found.url == httpserver.url_for("/blog/atom.xml")
    assert found.parsed.title == "Atom Blog"


async def test_a_page_without_links_falls_back_to_common_paths(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(page(), content_type="text/html")
    httpserver.expect_request("/rss.xml").respond_with_data(RSS, content_type="text/xml")
    found = await discover(httpserver.url_for("/"))
    assert found.how == "guess" and found.url == httpserver.url_for("/rss.xml")


async def test_a_page_without_any_feed_gives_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(page(), content_type="text/html")
    httpserver.expect_request("/feed").respond_with_data(page(), content_type="text/html")
    message = await refused(httpserver.url_for("/"))
    assert message.startswith("no feed found:")
    assert '<link rel="alternate">' in message and "/rss.xml" in message


async def test_a_broken_feed_link_is_named_with_its_reason(httpserver: HTTPServer) -> None:
    head = f'<link rel="alternate" type="{RSS_TYPE}" href="/gone.xml">'
    httpserver.expect_request("/").respond_with_data(page(head), content_type="text/html")
    httpserver.expect_request("/gone.xml").respond_with_data("", status=404)
    message = await refused(httpserver.url_for("/"))
    assert "links to 1 feed(s) but none could be read" in message
    assert httpserver.url_for("/gone.xml") in message and "HTTP 404" in message


async def test_neither_feed_nor_page_says_what_it_is(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/logo").respond_with_data(b"\x89PNG\r\n", content_type="image/png")
    message = await refused(httpserver.url_for("/logo"))
    assert "is neither a feed" in message and "image/png" in message


async def test_an_unreachable_url_reports_the_fetch_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing").respond_with_data("nope", status=404)
    message = await refused(httpserver.url_for("/missing"))
    assert message.startswith("could not fetch") and "HTTP 404" in message


async def test_a_permanent_redirect_subscribes_to_the_new_address(httpserver: HTTPServer) -> None:
    new = httpserver.url_for("/new.xml")
    httpserver.expect_request("/old.xml").respond_with_data("", 301, {"Location": new})
    httpserver.expect_request("/new.xml").respond_with_data(RSS, content_type=RSS_TYPE)
    httpserver.expect_request("/temp.xml").respond_with_data("", 302, {"Location": new})
    assert (await discover(httpserver.url_for("/old.xml"))).url == new
    assert (await discover(httpserver.url_for("/temp.xml"))).url == httpserver.url_for("/temp.xml")


async def test_a_parser_crash_is_a_clear_refusal_not_a_traceback(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_news.core.subscriptions.discover as discover_module

    def crashing_parser(body: bytes, **_: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(discover_module, "parse_feed", crashing_parser)
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    message = await refused(httpserver.url_for("/rss"))
    assert "the parser failed: maximum recursion depth exceeded" in message
