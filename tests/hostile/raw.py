"""A server that answers with fixed raw bytes (127.0.0.1 only), for what no HTTP library
would send: broken chunking, lying lengths, 200 KB of headers (`RAW_ANSWERS`)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field

from tests.hostile.documents import HUGE_NUMBER, rss


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
