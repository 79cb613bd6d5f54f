"""An in-repo Google Reader API server that behaves as the real ones the recipe tested.

No Google Reader server installs here (../shared/sync/RECIPE.md, section 5), so the
client is tested against this one, which follows `recipes/smoke_greader.py` (the
contract FreshRSS passed 19/19; a test runs that very script against this server)
and section 6's quirks:
- ClientLogin answers `Auth=…`; a wrong password is HTTP 401; every call needs
  `Authorization: GoogleLogin auth=…`; writes need `T` from /token, and a stale T is
  401 with `X-Reader-Google-Bad-Token: true`;
- stream ids are "feed/<n>" as on FreshRSS and Miniflux, never the feed's URL;
- item ids are microsecond crawl times (FreshRSS): decimal strings in
  stream/items/ids (JSON numbers with `numeric_ids`), `tag:…/item/<16 hex>` in
  contents, and edit-tag takes either;
- mark-all-as-read compares `ts` in microseconds with the ids; without ts it cuts off
  at the last whole second, missing items crawled in the current one.

This module holds the account (its feeds and items, and what a test or the server's own
fetcher does to them); the API that serves it over HTTP is fake_greader_api.py.
"""

from __future__ import annotations

import calendar
import secrets
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import feedparser

from tests.core.sync.fake_greader_api import FakeFeed, FakeItem, handler


class FakeGReader:
    """One account's feeds and items behind a threaded HTTP server on 127.0.0.1."""

    def __init__(
        self,
        user: str = "alice",
        password: str = "alice-password-123",
        *,
        prefix: str = "/api/greader.php",
        numeric_ids: bool = False,
        max_page: int = 1000,
    ) -> None:
        self.user, self.password, self.prefix = user, password, prefix
        self.numeric_ids = numeric_ids
        self.max_page = max_page
        self.feeds: dict[str, FakeFeed] = {}
        self.items: dict[int, FakeItem] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path) as received
        self.slow: dict[str, float] = {}  # API name ("subscription/edit") → seconds to wait
        # API name → how many calls it answers before failing (HTTP 503) from then on.
        self.broken: dict[str, int] = {}
        self.calls: dict[str, int] = {}
        self.lock = threading.RLock()
        self.auth = secrets.token_hex(16)
        self.token = secrets.token_hex(20)
        self._next_feed = 1
        self._last_id = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    def start(self) -> FakeGReader:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what a test does on "the server" (another client, the server's own fetcher) -------

    def add_feed(self, url: str, title: str = "", labels: list[str] | None = None) -> str:
        with self.lock:
            for feed in self.feeds.values():
                if feed.url == url:
                    return feed.stream_id
            stream_id = f"feed/{self._next_feed}"
            self._next_feed += 1
            self.feeds[stream_id] = FakeFeed(stream_id, url, title or url, "", labels or [])
            return stream_id

    def add_item(self, stream_id: str, title: str, **fields: Any) -> str:
        """A new item, crawled now; returns its decimal id."""
        with self.lock:
            item_id = max(time.time_ns() // 1000, self._last_id + 1)
            self._last_id = item_id
            self.items[item_id] = FakeItem(item_id, stream_id, title, **fields)
            return str(item_id)

    def unread(self) -> set[str]:
        with self.lock:
            return {str(i.id) for i in self.items.values() if not i.read}

    def starred(self) -> set[str]:
        with self.lock:
            return {str(i.id) for i in self.items.values() if i.starred}

    def expire_token(self) -> None:
        """The server forgets the write token (FreshRSS's change after a while)."""
        with self.lock:
            self.token = secrets.token_hex(20)

    def fetch(self, url: str) -> str | None:
        """What quickadd does on FreshRSS: fetch the feed now (from 127.0.0.1 only)."""
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            return None
        parts = urlsplit(url)
        # A login in the address is the feed's to check; the test feeds ask for none.
        plain = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        try:
            with urllib.request.urlopen(plain, timeout=10) as response:
                parsed = feedparser.parse(response.read())
        except OSError:
            return None
        if parsed.bozo and not parsed.entries:
            return None
        stream_id = self.add_feed(url, parsed.feed.get("title", ""))
        with self.lock:
            self.feeds[stream_id].html_url = parsed.feed.get("link", "")
            known = {item.url for item in self.items.values() if item.stream_id == stream_id}
        for entry in parsed.entries:
            if entry.get("link", "") in known:
                continue
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            self.add_item(
                stream_id,
                entry.get("title", ""),
                url=entry.get("link", ""),
                html=entry.get("summary", ""),
                author=entry.get("author", ""),
                published=calendar.timegm(stamp) if stamp else 0,
            )
        return stream_id
