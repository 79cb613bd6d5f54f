"""Content-Encoding (gzip, deflate) decoded as a body streams in, bounded by a size cap.

Decoding is incremental so that a gzip bomb stops at the cap rather than after it has
filled memory; the fetcher counts what comes out, and what goes in (`compressed_cap`):
a stream of empty gzip members decodes to nothing at all, forever.
"""

from __future__ import annotations

import zlib
from typing import Any

from tui_news.core.net.errors import FetchError

_GZIP_MAGIC = b"\x1f\x8b"
# Concatenated gzip members are legal, but members that hold nothing are only ever a
# way to make us work for no text: past this many, the body is refused.
MAX_EMPTY_MEMBERS = 64


def compressed_cap(cap: int) -> int:
    """The most compressed bytes a body of at most `cap` decoded bytes can take: data
    that does not compress grows by about 0.03% in gzip, plus the headers."""
    return cap + cap // 100 + 1024


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
        self._member_size = 0  # decoded bytes of the current gzip member
        self._empty_members = 0

    @property
    def ended(self) -> bool:
        """The compressed data is complete: whatever else the server sends is junk."""
        return self._ended

    def feed(self, data: bytes) -> list[bytes]:
        if self._zlib is None:
            return [data]
        out: list[bytes] = []
        limit = self.cap + 1
        while data and not self._ended:
            if self._zlib.eof:
                data = self._next_member(data)
                continue
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
            self._member_size += len(piece)
            out.append(piece)
            if len(piece) >= limit:
                break  # the caller sees the cap exceeded and stops
            if self._zlib.eof:
                self._member_ended()
                data = self._zlib.unused_data
            else:
                data = self._zlib.unconsumed_tail
        return out

    def _member_ended(self) -> None:
        if self._member_size == 0:
            self._empty_members += 1
            if self._empty_members > MAX_EMPTY_MEMBERS:
                raise FetchError(
                    f"corrupt {self.encoding} body: more than {MAX_EMPTY_MEMBERS} empty members",
                    kind="network",
                )
        self._member_size = 0

    def _next_member(self, rest: bytes) -> bytes:
        """After a complete stream: another gzip member (concatenated), or junk to drop."""
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
