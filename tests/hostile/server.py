"""The hostile server: every way a server, feed or page has attacked newsterm, on 127.0.0.1.

`LocalServer` runs aiohttp on its own event loop in a daemon thread, so synchronous tests,
async tests and subprocesses (the CLI) can all talk to it. Feeds put in `server.feeds` are
served with an ETag and Last-Modified and answer conditional requests with 304; every
server also answers the routes of `default_routes`, one per hostile behaviour (see
`HOSTILE_ROUTES` for the list and what each one does). `RawServer` sends bytes no HTTP
library would (broken chunking, lying lengths, 200 KB of headers): `RAW_ANSWERS`.

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


# -- the red team's routes ------------------------------------------------------------------

HUGE_NUMBER = "9" * 400  # overflows float(); what a hostile server puts in any numeric header
PASSWORD = "s3cr@tP4ss"  # an "@" inside: userinfo ends at the last "@", not the first
HOSTILE_SCHEMES = ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>")
# Titles that a terminal or a markup parser would act on: CSI, OSC title and clipboard
# writes, an 8-bit CSI (U+009B) and other C1 controls, bidi overrides, Rich/Textual markup.
HOSTILE_TEXTS = (
    "Red \x1b[31malert\x1b[0m \x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 done",
    "C1 \x9b2J clear \x90dcs\x9c \x85next \x9d8;;http://x.test\x9c link",
    "Bidi \u202egnp.exe\u202c \u2066isolate\u2069 text",
    "Markup [bold red]x[/] [link=https://evil.test]click[/link] [@click=app.quit]q[/]",
)
# A page: the article's ``` fence and "# " line would become live Markdown if unfenced.
FENCE_BREAKOUT = (
    "<p>Before the code.</p><pre>```\n[click me](https://evil.test/)\n# Injected heading\n"
    "```</pre><p>After the code.</p>"
)
DATELESS_GUIDS = ("1", "7", "2019", "monday", "may")


def hostile_feed(title: str, items: list[str], *, channel_extra: str = "") -> bytes:
    """An RSS document around ready-made <item> elements."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.test/</link>{channel_extra}"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_texts_feed() -> bytes:
    """Every hostile text as an item title and in the feed's name, written raw (a raw ESC
    makes the XML ill-formed, so the careful reader gets it); each item's summary links
    to javascript:, file: and data: URLs beside one web link."""
    items = [
        f"<item><title>{_escape_xml(text)}</title>"
        f"<link>http://example.test/hostile/{n}</link><guid>hostile-{n}</guid>"
        f"<description>{_escape_xml(_links_html())}</description></item>"
        for n, text in enumerate(HOSTILE_TEXTS)
    ]
    return hostile_feed("Evil \x1b]0;owned\x07 [b]feed[/b] \u202eesrever", items)


def _links_html() -> str:
    links = "".join(f'<a href="{scheme}">{scheme.split(":")[0]}</a> ' for scheme in HOSTILE_SCHEMES)
    return f'<p>Links: {links}<a href="https://example.test/ok">web</a></p>'


def hostile_links_feed() -> bytes:
    """Items whose own link is javascript:, file: or data: (the guid is all they keep)."""
    items = [
        f"<item><title>Scheme {n}</title><link>{_escape_xml(scheme)}</link>"
        f"<guid isPermaLink='false'>scheme-{n}</guid></item>"
        for n, scheme in enumerate(HOSTILE_SCHEMES)
    ]
    return hostile_feed("Schemes", items)


def hostile_page(title: str, body_html: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body_html}</article></body></html>"
    ).encode()


def big_article(size: int) -> bytes:
    """A real-looking article page of about `size` bytes of text."""
    paragraph = (
        "<p>The harbour authority said the new cranes would double the port's capacity "
        "within two years, and that work on the quay walls starts in the spring. {n}</p>"
    )
    count = size // len(paragraph)
    return hostile_page("A very long report", "".join(paragraph.format(n=n) for n in range(count)))


def alternates_page(paths: list[str]) -> bytes:
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{path}" title="feed {n}">'
        for n, path in enumerate(paths)
    )
    return f"<!doctype html><html><head>{links}</head><body><p>x</p></body></html>".encode()


def dateless_guid_feed(guids: tuple[str, ...] | list[str] = DATELESS_GUIDS) -> bytes:
    """Items with guids and no dates: no reader may take a guid for a date."""
    items = [
        f"<item><title>Undated {guid}</title><link>http://example.test/u/{n}</link>"
        f"<guid isPermaLink='false'>{guid}</guid></item>"
        for n, guid in enumerate(guids)
    ]
    return hostile_feed("Dateless", items)


def fence_feed() -> bytes:
    """An item whose only text is FENCE_BREAKOUT (read through the feed fallback)."""
    item = (
        "<item><title>Code sample</title><link>http://127.0.0.1:9/fence</link>"
        f"<guid>fence</guid><description>{_escape_xml(FENCE_BREAKOUT)}</description></item>"
    )
    return hostile_feed("Fences", [item])


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
            hostile_page("Links", "<p>" + "Words of the article. " * 40 + "</p>" + _links_html())
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
        self.answers = {**RAW_ANSWERS, **self.answers}
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


RAW_FEED = rss("Raw", 2, prefix="raw")
RAW_ANSWERS: dict[str, bytes | None] = {
    "/silent": None,
    "/bad-chunk": raw_response(b"zz\r\nabc\r\n", {"Transfer-Encoding": "chunked"}),
    "/short-content-length": raw_response(b"<rss>", {"Content-Length": 1000}),
    "/huge-content-length": raw_response(RAW_FEED, {"Content-Length": HUGE_NUMBER}),
    # 200 KB of headers: 3,200 lines of 64 bytes, then one line of 200 KB.
    "/headers-200k": raw_response(
        RAW_FEED,
        {**{f"X-Filler-{n:04d}": "f" * 48 for n in range(3200)}, "Content-Length": len(RAW_FEED)},
    ),
    "/header-line-200k": raw_response(
        RAW_FEED, {"X-Huge": "h" * 200 * 1024, "Content-Length": len(RAW_FEED)}
    ),
}
