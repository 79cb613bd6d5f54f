"""What a hostile server can do to a fetch: every way of sending too much, too slowly, or
not quite HTTP, answered by a clear error within the limits (or by the feed, when the
feed itself was fine)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from tests.hostile.documents import HUGE_NUMBER, rss
from tests.hostile.raw import RawServer
from tests.hostile.server import LocalServer
from tui_news.core.net.decoding import MAX_EMPTY_MEMBERS
from tui_news.core.net.errors import MAX_DELTA_SECONDS, FetchError
from tui_news.core.net.fetch import Fetcher, parse_max_age
from tui_news.core.net.limits import FetchLimits

LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=8, max_bytes=1 << 20)


async def fetch(url: str, limits: FetchLimits = LIMITS) -> Any:
    async with Fetcher(limits) as fetcher:
        return await fetcher.get(url)


async def failure(url: str, limits: FetchLimits = LIMITS) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetch(url, limits)
    return caught.value


# -- defect 3: the size cap counts the bytes on the wire too ---------------------------------


async def test_a_stream_of_empty_gzip_members_is_refused_at_once(server: LocalServer) -> None:
    started = time.monotonic()
    error = await failure(server.url("/gzip-empty-members"))
    # It used to be read until the total timeout, at full CPU: 724 MB a minute.
    assert error.kind == "network"
    assert error.message == f"corrupt gzip body: more than {MAX_EMPTY_MEMBERS} empty members"
    assert time.monotonic() - started < 2


async def test_compressed_bytes_that_decode_to_nothing_stop_at_the_cap(
    server: LocalServer,
) -> None:
    started = time.monotonic()
    error = await failure(server.url("/gzip-endless-comment"))
    assert (error.kind, error.message) == ("too_large", "response larger than 1 MB")
    assert time.monotonic() - started < 2


async def test_a_complete_gzip_feed_followed_by_endless_junk_is_read(server: LocalServer) -> None:
    started = time.monotonic()
    result = await fetch(server.url("/gzip-then-junk"))
    # The feed is whole: reading stops where the gzip stream ends, not at a timeout.
    assert result.body == rss("Junk after", 3, prefix="junk")
    assert time.monotonic() - started < 2


# -- held: bombs, endless and slow bodies ---------------------------------------------------


@pytest.mark.parametrize("path", ["/gzip-bomb", "/deflate-bomb", "/endless"])
async def test_bombs_and_endless_bodies_stop_at_the_decoded_cap(
    server: LocalServer, path: str
) -> None:
    error = await failure(server.url(path))
    assert (error.kind, error.message) == ("too_large", "response larger than 1 MB")


async def test_a_slow_loris_body_times_out_on_the_whole_fetch(server: LocalServer) -> None:
    limits = FetchLimits(connect_timeout=1, read_timeout=1.5, total_timeout=2.5)
    started = time.monotonic()
    error = await failure(server.url("/slow"), limits)
    assert (error.kind, error.message) == ("timeout", "timed out after 2.5 s")
    assert time.monotonic() - started < 4


async def test_a_server_that_never_answers_times_out(raw: RawServer) -> None:
    limits = FetchLimits(connect_timeout=1, read_timeout=1, total_timeout=3)
    error = await failure(raw.url("/silent"), limits)
    assert (error.kind, error.message) == ("timeout", "timed out after 1 s without data")


# -- held: responses that break HTTP --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/bad-chunk", "invalid HTTP response from 127.0.0.1: invalid character in chunk size"),
        ("/short-content-length", "response body was cut short or malformed"),
        ("/huge-content-length", "invalid HTTP response from 127.0.0.1: content-Length overflow"),
        ("/headers-200k", "invalid HTTP response from 127.0.0.1: too many headers received"),
        (
            "/header-line-200k",
            "invalid HTTP response from 127.0.0.1: got more than 65536 bytes when reading",
        ),
    ],
)
async def test_broken_framing_and_200_kb_of_headers_are_one_clear_error(
    raw: RawServer, path: str, reason: str
) -> None:
    error = await failure(raw.url(path))
    assert (error.kind, error.message) == ("network", reason)


# -- defect 1: numbers from the network are clamped ------------------------------------------


def test_numbers_no_float_can_hold_are_read_as_the_largest_sensible_one() -> None:
    assert parse_max_age(f"public, max-age={HUGE_NUMBER}") == MAX_DELTA_SECONDS
    assert parse_max_age("max-age=600") == 600


async def test_a_retry_after_no_float_can_hold_is_read_as_the_largest(
    server: LocalServer,
) -> None:
    error = await failure(server.url("/retry-after-overflow"))
    assert error.status == 503 and error.retry_after == MAX_DELTA_SECONDS


# -- defect 4: waiting for a busy host spends no time budget ---------------------------------


async def test_a_redirect_queued_behind_slow_feeds_of_its_host_is_followed(
    server: LocalServer,
) -> None:
    limits = FetchLimits(per_host=1, connect_timeout=2, read_timeout=2.5, total_timeout=4)
    server.delay = 1.0  # five of these hold the host's one slot for 5 s, more than 4
    for n in range(5):
        server.feeds[f"/slow-{n}.xml"] = rss(f"Slow {n}", 1)
    async with Fetcher(limits) as fetcher:
        slow = [asyncio.ensure_future(fetcher.get(server.url(f"/slow-{n}.xml"))) for n in range(5)]
        await asyncio.sleep(0.1)  # they hold or wait for the slot before the redirect asks
        redirected = await fetcher.get(server.url("/redirect-to-feed"))
        await asyncio.gather(*slow, return_exceptions=True)  # a loaded machine may time out
    # It failed "timed out after 4 s" without ever asking for its target.
    assert redirected.final_url == server.url("/redirect-target.xml")
    assert server.hits["/redirect-target.xml"] == 1
