"""A local HTTP server (127.0.0.1 only) with well-behaved feeds and hostile endpoints.

It runs its own event loop in a daemon thread, so synchronous tests, async tests and
subprocesses (the CLI) can all talk to it. Feeds put in `server.feeds` are served with
an ETag and Last-Modified and answer conditional requests with 304.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def rss(title: str, items: int, *, prefix: str = "item", extra: str = "") -> bytes:
    """An RSS 2.0 document with `items` entries whose guids start with `prefix`."""
    entries = "".join(
        f"<item><title>{title} story {i}</title>"
        f"<link>http://example.test/{prefix}/{i}</link>"
        f"<guid>{prefix}-{i}</guid>"
        f"<pubDate>{formatdate(1_700_000_000 + i * 60, usegmt=True)}</pubDate>"
        f"<description>Body of {title} story {i}.</description></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.test/</link>{extra}{entries}"
        f"</channel></rss>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><guid>bomb</guid></item></channel></rss>
"""

HOSTILE_TITLES = (
    b'<?xml version="1.0"?><rss version="2.0"><channel>'
    b"<title>Evil\x1b]0;pwned\x07 feed\x1b[2J</title><link>http://example.test/</link>"
    b"<item><title>Red \x1b[31malert\x1b[0m\r\nnow\x1b]8;;http://x.test\x1b\\link</title>"
    b"<guid>evil-1</guid><link>http://example.test/evil</link></item>"
    b"</channel></rss>"
)

HTML_PAGE = b"<!doctype html><html><head><title>Home</title></head><body><p>Hello</p></body></html>"


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


def serve_feed(request: web.Request, body: bytes) -> web.Response:
    """200 with validators, or 304 when the client already has this body."""
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    headers = {"ETag": etag, "Last-Modified": _LAST_MODIFIED}
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
    }


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
    chunk = b"<item><title>more</title></item>" * 2048
    while True:
        await response.write(chunk)


@dataclass
class RawServer:
    """Answers each path with fixed raw bytes (127.0.0.1 only): for responses that no
    HTTP server library would send, such as a wrong Content-Length or a broken chunk.

    The connection closes once the bytes are written; a path mapped to None accepts
    the request and never answers.
    """

    answers: dict[str, bytes | None] = field(default_factory=dict)
    port: int = 0
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _server: asyncio.base_events.Server | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("raw test server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shut_down(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _shut_down(self) -> None:
        assert self._server is not None
        self._server.close()
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)
        await self._server.wait_closed()

    def _serve(self, ready: threading.Event) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._answer, "127.0.0.1", 0)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await reader.readuntil(b"\r\n\r\n")
            path = request.split(b" ", 2)[1].decode("ascii", "replace")
            answer = self.answers.get(path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            if answer is None:
                await asyncio.sleep(3600)
                return
            writer.write(answer)
            await writer.drain()
        except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(OSError, asyncio.CancelledError):
                await writer.wait_closed()


def raw_response(body: bytes, headers: dict[str, str | int] | None = None) -> bytes:
    """`HTTP/1.1 200 OK` with exactly these headers and body bytes, nothing checked."""
    lines = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    return f"HTTP/1.1 200 OK\r\n{lines}\r\n".encode() + body
