"""The demo server behaves like a well-run news site on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from importlib.resources import files
from pathlib import Path

import pytest

from tests.demo.conftest import fetch
from tui_news.demo.server import DemoServer

FEED_TYPES = {
    "/feeds/world.xml": "application/rss+xml",
    "/feeds/tech.atom": "application/atom+xml",
    "/notes/feed/": "application/rss+xml",
    "/culture/feed.json": "application/feed+json",
}


def test_serves_every_feed_and_page_with_links_filled_in(demo_server: DemoServer) -> None:
    catalog = demo_server.catalog
    expected = {site.feed_path for site in catalog.sites} | {
        article.path for article in catalog.articles.values()
    }
    assert expected <= set(demo_server.paths)
    for path in demo_server.paths:
        reply = fetch(demo_server.base_url + path)
        assert reply.status == 200, path
        assert reply.body, path
        if not path.endswith(".png"):  # the lead photo: an image, not text
            assert "{base}" not in reply.body.decode("utf-8"), path
        assert int(reply.headers["content-length"]) == len(reply.body)


def test_content_types(demo_server: DemoServer) -> None:
    for path, media_type in FEED_TYPES.items():
        assert fetch(demo_server.base_url + path).headers["content-type"].startswith(media_type)
    for article in demo_server.catalog.articles.values():
        reply = fetch(demo_server.base_url + article.path)
        assert reply.headers["content-type"] == "text/html; charset=utf-8"
    png = fetch(demo_server.base_url + "/static/photo.png")
    assert png.headers["content-type"] == "image/png" and png.body.startswith(b"\x89PNG")
    svg = fetch(demo_server.base_url + "/static/photo.svg")
    assert svg.headers["content-type"] == "image/svg+xml"


@pytest.mark.parametrize("path", ["/feeds/tech.atom", "/world/2026/11/28/mackerel-talks-stall"])
def test_if_none_match_answers_304(demo_server: DemoServer, path: str) -> None:
    url = demo_server.base_url + path
    first = fetch(url)
    etag = first.headers["etag"]
    again = fetch(url, {"If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""
    assert again.headers["etag"] == etag
    assert fetch(url, {"If-None-Match": f'"other", W/{etag}'}).status == 304
    changed = fetch(url, {"If-None-Match": '"something-else"'})
    assert changed.status == 200
    assert changed.body == first.body


def test_if_modified_since_answers_304_only_when_unchanged(demo_server: DemoServer) -> None:
    url = demo_server.base_url + "/feeds/world.xml"
    last_modified = fetch(url).headers["last-modified"]
    assert last_modified.endswith("GMT")
    assert fetch(url, {"If-Modified-Since": last_modified}).status == 304
    older = "Sun, 01 Nov 2026 00:00:00 GMT"
    assert fetch(url, {"If-Modified-Since": older}).status == 200
    assert fetch(url, {"If-Modified-Since": "not a date"}).status == 200
    # A stale ETag wins over a matching date (RFC 9110: If-None-Match takes precedence).
    stale = {"If-None-Match": '"old"', "If-Modified-Since": last_modified}
    assert fetch(url, stale).status == 200


def test_feeds_say_how_long_they_may_be_cached(demo_server: DemoServer) -> None:
    for path in FEED_TYPES:
        assert "max-age=300" in fetch(demo_server.base_url + path).headers["cache-control"]


def test_head_sends_headers_without_body(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.base_url + "/culture/feed.json", method="HEAD")
    assert reply.status == 200
    assert reply.body == b""
    assert int(reply.headers["content-length"]) > 1000


def test_failing_subscription_and_unknown_pages_answer_404(demo_server: DemoServer) -> None:
    broken = [url for url, title, _ in demo_server.feed_urls if title == "Harbour Gazette"]
    assert len(broken) == 1
    assert fetch(broken[0]).status == 404
    assert fetch(demo_server.base_url + "/no/such/page").status == 404


def test_query_strings_are_ignored_like_a_cms_would(demo_server: DemoServer) -> None:
    url = demo_server.article_url("storm-ilse-baltic") + "?utm_source=feed"
    assert fetch(url).status == 200


def test_feed_urls_are_tagged_and_point_at_this_server(demo_server: DemoServer) -> None:
    feeds = demo_server.feed_urls
    assert len(feeds) == 5
    assert all(url.startswith(demo_server.base_url + "/") for url, _, _ in feeds)
    tags = {tag for _, _, feed_tags in feeds for tag in feed_tags}
    assert {"world", "tech", "science", "culture"} <= tags
    titles = [title for _, title, _ in feeds]
    assert titles[:4] == ["World Desk", "Tech Wire", "Science Notes", "City & Culture"]


def test_starts_in_under_100_ms_and_frees_its_port_on_close() -> None:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        server = DemoServer().start()
        timings.append(time.perf_counter() - started)
        port = int(server.base_url.rsplit(":", 1)[1])
        assert fetch(server.base_url + "/").status == 200
        server.close()
    assert min(timings) < 0.1, timings
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 1):
        pass


def test_two_servers_take_different_free_ports() -> None:
    with DemoServer() as one, DemoServer() as two:
        assert one.base_url != two.base_url
        assert fetch(two.base_url + "/feeds/world.xml").body.count(two.base_url.encode()) > 8


def test_latency_delays_responses() -> None:
    with DemoServer(latency=0.15) as server:
        started = time.perf_counter()
        fetch(server.base_url + "/")
        assert time.perf_counter() - started >= 0.15


def test_base_url_needs_a_running_server() -> None:
    with pytest.raises(RuntimeError):
        _ = DemoServer().base_url


def test_package_data_stays_small() -> None:
    data = Path(str(files("tui_news.demo").joinpath("data")))
    total = sum(path.stat().st_size for path in data.rglob("*") if path.is_file())
    assert total < 300 * 1024, total


def test_a_preferred_port_is_used_when_free_and_a_free_one_when_taken() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        wanted = probe.getsockname()[1]
    with DemoServer(port=wanted) as server:
        assert server.base_url == f"http://127.0.0.1:{wanted}"
        assert fetch(server.base_url + "/").status == 200
        with DemoServer(port=wanted) as second:  # taken: the demo still starts
            assert second.base_url != server.base_url
            assert (
                fetch(second.base_url + "/feeds/world.xml").body.count(second.base_url.encode()) > 8
            )
