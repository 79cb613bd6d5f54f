"""Polite, bounded HTTP GETs for feeds and article pages (aiohttp).

Every limit is enforced here so that no server can cost more than its share: a global
and a per-host concurrency limit, connect/read/total timeouts, a response size cap
counted on the *decompressed* bytes while they stream in (a gzip bomb stops at the
cap), and a redirect limit with loop detection. Redirects are followed by hand so we
know whether every hop was permanent (the caller then moves the subscription).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType

import aiohttp
import aiohttp.abc
from yarl import URL

from tui_news import __version__
from tui_news.core.errors import error_text
from tui_news.core.net.decoding import BodyDecoder, compressed_cap
from tui_news.core.net.errors import (
    MAX_DELTA_SECONDS,
    FetchError,
    check_url,
    classify,
    classify_timeout,
    format_size,
    http_error,
    parse_retry_after,
    timeout_error,
    too_large,
)
from tui_news.core.net.limits import FetchLimits
from tui_news.core.urls import redact_url

__all__ = [
    "FetchError",
    "FetchResult",
    "Fetcher",
    "format_size",
    "parse_max_age",
    "parse_retry_after",
]

USER_AGENT = f"newsterm/{__version__} (+https://github.com/newsterm)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_CHUNK = 64 * 1024
# aiohttp's default of 8 KB per header line fails real sites whose Content-Security-Policy
# or Link header is longer; this still bounds what a server can make us buffer.
_MAX_HEADER_LINE = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A successful (2xx or 304) response, body fully read."""

    url: str
    final_url: str
    status: int
    body: bytes
    headers: Mapping[str, str]
    permanent_url: str | None = None
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return _validator(self.headers.get("etag"))

    @property
    def last_modified(self) -> str | None:
        return _validator(self.headers.get("last-modified"))

    @property
    def content_type(self) -> str | None:
        """The raw Content-Type header, charset included."""
        return self.headers.get("content-type")

    @property
    def mime_type(self) -> str:
        """Content-Type without parameters, lower case ('' when absent)."""
        return (self.content_type or "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for param in (self.content_type or "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None

    @property
    def cache_max_age(self) -> int | None:
        return parse_max_age(self.headers.get("cache-control"))


class Fetcher:
    """An HTTP client session with newsterm's limits: `async with Fetcher(limits) as f:`."""

    def __init__(
        self,
        limits: FetchLimits | None = None,
        *,
        user_agent: str = USER_AGENT,
        resolver: aiohttp.abc.AbstractResolver | None = None,
    ) -> None:
        self.limits = limits or FetchLimits()
        self.user_agent = user_agent
        self._resolver = resolver
        self._session: aiohttp.ClientSession | None = None
        self._global: asyncio.Semaphore | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        await self.open()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def open(self) -> None:
        if self._session is not None:
            return
        limits = self.limits
        # Our semaphores do the limiting; the connector must never make a request wait
        # in its pool, because that wait would count against the request's timeouts.
        connector = aiohttp.TCPConnector(
            limit=0, limit_per_host=0, ttl_dns_cache=300, resolver=self._resolver
        )
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=limits.connect_timeout,
            sock_connect=limits.connect_timeout,
            sock_read=limits.read_timeout,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            auto_decompress=False,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=True,
            max_line_size=_MAX_HEADER_LINE,
            max_field_size=_MAX_HEADER_LINE,
        )
        self._global = asyncio.Semaphore(max(1, limits.concurrency))

    async def close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects; raises FetchError for failures and status >= 400."""
        if self._session is None or self._global is None:
            raise RuntimeError("Fetcher used outside `async with`")
        headers = {"Accept": accept or FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        try:
            return await self._follow(url, headers, started)
        except FetchError as error:
            error.url = error.url or url
            raise

    async def _follow(self, url: str, headers: dict[str, str], started: float) -> FetchResult:
        current = check_url(url)
        seen = {str(current)}
        permanent = True
        budget = self.limits.total_timeout
        for hop in range(self.limits.max_redirects + 1):
            try:
                status, location, result, spent = await self._hop(
                    current, headers, budget, url, started
                )
            except FetchError as error:
                error.redirected = hop > 0
                raise
            budget -= spent
            if result is not None:
                # Only a redirect moves a feed: yarl's own spelling of the URL asked for
                # (punycode, percent-encoding, no empty "?") is not a move.
                moved = str(current) if permanent and hop > 0 and str(current) != url else None
                return _with(result, permanent_url=moved)
            permanent = permanent and status in _PERMANENT
            current = _redirect_target(current, location)
            if str(current) in seen:
                raise FetchError(f"redirect loop at {redact_url(str(current))}", kind="redirects")
            seen.add(str(current))
        raise FetchError(
            f"too many redirects (more than {self.limits.max_redirects})", kind="redirects"
        )

    async def _hop(
        self, url: URL, headers: dict[str, str], budget: float, original: str, started: float
    ) -> tuple[int, str, FetchResult | None, float]:
        """One request: (status, Location, None, seconds) for a redirect, else (status, '',
        result, seconds). The seconds count from when the request got its slots: waiting
        in the queue for a busy host is not the server's slowness, and spends no budget.
        """
        assert self._session is not None and self._global is not None
        if budget <= 0:
            raise timeout_error(self.limits.total_timeout)
        # The host's slot first, then a global one: a request queueing for a busy host
        # must not sit on a global slot that a request to another host could use.
        async with self._host_slot(url.host or ""), self._global:
            began = time.monotonic()
            try:
                async with asyncio.timeout(budget):
                    answer = await self._request(url, headers, original, started)
                return (*answer, time.monotonic() - began)
            except TimeoutError as error:
                raise classify_timeout(error, self.limits) from None
            except aiohttp.ClientError as error:
                raise classify(error, url) from None
            except (OSError, ValueError, UnicodeError) as error:
                raise FetchError(f"network error: {error_text(error)}", kind="network") from None

    async def _request(
        self, url: URL, headers: dict[str, str], original: str, started: float
    ) -> tuple[int, str, FetchResult | None]:
        assert self._session is not None
        async with self._session.get(url, headers=headers, allow_redirects=False) as response:
            status = response.status
            location = response.headers.get("Location")
            if status in _REDIRECTS and location:
                return status, location, None
            if status >= 300 and status != 304:
                raise http_error(response)
            header_map = {k.lower(): v for k, v in response.headers.items()}
            body = b"" if status == 304 else await self._read_body(response)
        result = FetchResult(
            url=original,
            final_url=str(url),
            status=status,
            body=body,
            headers=header_map,
            elapsed=time.monotonic() - started,
        )
        return status, "", result

    async def _read_body(self, response: aiohttp.ClientResponse) -> bytes:
        """Read at most max_bytes of decoded body; one byte more is an error.

        The bytes on the wire are capped too, and reading stops where the compressed
        data ends: junk after a complete gzip stream may never end.
        """
        cap = self.limits.max_bytes
        if response.content_length is not None and response.content_length > cap:
            raise too_large(cap)
        decoder = BodyDecoder(response.headers.get("Content-Encoding", ""), cap)
        wire_cap = compressed_cap(cap)
        parts: list[bytes] = []
        size = received = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            received += len(chunk)
            if received > wire_cap:
                raise too_large(cap)
            for piece in decoder.feed(chunk):
                size += len(piece)
                if size > cap:
                    raise too_large(cap)
                parts.append(piece)
            if decoder.ended:
                break
        tail = decoder.flush()  # raises if the compressed data was cut short
        size += len(tail)
        if size > cap:
            raise too_large(cap)
        parts.append(tail)
        return b"".join(parts)

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(max(1, self.limits.per_host))
        return slot


def _redirect_target(current: URL, location: str) -> URL:
    """Where a Location header points; a server's unparsable one fails this fetch alone."""
    try:
        target = current.join(URL(location)).with_fragment(None)
    except (ValueError, TypeError) as error:
        raise FetchError(
            f"invalid redirect target {error_text(location)[:100]!r}: {error_text(error)}",
            kind="redirects",
        ) from None
    try:
        return check_url(str(target))
    except FetchError as error:  # "unsupported URL scheme: ftp" alone would blame the feed
        raise FetchError(
            f"redirected to an unusable URL ({error.message})", kind="redirects"
        ) from None


def _validator(value: str | None) -> str | None:
    """A validator we can store and send back: printable ASCII, else none at all.

    Bytes that are not UTF-8 arrive as lone surrogates, which SQLite refuses; control
    characters make aiohttp refuse every later request that carries them back.
    """
    if value and value.isascii() and value.isprintable():
        return value
    return None


def parse_max_age(cache_control: str | None) -> int | None:
    """`max-age` from a Cache-Control header, or None when absent or unusable.

    Capped at 2^31 seconds, as RFC 9111 (1.2.2) tells caches to read any larger number.
    """
    if not cache_control:
        return None
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name.strip().lower() == "max-age":
            try:
                return min(max(0, int(value.strip().strip('"'))), MAX_DELTA_SECONDS)
            except ValueError:
                return None
    return None


def _with(result: FetchResult, *, permanent_url: str | None) -> FetchResult:
    if permanent_url is None:
        return result
    return FetchResult(
        url=result.url,
        final_url=result.final_url,
        status=result.status,
        body=result.body,
        headers=result.headers,
        permanent_url=permanent_url,
        elapsed=result.elapsed,
    )
