"""Fetcher: limits, redirects, conditional GET and hostile servers (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver

from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news import __version__
from tui_news.core.net.errors import FetchError, format_size, parse_retry_after
from tui_news.core.net.fetch import Fetcher, parse_max_age
from tui_news.core.net.limits import FetchLimits

FAST = FetchLimits(connect_timeout=2, read_timeout=0.6, total_timeout=1.5, max_bytes=1 << 20)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


async def fetch(url: str, limits: FetchLimits = FAST, **kwargs: Any) -> Any:
    async with Fetcher(limits) as fetcher:
        return await fetcher.get(url, **kwargs)


async def failure(url: str, limits: FetchLimits = FAST) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetch(url, limits)
    return caught.value


async def test_plain_get_sends_identity_and_returns_body(server: LocalServer) -> None:
    server.feeds["/a.xml"] = rss("A", 2)
    result = await fetch(server.url("/a.xml"))
    assert result.status == 200 and result.body == rss("A", 2)
    assert result.etag and result.last_modified
    assert result.mime_type == "application/rss+xml"
    sent = server.headers_seen["/a.xml"][0]
    assert sent["User-Agent"] == f"newsterm/{__version__} (+https://github.com/newsterm)"
    assert "If-None-Match" not in sent


async def test_conditional_get_gives_304_without_body(server: LocalServer) -> None:
    server.feeds["/a.xml"] = rss("A", 2)
    first = await fetch(server.url("/a.xml"))
    second = await fetch(server.url("/a.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    sent = server.headers_seen["/a.xml"][1]
    assert sent["If-None-Match"] == first.etag
    assert sent["If-Modified-Since"] == first.last_modified


async def test_gzip_body_is_decoded(server: LocalServer) -> None:
    result = await fetch(server.url("/gzip-feed"))
    assert result.body == rss("Zipped", 3, prefix="zip")


@pytest.mark.parametrize("path", ["/moved-permanently", "/moved-308"])
async def test_permanent_redirect_reports_new_url(server: LocalServer, path: str) -> None:
    server.feeds["/new-home.xml"] = rss("Home", 1)
    result = await fetch(server.url(path))
    assert result.final_url == server.url("/new-home.xml")
    assert result.permanent_url == server.url("/new-home.xml")


async def test_temporary_redirect_keeps_url(server: LocalServer) -> None:
    server.feeds["/temp-home.xml"] = rss("Temp", 1)
    result = await fetch(server.url("/moved-temporarily"))
    assert result.final_url == server.url("/temp-home.xml")
    assert result.permanent_url is None


async def test_redirect_loop_is_an_error(server: LocalServer) -> None:
    error = await failure(server.url("/loop-a"))
    assert error.kind == "redirects" and "redirect loop" in error.message


async def test_redirect_limit(server: LocalServer) -> None:
    async def hop(request: web.Request) -> web.Response:
        n = int(request.query.get("n", "0"))
        return web.Response(status=302, headers={"Location": f"/chain?n={n + 1}"})

    server.routes["/chain"] = hop
    error = await failure(server.url("/chain"))
    assert error.kind == "redirects" and error.message == "too many redirects (more than 5)"


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/gone", 410, "HTTP 410 Gone"),
        ("/not-found", 404, "HTTP 404 Not Found"),
        ("/server-error", 500, "HTTP 500 Internal Server Error"),
    ],
)
async def test_http_errors(server: LocalServer, path: str, status: int, message: str) -> None:
    error = await failure(server.url(path))
    assert (error.kind, error.status, error.message) == ("http", status, message)


async def test_retry_after_seconds_and_date(server: LocalServer) -> None:
    limited = await failure(server.url("/rate-limited"))
    assert limited.status == 429 and limited.retry_after == 3600
    unavailable = await failure(server.url("/unavailable"))
    assert unavailable.status == 503
    assert unavailable.retry_after is not None and unavailable.retry_after > 3600 * 24 * 365


async def test_one_byte_a_second_hits_total_timeout_fast(server: LocalServer) -> None:
    # Each byte arrives well within the read timeout; only the total deadline can stop it.
    limits = FetchLimits(read_timeout=5, total_timeout=1.5)
    started = time.monotonic()
    error = await failure(server.url("/slow"), limits)
    assert error.kind == "timeout" and error.message == "timed out after 1.5 s"
    assert time.monotonic() - started < 3


async def test_silent_server_hits_read_timeout(server: LocalServer) -> None:
    async def silent(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response(text="late")

    server.routes["/silent"] = silent
    error = await failure(server.url("/silent"))
    assert error.kind == "timeout" and error.message == "timed out after 0.6 s without data"


async def test_endless_body_stops_at_size_cap(server: LocalServer) -> None:
    error = await failure(server.url("/endless"))
    assert error.kind == "too_large" and error.message == "response larger than 1 MB"


async def test_gzip_bomb_stops_at_decompressed_cap(server: LocalServer) -> None:
    # 8 MB of zeros compress to ~8 KB; the cap counts what they decompress to.
    error = await failure(server.url("/gzip-bomb"))
    assert error.kind == "too_large"


async def test_declared_length_over_cap_fails_before_reading(server: LocalServer) -> None:
    server.feeds["/big.xml"] = b"x" * 2048
    limits = FetchLimits(max_bytes=1000, total_timeout=5)
    error = await failure(server.url("/big.xml"), limits)
    assert error.message == "response larger than 1000 bytes"


async def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = await failure(f"http://127.0.0.1:{port}/feed.xml")
    assert error.kind == "refused" and error.message == "connection refused by 127.0.0.1"


async def test_dns_failure_is_named() -> None:
    class NoSuchHost(AbstractResolver):
        async def resolve(self, host: str, port: int = 0, family: int = 0) -> list[Any]:
            raise OSError(socket.EAI_NONAME, "Name or service not known")

        async def close(self) -> None:
            return None

    async with Fetcher(FAST, resolver=NoSuchHost()) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get("http://feeds.example.invalid/rss")
    assert caught.value.kind == "dns"
    assert caught.value.message == "could not resolve host feeds.example.invalid"


@pytest.mark.parametrize("url", ["ftp://example.test/feed", "not a url", "file:///etc/passwd"])
async def test_unsupported_urls(url: str) -> None:
    error = await failure(url)
    assert error.kind == "invalid_url"


async def test_per_host_limit_is_respected(server: LocalServer) -> None:
    active = 0
    peak = 0

    async def counted(request: web.Request) -> web.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.05)
        active -= 1
        return web.Response(body=rss("C", 1), content_type="application/rss+xml")

    server.routes["/counted"] = counted
    limits = FetchLimits(concurrency=16, per_host=3, total_timeout=10)
    async with Fetcher(limits) as fetcher:
        await asyncio.gather(*(fetcher.get(server.url("/counted")) for _ in range(12)))
    assert peak == 3


def test_header_helpers() -> None:
    assert parse_max_age("public, max-age=900") == 900
    assert parse_max_age("no-cache") is None
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Thu, 01 Jan 2099 00:00:00 GMT", now=4_070_908_700) == 100
    assert parse_retry_after("soon") is None
    assert format_size(10 * 1024 * 1024) == "10 MB"
    assert format_size(1536) == "1.5 KB"


async def test_tls_failure_is_named(server: LocalServer) -> None:
    server.feeds["/a.xml"] = rss("A", 1)
    error = await failure(server.url("/a.xml").replace("http://", "https://"))
    assert (error.kind, error.message) == ("tls", "TLS error with 127.0.0.1")


@pytest.mark.parametrize("location", ["http://127.0.0.1:99999/feed", "http://[::1/feed"])
async def test_unusable_redirect_location_is_a_fetch_error(
    server: LocalServer, location: str
) -> None:
    async def bad_redirect(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": location})

    server.routes["/bad-redirect"] = bad_redirect
    error = await failure(server.url("/bad-redirect"))
    assert error.kind == "redirects"
    assert error.message.startswith("invalid redirect target")


def test_retry_after_with_non_ascii_digits_is_ignored() -> None:
    assert parse_retry_after("²") is None
    assert parse_retry_after(" 30 ") == 30


async def test_feeds_waiting_for_a_busy_host_do_not_hold_up_other_hosts() -> None:
    """Many feeds on one host must not take every global slot while they queue for
    that host's few: a feed on another host goes ahead of them."""
    finished: list[str] = []

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.2)
        return web.Response(body=rss("S", 1), content_type="application/rss+xml")

    with (
        LocalServer(routes={"/slow": slow}) as busy,
        LocalServer(host="127.0.0.2", feeds={"/quick.xml": rss("Q", 1)}) as other,
    ):
        limits = FetchLimits(concurrency=2, per_host=1, total_timeout=10)
        async with Fetcher(limits) as fetcher:

            async def get(url: str, name: str) -> None:
                await fetcher.get(url)
                finished.append(name)

            await asyncio.gather(
                *(get(busy.url("/slow"), f"slow{n}") for n in range(3)),
                get(other.url("/quick.xml"), "quick"),
            )
    # The quick feed needs one free global slot: it must not wait for the queue of
    # slow feeds behind the busy host's single slot (0.6 s in all).
    assert finished.index("quick") <= 1, finished
