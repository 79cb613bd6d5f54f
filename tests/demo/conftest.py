"""One demo server per test module: starting it is cheap, but there is no need to."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from tui_news.demo.server import DemoServer

# A few hours after the newest bundled story: the content is served exactly as written.
CONTENT_NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC).timestamp()
# A Wednesday months later: every date is moved forward by whole weeks.
LATER_NOW = datetime(2027, 3, 17, 10, 30, tzinfo=UTC).timestamp()
# Months before: moved back. Page extraction (htmldate) rejects dates after the real
# clock, so tests that extract pages use this rather than LATER_NOW to stay honest
# whatever day they run.
EARLIER_NOW = datetime(2026, 8, 12, 16, 0, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Reply:
    """A plain request straight to 127.0.0.1 (urllib would honour proxy variables)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target or "/", headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_server() -> Iterator[DemoServer]:
    """The demo as written (dated 23-29 November 2026), whatever day the tests run."""
    with DemoServer(now=CONTENT_NOW) as server:
        yield server
