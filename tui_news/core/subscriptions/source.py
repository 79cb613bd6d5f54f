"""Reading a subscription file (OPML or a newsboat urls list) with limits.

`newsterm import /dev/zero` must not read until memory runs out, nor `import -` read
gigabytes of a binary stream before saying it is one: the head is judged first, and at
most `MAX_LIST_BYTES` are read.

Text in UTF-16 or UTF-32 holds NUL bytes, marked or not: the head is a binary file's
only when `encodings.unmarked_wide` does not read it as such text.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from tui_news.core.subscriptions.encodings import WIDE_BOMS, unmarked_wide
from tui_news.core.subscriptions.records import SubscriptionFileError

# Ten times the largest list seen in use (an OPML of 100,000 feeds is about 20 MB).
MAX_LIST_BYTES = 64 * 1024 * 1024
_HEAD = 8192
_CHUNK = 1024 * 1024


def read_list(stream: BinaryIO, *, limit: int = MAX_LIST_BYTES) -> bytes:
    """The bytes of a subscription file; SubscriptionFileError when it is binary or
    larger than `limit`, decided as soon as the bytes read say so."""
    head = stream.read(_HEAD)
    if b"\x00" in head and not head.startswith(WIDE_BOMS) and unmarked_wide(head) is None:
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
