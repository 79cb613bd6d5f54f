"""Why a fetch failed: one line a user can act on, and a kind a program can act on.

Messages read like "HTTP 404 Not Found", "timed out after 20 s" or "response larger
than 10 MB"; the kind, status and Retry-After let the refresh engine kill a feed on
410 or pause it on 429/503.
"""

from __future__ import annotations

import socket
import ssl
import time
from datetime import UTC
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import TYPE_CHECKING

import aiohttp
from yarl import URL

from tui_news.core.errors import NewstermError, error_text
from tui_news.core.urls import redact_url

if TYPE_CHECKING:
    from tui_news.core.net.limits import FetchLimits


class FetchError(NewstermError):
    """A fetch that produced no usable response; `message` is one line for the user.

    `kind` is what went wrong: "dns", "connect" and "refused" mean the server was never
    reached (`refresh.outcomes.UNREACHED`), which for every feed at once means the network is down.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "network",
        status: int | None = None,
        retry_after: float | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
        self.url = url
        self.redirected = False  # it failed at a redirect's target, not at `url` itself


# The largest number of seconds a server may ask for (RFC 9111, 1.2.2): anything larger,
# such as 400 digits that no float can hold, is read as this.
MAX_DELTA_SECONDS = 2**31


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() is True too
        return float(MAX_DELTA_SECONDS) if len(value) > 10 else min(float(value), MAX_DELTA_SECONDS)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000" means UTC with no claim about the local zone
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def format_size(size: int) -> str:
    """'10 MB', '512 KB', '300 bytes' for error messages."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def check_url(url: str) -> URL:
    try:
        parsed = URL(url.strip())
    except (ValueError, TypeError) as error:
        raise FetchError(f"invalid URL: {error_text(error)}", kind="invalid_url") from None
    if parsed.scheme not in ("http", "https"):
        shown = parsed.scheme or "none"
        raise FetchError(f"unsupported URL scheme: {shown}", kind="invalid_url")
    if not parsed.host:
        raise FetchError(f"invalid URL (no host): {redact_url(url)[:200]}", kind="invalid_url")
    return parsed


def http_error(response: aiohttp.ClientResponse) -> FetchError:
    status = response.status
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = error_text(response.reason or "")
    retry = parse_retry_after(response.headers.get("Retry-After"))
    return FetchError(
        f"HTTP {status} {phrase}".strip(), kind="http", status=status, retry_after=retry
    )


def too_large(cap: int) -> FetchError:
    return FetchError(f"response larger than {format_size(cap)}", kind="too_large")


def timeout_error(seconds: float) -> FetchError:
    return FetchError(f"timed out after {seconds_text(seconds)}", kind="timeout")


def classify_timeout(error: TimeoutError, limits: FetchLimits) -> FetchError:
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return FetchError(
            f"could not connect within {seconds_text(limits.connect_timeout)}", kind="connect"
        )
    if isinstance(error, aiohttp.SocketTimeoutError):
        return FetchError(
            f"timed out after {seconds_text(limits.read_timeout)} without data", kind="timeout"
        )
    return timeout_error(limits.total_timeout)


def classify(error: aiohttp.ClientError, url: URL) -> FetchError:
    host = url.host or str(url)
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return FetchError(f"could not resolve host {host}", kind="dns")
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return FetchError(f"TLS certificate error for {host}", kind="tls")
    if isinstance(error, aiohttp.ClientSSLError):
        return FetchError(f"TLS error with {host}", kind="tls")
    if isinstance(error, aiohttp.ClientConnectorError):
        os_error = error.os_error
        if isinstance(os_error, ConnectionRefusedError):
            return FetchError(f"connection refused by {host}", kind="refused")
        if isinstance(os_error, socket.gaierror):
            return FetchError(f"could not resolve host {host}", kind="dns")
        if isinstance(os_error, ssl.SSLError):
            return FetchError(f"TLS error with {host}", kind="tls")
        return FetchError(f"could not connect to {host}: {error_text(os_error)}", kind="connect")
    if isinstance(error, aiohttp.InvalidURL):
        return FetchError(f"invalid URL: {error_text(error)}", kind="invalid_url")
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return FetchError("server closed the connection", kind="network")
    if isinstance(error, aiohttp.ClientPayloadError):
        return FetchError("response body was cut short or malformed", kind="network")
    if isinstance(error, aiohttp.ClientResponseError):
        # We never call raise_for_status: this is aiohttp's parser refusing a response
        # that breaks HTTP itself. Its "400" is not the server's status.
        return FetchError(
            f"invalid HTTP response from {host}: {_parser_reason(error.message)}", kind="network"
        )
    return FetchError(f"network error: {error_text(error)}", kind="network")


def _parser_reason(message: str) -> str:
    """'bad status line' from aiohttp's multi-line message quoting the offending bytes."""
    reason = message.split("\n", 1)[0].split(": b'", 1)[0].split(' b"', 1)[0]
    reason = error_text(reason.strip(" :.")) if reason.strip(" :.") else "malformed"
    return (reason[:1].lower() + reason[1:])[:100]


def seconds_text(value: float) -> str:
    return f"{value:g} s"
