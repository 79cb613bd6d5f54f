"""Reading a subscription file (OPML or a newsboat urls list) with limits.

`newsterm import /dev/zero` must not read until memory runs out, nor `import -` read
gigabytes of a binary stream before saying it is one: the head is judged first, and at
most `MAX_LIST_BYTES` are read.

A list saved by Windows tools is often UTF-16 (Notepad's "Unicode", PowerShell's
redirection) and starts with a byte-order mark: `as_utf8` makes it UTF-8 before it is
judged, so that its bytes are read as text rather than as broken XML or a binary file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO

from tui_news.core.subscriptions.records import SubscriptionFileError

# Ten times the largest list seen in use (an OPML of 100,000 feeds is about 20 MB).
MAX_LIST_BYTES = 64 * 1024 * 1024
_HEAD = 8192
_CHUNK = 1024 * 1024
# UTF-32's marks first: its little-endian one begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_WIDE_BOMS = tuple(bom for bom, _ in _BOMS)
_DECLARED_ENCODING = re.compile(r"\A(\s*<\?xml[^>]*?\bencoding\s*=\s*[\"'])[^\"']*(?=[\"'])")


def read_list(stream: BinaryIO, *, limit: int = MAX_LIST_BYTES) -> bytes:
    """The bytes of a subscription file; SubscriptionFileError when it is binary or
    larger than `limit`, decided as soon as the bytes read say so."""
    head = stream.read(_HEAD)
    if b"\x00" in head and not head.startswith(_WIDE_BOMS):
        raise SubscriptionFileError("this is a binary file, not an OPML file or a urls list")
    parts, size = [head], len(head)
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
    raise SubscriptionFileError(f"the file is larger than {limit // (1024 * 1024)} MB")


def read_source(source: Path | BinaryIO) -> bytes:
    """The bytes of a subscription file (a path, or a stream such as stdin), read as
    `read_list` reads: every import reads its list here. OSError when the file cannot be
    opened or read; SubscriptionFileError when it is binary or too large."""
    if not isinstance(source, Path):
        return read_list(source)
    with source.open("rb") as file:
        return read_list(file)


def as_utf8(data: bytes) -> bytes:
    """A subscription file's bytes as UTF-8 without a byte-order mark: one marked UTF-16
    or UTF-32 (either byte order) is decoded, and an XML declaration's encoding made to
    say UTF-8. SubscriptionFileError when the marked file is not text of that encoding."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # the codec reads the mark's byte order, and drops it
            except UnicodeDecodeError as error:
                raise SubscriptionFileError(
                    f"the file starts with a {codec} byte-order mark but is not {codec} text"
                    f" (at byte {error.start})"
                ) from None
            return _DECLARED_ENCODING.sub(r"\g<1>UTF-8", text, count=1).encode("utf-8")
    return data.removeprefix(codecs.BOM_UTF8)


def as_text(data: bytes) -> str:
    """A urls file's text, in whichever of UTF-8, UTF-16 or UTF-32 its mark says (UTF-8
    without one); what is not of that encoding is replaced, as a line's damage is."""
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), "UTF-8-sig")
    return data.decode(codec, errors="replace")
