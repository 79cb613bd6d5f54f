"""The hostile server: every way a server, feed or page has attacked newsterm, on 127.0.0.1.

`LocalServer` runs aiohttp on its own event loop in a daemon thread, so synchronous tests,
async tests and subprocesses (the CLI) can all talk to it. Feeds put in `server.feeds` are
served with an ETag and Last-Modified and answer conditional requests with 304; every
server also answers the routes of `default_routes`, one per hostile behaviour (see
`hostile_routes` for the list and what each one does); the documents they serve are in
`documents.py`. `raw.py` holds `RawServer`, for bytes no HTTP library would send.

Tests of every behaviour, fixed or holding, use these routes, so that no change can
quietly bring one back (tests/hostile/ holds most of them).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gzip
import hashlib
import threading
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

from aiohttp import web

from tests.hostile.documents import (
    BILLION_LAUGHS,
    HOSTILE_TITLES,
    HTML_PAGE,
    HUGE_NUMBER,
    PASSWORD,
    alternates_page,
    big_article,
    dateless_guid_feed,
    fence_feed,
    hostile_feed,
    hostile_links_feed,
    hostile_page,
    hostile_texts_feed,
    links_html,
    rss,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass
class LocalServer:
    """Serve `feeds` and the hostile routes on 127.0.0.1 from a background thread."""

    host: str = "127.0.0.1"
    feeds: dict[str, bytes] = field(default_factory=dict)
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    headers_seen: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    port: int = 0
    delay: float = 0.0  # added before answering for a feed in `feeds`
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def start(self) -> LocalServer:
        self.routes = {**default_routes(self), **self.routes}
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("local test server did not start")
        return self

    def stop(self) -> None:
        if self._loop is None or self._runner is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop)
        future.result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        self._runner = None  # stopped: a second stop (a test's, then the fixture's) is a no-op

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, ready: threading.Event) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, self.host, self.port)
        self._loop.run_until_complete(site.start())
        server: Any = site._server
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.hits[path] = self.hits.get(path, 0) + 1
        self.headers_seen.setdefault(path, []).append(dict(request.headers))
        if path in self.feeds:
            if self.delay:
                await asyncio.sleep(self.delay)
            return serve_feed(request, self.feeds[path])
        handler = self.routes.get(path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)


def serve_feed(
    request: web.Request, body: bytes, extra: dict[str, str] | None = None
) -> web.Response:
    """200 with validators, or 304 when the client already has this body; `extra`
    headers go on both."""
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    headers = {"ETag": etag, "Last-Modified": _LAST_MODIFIED, **(extra or {})}
    if request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, headers=headers, content_type="application/rss+xml")


def default_routes(server: LocalServer) -> dict[str, Handler]:
    def redirect(status: int, target: str) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": target})

        return handler

    def status(code: int, headers: dict[str, str] | None = None) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=code, headers=headers or {}, text="no")

        return handler

    def body(data: bytes, content_type: str = "application/rss+xml") -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=data, content_type=content_type)

        return handler

    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024), compresslevel=9)

    async def gzip_bomb(request: web.Request) -> web.Response:
        return web.Response(
            body=bomb,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"},
        )

    async def gzip_feed(request: web.Request) -> web.Response:
        data = gzip.compress(rss("Zipped", 3, prefix="zip"))
        return web.Response(
            body=data, headers={"Content-Encoding": "gzip", "Content-Type": "application/xml"}
        )

    return {
        "/moved-permanently": redirect(301, "/new-home.xml"),
        "/moved-308": redirect(308, "/new-home.xml"),
        "/moved-temporarily": redirect(302, "/temp-home.xml"),
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/gone": status(410),
        "/not-found": status(404),
        "/server-error": status(500),
        "/rate-limited": status(429, {"Retry-After": "3600"}),
        "/unavailable": status(503, {"Retry-After": formatdate(4_102_444_800, usegmt=True)}),
        "/slow": slow_body,
        "/endless": endless_body,
        "/gzip-bomb": gzip_bomb,
        "/gzip-feed": gzip_feed,
        "/billion-laughs": body(BILLION_LAUGHS, "application/xml"),
        "/html": body(HTML_PAGE, "text/html"),
        "/hostile-titles": body(HOSTILE_TITLES),
        "/garbage": body(b"\x00\x01\x02 not xml at all \xff\xfe", "application/octet-stream"),
        **hostile_routes(server),
    }


def _basic_auth() -> str:
    return "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()


def hostile_routes(server: LocalServer) -> dict[str, Handler]:
    """One route per hostile behaviour from the red-team pass (issue 9)."""

    def feed_with(body: bytes, headers: dict[str, str]) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return serve_feed(request, body, headers)

        return handler

    def page(data: bytes) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=data, content_type="text/html")

        return handler

    def status(code: int, headers: dict[str, str]) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=code, headers=headers, text="wait")

        return handler

    async def wait_then_serve(request: web.Request) -> web.Response:
        # A week's Retry-After the first time; the feed once asked again.
        if server.hits[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": str(7 * 86400)})
        return serve_feed(request, rss("Patient", 2, prefix="patient"))

    async def private_feed(request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != _basic_auth():
            return web.Response(status=401, text="who are you?")
        return serve_feed(request, rss("Private", 2, prefix="private"))

    async def private_page(request: web.Request) -> web.Response:
        # Its links are relative: they resolve against the password-bearing address.
        if request.headers.get("Authorization") != _basic_auth():
            return web.Response(status=401, text="who are you?")
        sentence = "A private report on the harbour and its cranes. "
        links = " ".join(
            f'<a href="/private-page/more-{n}">the {word} plan</a>'
            for n, word in enumerate(["first", "second", "third"])
        )
        text = f"<p>{sentence * 15}</p><p>Read {links} for more.</p><p>{sentence * 15}</p>"
        return web.Response(body=hostile_page("Private report", text), content_type="text/html")

    slow_paths = [f"/slow-alternate-{n}" for n in range(30)]
    routes: dict[str, Handler] = {
        # Defect 1 and 9: numbers a server sends that overflow a float.
        "/max-age-overflow": feed_with(
            rss("Overflow", 3, prefix="overflow"), {"Cache-Control": f"max-age={HUGE_NUMBER}"}
        ),
        "/retry-after-overflow": status(503, {"Retry-After": HUGE_NUMBER}),
        "/ttl-overflow": body_route(
            rss("Long TTL", 2, prefix="ttl", extra=f"<ttl>{HUGE_NUMBER}</ttl>")
        ),
        "/dates-overflow": body_route(
            hostile_feed(
                "Far dates",
                [
                    f"<item><title>Far {n}</title><guid>far-{n}</guid>"
                    f"<pubDate>{date}</pubDate></item>"
                    for n, date in enumerate(
                        ["Tue, 14 Nov 99999 22:13:20 GMT", f"{HUGE_NUMBER}", "0000-00-00T00:00:00Z"]
                    )
                ],
            )
        ),
        # Defect 2 and 10: a password with an "@" in it.
        "/private-feed": private_feed,
        "/private-page": private_page,
        # Defect 3: compressed streams that decompress to (almost) nothing, forever.
        "/gzip-empty-members": gzip_empty_members,
        "/gzip-then-junk": gzip_then_endless_junk,
        "/gzip-endless-comment": gzip_endless_comment,
        "/deflate-bomb": deflate_bomb,
        # Defect 4: a temporary redirect on a host whose only slot is taken.
        "/redirect-to-feed": redirect_route(302, "/redirect-target.xml"),
        "/redirect-target.xml": body_route(rss("Redirected", 2, prefix="redirected")),
        # Defect 5: discovery that would never end.
        "/alternates-2000": page(alternates_page([f"/no-feed-{n}" for n in range(2000)])),
        "/alternates-slow": page(alternates_page(slow_paths)),
        **{path: never_answer for path in slow_paths},
        # Defect 6: guids that look like dates to a lenient date parser.
        "/dateless-guids": body_route(dateless_guid_feed()),
        # Defect 7: articles too big to render at once.
        "/big-article": page(big_article(1024 * 1024)),
        # Defect 15: a server asking to be left alone for a week.
        "/retry-after-week": wait_then_serve,
        # Defect 16: code fences in feed text and pages.
        "/fence-feed": body_route(fence_feed()),
        "/fence-page": page(
            hostile_page(
                "Fenced",
                "<p>" + "Some words of the article before the quote. " * 20 + "</p>"
                "<blockquote><pre># Not a heading\n```\n[link](https://evil.test/)</pre>"
                "</blockquote><p>" + "More words of the article after it. " * 20 + "</p>"
                "<pre>```\n# Not a heading either\n1. nor a list\n```</pre><p>The end.</p>",
            )
        ),
        # Held since before: inert text and web-only links.
        "/hostile-texts": body_route(hostile_texts_feed()),
        "/hostile-links": body_route(hostile_links_feed()),
        "/hostile-links-page": page(
            hostile_page("Links", "<p>" + "Words of the article. " * 40 + "</p>" + links_html())
        ),
    }
    return routes


def body_route(data: bytes, content_type: str = "application/rss+xml") -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=data, content_type=content_type)

    return handler


def redirect_route(status: int, target: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, headers={"Location": target})

    return handler


async def never_answer(request: web.Request) -> web.Response:
    """Accept the request and say nothing (the client's timeout ends it)."""
    await asyncio.sleep(3600)
    return web.Response(status=204)


async def gzip_empty_members(request: web.Request) -> web.StreamResponse:
    """Empty gzip members, as fast as the client reads: bytes in, nothing out."""
    response = web.StreamResponse(
        headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
    )
    await response.prepare(request)
    await _write_forever(response, gzip.compress(b"") * 4096)
    return response


async def gzip_then_endless_junk(request: web.Request) -> web.StreamResponse:
    """A complete gzip feed, then junk that never ends."""
    response = web.StreamResponse(
        headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
    )
    await response.prepare(request)
    await response.write(gzip.compress(rss("Junk after", 3, prefix="junk")))
    await _write_forever(response, b"junk" * 16384)
    return response


async def gzip_endless_comment(request: web.Request) -> web.StreamResponse:
    """A gzip header whose comment field never ends: compressed bytes, no output."""
    response = web.StreamResponse(
        headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
    )
    await response.prepare(request)
    await response.write(b"\x1f\x8b\x08\x10\x00\x00\x00\x00\x00\xff")  # FLG: FCOMMENT
    await _write_forever(response, b"a" * 65536)
    return response


async def _write_forever(response: web.StreamResponse, chunk: bytes) -> None:
    """Until the client hangs up, which is what a client should do."""
    with contextlib.suppress(ConnectionError):
        while True:
            await response.write(chunk)


_DEFLATE_BOMB = zlib.compress(b"\0" * (8 * 1024 * 1024), 9)


async def deflate_bomb(request: web.Request) -> web.Response:
    return web.Response(
        body=_DEFLATE_BOMB,
        headers={"Content-Encoding": "deflate", "Content-Type": "application/rss+xml"},
    )


async def slow_body(request: web.Request) -> web.StreamResponse:
    """A response that trickles one byte a second, forever."""
    response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    await response.prepare(request)
    for byte in rss("Slow", 1000):
        await response.write(bytes([byte]))
        await asyncio.sleep(1.0)
    return response


async def endless_body(request: web.Request) -> web.StreamResponse:
    """A response that never ends, as fast as the client reads."""
    response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    await response.prepare(request)
    await _write_forever(response, b"<item><title>more</title></item>" * 2048)
    return response
