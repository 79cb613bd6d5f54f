"""Content-Encoding (gzip, deflate) decoded as a body streams in, bounded by a size cap.

Decoding is incremental so that a gzip bomb stops at the cap rather than after it has
filled memory; the fetcher counts what comes out.
"""

from __future__ import annotations

import zlib
from typing import Any

from tui_news.core.net.errors import FetchError

_GZIP_MAGIC = b"\x1f\x8b"


class BodyDecoder:
    """Incremental gzip/deflate decoding that never produces much more than `cap` bytes.

    Like browsers, it ignores junk after the compressed data (some servers pad it), but
    compressed data that stops before its end is an error: the document is cut short.
    """

    def __init__(self, encoding: str, cap: int) -> None:
        self.encoding = encoding.strip().lower()
        self.cap = cap
        if self.encoding in ("", "identity"):
            self._zlib: Any = None
        elif self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib header
        elif self.encoding == "deflate":
            self._zlib = zlib.decompressobj(wbits=15)
        else:
            raise FetchError(f"unsupported content encoding {encoding!r}", kind="network")
        self._first = True
        self._fed = False  # the current stream has been given data
        self._ended = False  # the data is complete; what follows is junk

    def feed(self, data: bytes) -> list[bytes]:
        if self._zlib is None:
            return [data]
        out: list[bytes] = []
        limit = self.cap + 1
        while data and not self._ended:
            self._fed = True
            try:
                piece = self._zlib.decompress(data, limit)
            except zlib.error as error:
                if self._first and self.encoding == "deflate":
                    # Many servers send raw deflate under "deflate"; retry that way once.
                    self._zlib = zlib.decompressobj(wbits=-15)
                    self._first = False
                    continue
                raise FetchError(f"corrupt {self.encoding} body: {error}", kind="network") from None
            self._first = False
            out.append(piece)
            if len(piece) >= limit:
                break  # the caller sees the cap exceeded and stops
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                data = self._next_member(self._zlib.unused_data)
        return out

    def _next_member(self, rest: bytes) -> bytes:
        """After a complete stream: another gzip member (concatenated), or junk to drop."""
        if not rest:
            return b""  # the next chunk decides
        if self.encoding != "deflate" and _GZIP_MAGIC.startswith(rest[:2]):
            self._zlib = zlib.decompressobj(wbits=47)
            return rest
        self._ended = True
        return b""

    def flush(self) -> bytes:
        if self._zlib is None:
            return b""
        tail = bytes(self._zlib.flush())
        if self._fed and not self._zlib.eof:
            raise FetchError(
                f"response body was cut short (incomplete {self.encoding} data)", kind="network"
            )
        return tail
