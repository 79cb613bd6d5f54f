"""Fetcher against servers that get HTTP subtly wrong (127.0.0.1 only).

Each case is one a real server has been seen to send: a body whose compression is
cut short or followed by junk, a response that breaks HTTP framing, headers longer
than aiohttp's default 8 KB, and URLs that yarl spells differently from the user.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web

from tests.hostile.documents import rss
from tests.hostile.raw import RawServer, raw_response
from tests.hostile.server import LocalServer
from tui_news.core.net.errors import FetchError
from tui_news.core.net.fetch import Fetcher
from tui_news.core.net.limits import FetchLimits
from tui_news.core.subscriptions.discover import DiscoveryError, discover_feed
from tui_news.core.urls import redact_url

FAST = FetchLimits(connect_timeout=2, read_timeout=1, total_timeout=3, max_bytes=1 << 20)
FEED = rss("Edges", 3)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


async def fetch(url: str, **kwargs: Any) -> Any:
    async with Fetcher(FAST) as fetcher:
        return await fetcher.get(url, **kwargs)


async def failure(url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetch(url)
    return caught.value


def zipped(body: bytes, **headers: str | int) -> bytes:
    return raw_response(body, {"Content-Encoding": "gzip", "Connection": "close", **headers})


async def test_gzip_followed_by_junk_keeps_the_complete_document() -> None:
    # Some servers pad or append a stray newline after the gzip member.
    answers: dict[str, bytes | None] = {
        "/junk": zipped(gzip.compress(FEED) + b"\r\nGARBAGE"),
        "/zeros": zipped(gzip.compress(FEED) + b"\0" * 16),
        "/two-members": zipped(gzip.compress(FEED[:100]) + gzip.compress(FEED[100:])),
    }
    with RawServer(answers) as raw:
        for path in answers:
            assert (await fetch(raw.url(path))).body == FEED, path


async def test_gzip_cut_short_is_an_error_not_half_a_feed() -> None:
    # A truncated document would store a half-read last story.
    with RawServer({"/cut": zipped(gzip.compress(FEED)[:-30])}) as raw:
        error = await failure(raw.url("/cut"))
    assert error.message == "response body was cut short (incomplete gzip data)"


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        # Content-Length 50 bytes short: the rest reads as the next response's status.
        (raw_response(FEED, {"Content-Length": len(FEED) - 50}), "bad status line"),
        (raw_response(b"zz\r\nabc\r\n", {"Transfer-Encoding": "chunked"}), "chunk size"),
        (b"HTTP/1.1 abc OK\r\n\r\n", "bad status line"),
        (FEED, "bad status line"),  # no status line at all (HTTP/0.9)
    ],
    ids=["short-content-length", "bad-chunk", "bad-status", "http-0.9"],
)
async def test_broken_http_framing_is_named_as_such(answer: bytes, reason: str) -> None:
    with RawServer({"/broken": answer}) as raw:
        error = await failure(raw.url("/broken"))
    # Not "network error: 400, message='Bad status line:\n …'", which reads like the
    # server's own HTTP 400 and quotes its bytes.
    assert error.message.startswith("invalid HTTP response from 127.0.0.1: ")
    assert reason in error.message and "400" not in error.message
    assert len(error.message) < 100 and "\\n" not in error.message


async def test_long_response_headers_are_accepted() -> None:
    # Content-Security-Policy and Link headers over 8 KB are seen on real news sites.
    policy = "default-src 'self'; " + "img-src https://cdn.example.org; " * 600
    answer = raw_response(
        FEED, {"Content-Length": len(FEED), "Content-Security-Policy": policy, "Link": policy}
    )
    with RawServer({"/long-headers": answer}) as raw:
        result = await fetch(raw.url("/long-headers"))
    assert result.body == FEED


async def test_a_server_that_never_answers_times_out() -> None:
    with RawServer({"/silent": None}) as raw:
        error = await failure(raw.url("/silent"))
    assert error.kind == "timeout"


@pytest.mark.parametrize("path", ["/caf\u00e9.xml", "/feed.xml?", "/a%7euser.xml"])
async def test_no_redirect_means_no_move_however_yarl_spells_the_url(
    server: LocalServer, path: str
) -> None:
    # yarl re-encodes "/café" and drops an empty "?": that is not the server moving it.
    served = {"/caf\u00e9.xml": "/caf\u00e9.xml", "/feed.xml?": "/feed.xml"}
    server.feeds[served.get(path, "/a~user.xml")] = FEED
    result = await fetch(server.url(path))
    assert result.status == 200 and result.permanent_url is None


async def test_a_real_permanent_redirect_still_reports_the_new_url(server: LocalServer) -> None:
    server.feeds["/new-home.xml"] = FEED
    result = await fetch(server.url("/moved-permanently"))
    assert result.permanent_url == server.url("/new-home.xml")


async def test_credentials_in_a_url_never_appear_in_an_error(server: LocalServer) -> None:
    async def unauthorized(request: web.Request) -> web.Response:
        return web.Response(status=401)

    server.routes["/private"] = unauthorized
    with_password = server.url("/loop-a").replace("http://", "http://reader:s3cret@")
    error = await failure(with_password)
    assert error.kind == "redirects" and "s3cret" not in error.message
    assert "reader:***@127.0.0.1" in error.message
    error = await failure(server.url("/private").replace("http://", "http://reader:s3cret@"))
    assert error.message == "HTTP 401 Unauthorized"
    error = await failure("http://reader:s3cret@/feed")
    assert error.kind == "invalid_url" and "s3cret" not in error.message


async def test_discovery_messages_hide_the_password(server: LocalServer) -> None:
    with_password = server.url("/not-found").replace("http://", "http://reader:s3cret@")
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(DiscoveryError) as caught:
            await discover_feed(fetcher, with_password)
    assert caught.value.message == (
        f"could not fetch http://reader:***@127.0.0.1:{server.port}/not-found: HTTP 404 Not Found"
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://jo:pa:ss@example.org/feed", "https://jo:***@example.org/feed"),
        ("https://api-token@example.org/feed", "https://***@example.org/feed"),
        ("https://example.org/feed?from=a@b", "https://example.org/feed?from=a@b"),
        ("https://example.org/@user/feed", "https://example.org/@user/feed"),
        ("https://example.org?to=a@b", "https://example.org?to=a@b"),
        ("not a url", "not a url"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("ftp://127.0.0.1/feed.xml", "unsupported URL scheme: ftp"),
        ("javascript:alert(1)", "unsupported URL scheme: javascript"),
    ],
)
async def test_a_redirect_to_an_unusable_url_says_it_was_a_redirect(
    server: LocalServer, location: str, reason: str
) -> None:
    async def redirect(request: web.Request) -> web.Response:
        return web.Response(status=301, headers={"Location": location})

    server.routes["/elsewhere"] = redirect
    error = await failure(server.url("/elsewhere"))
    assert error.kind == "redirects"
    assert error.message.startswith(f"redirected to an unusable URL ({reason}")
