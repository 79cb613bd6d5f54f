"""An in-process HTTP server on 127.0.0.1 that plays the demo's news sites.

The demo goes through newsterm's real fetch, parse and extraction path, so the
server behaves like a well-run news site: correct content types, ETag and
Last-Modified validators answered with 304, Cache-Control on feeds, HEAD, and a
404 for the one subscription that is meant to fail. It never logs to the terminal
(the TUI owns it); problems go to the `logging` module at debug level.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from tui_news.demo.content import Catalog, load_catalog, read_text
from tui_news.demo.dates import NO_SHIFT, newest_date, shift_catalog, shift_feed, week_shift
from tui_news.demo.pages import render_article, render_home, render_index
from tui_news.demo.photo import harbour_png

log = logging.getLogger(__name__)

HTML = "text/html; charset=utf-8"
FEED_MAX_AGE = 300
NOT_FOUND_PAGE = b"<!DOCTYPE html><title>Not found</title><h1>404: no such page</h1>\n"


@dataclass(frozen=True, slots=True)
class Resource:
    """One response body with the validators a real site would send."""

    body: bytes
    content_type: str
    modified: float
    cache_control: str | None
    etag: str

    @classmethod
    def of(
        cls, body: bytes, content_type: str, modified: float, cache_control: str | None = None
    ) -> Resource:
        etag = f'"{hashlib.sha1(body).hexdigest()[:20]}"'
        return cls(body, content_type, modified, cache_control, etag)

    @property
    def last_modified(self) -> str:
        return formatdate(self.modified, usegmt=True)

    def is_fresh(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Whether a conditional request may be answered 304 (RFC 9110 13.2.2 order)."""
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or self.etag in tags
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return int(self.modified) <= since
        return False


def build_routes(
    catalog: Catalog, base_url: str, shift: timedelta = NO_SHIFT
) -> dict[str, Resource]:
    """Every path the demo serves, with `{base}` filled in.

    `catalog` is already dated as served; `shift` is how far it was moved, which the
    feeds (stored as finished documents) still need applying to their own dates.
    """

    def text(body: str, content_type: str, modified: float, cache: str | None = None) -> Resource:
        return Resource.of(body.replace("{base}", base_url).encode(), content_type, modified, cache)

    newest = max(site.updated.timestamp() for site in catalog.sites)
    routes = {
        "/": text(render_home(catalog), HTML, newest),
        "/static/photo.svg": text(read_text("static/photo.svg"), "image/svg+xml", newest),
        "/static/photo.png": Resource.of(harbour_png(), "image/png", newest),
        "/static/app.js": text(read_text("static/app.js"), "text/javascript", newest),
    }
    for site in catalog.sites:
        updated = site.updated.timestamp()
        cache = f"public, max-age={FEED_MAX_AGE}"
        feed = shift_feed(read_text(site.feed_file), site.feed_type, shift)
        routes[site.feed_path] = text(feed, site.feed_type, updated, cache)
        routes[site.index_path] = text(render_index(site, catalog), HTML, updated)
    for article in catalog.articles.values():
        page = render_article(article, catalog)
        routes[article.path] = text(page, HTML, article.published.timestamp())
    return routes


class _Httpd(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Resource]
    latency: float

    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up mid-response is normal; never print over the TUI.
        log.debug("demo server: error serving %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: _Httpd
    protocol_version = "HTTP/1.1"
    server_version = "newsterm-demo/1"
    timeout = 30  # idle keep-alive connections give their thread back

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, *, with_body: bool) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        resource = self.server.routes.get(urlsplit(self.path).path)
        if resource is None:
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND_PAGE, {"Content-Type": HTML}, with_body)
            return
        headers = {
            "Content-Type": resource.content_type,
            "ETag": resource.etag,
            "Last-Modified": resource.last_modified,
        }
        if resource.cache_control:
            headers["Cache-Control"] = resource.cache_control
        fresh = resource.is_fresh(
            self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        )
        if fresh:
            self._send(HTTPStatus.NOT_MODIFIED, b"", headers, with_body=False)
        else:
            self._send(HTTPStatus.OK, resource.body, headers, with_body)

    def _send(
        self, status: HTTPStatus, body: bytes, headers: dict[str, str], with_body: bool
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("demo server: " + format, *args)


def _bind(port: int) -> _Httpd:
    """A server on `port` if it is free, else on any free port (a second demo still runs)."""
    if port:
        try:
            return _Httpd(("127.0.0.1", port), _Handler)
        except OSError:
            log.debug("demo server: port %d is taken; using a free one", port)
    return _Httpd(("127.0.0.1", 0), _Handler)


class DemoServer:
    """The demo sites on 127.0.0.1, in a daemon thread.

    `with DemoServer() as server:` starts it; `server.feed_urls` are the
    subscriptions to add, `server.base_url` the root every link points into.
    Every date served is moved by whole weeks so the newest story is under a week
    old at `now` (a Unix time; the moment the server starts if None).
    `port` is the one to prefer (0: any free port); if it is taken, any free one.
    """

    def __init__(self, *, latency: float = 0.0, now: float | None = None, port: int = 0) -> None:
        self.latency = latency
        self.now = now
        self.port = port
        self.shift = NO_SHIFT
        self._httpd: _Httpd | None = None
        self._thread: threading.Thread | None = None
        self._catalog: Catalog | None = None

    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        written = load_catalog()
        now = time.time() if self.now is None else self.now
        shift = week_shift(newest_date(written), now)
        catalog = shift_catalog(written, shift)
        httpd = _bind(self.port)
        httpd.latency = self.latency
        base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
        httpd.routes = build_routes(catalog, base_url, shift)
        self.shift = shift
        self._catalog, self._httpd = catalog, httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="newsterm-demo-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the demo server is not running")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def catalog(self) -> Catalog:
        """The content as served: its dates already moved by `shift`."""
        if self._catalog is None:
            raise RuntimeError("the demo server is not running")
        return self._catalog

    @property
    def paths(self) -> list[str]:
        """Every path served, for tests and for checking links."""
        return sorted(self._httpd.routes) if self._httpd else []

    @property
    def feed_urls(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(url, title, tags) of every demo subscription, the failing one last."""
        base = self.base_url
        feeds = [(base + site.feed_path, site.name, site.tags) for site in self.catalog.sites]
        feeds += [(base + feed.path, feed.title, feed.tags) for feed in self.catalog.broken]
        return feeds

    def article_url(self, article_id: str) -> str:
        return self.base_url + self.catalog.articles[article_id].path
