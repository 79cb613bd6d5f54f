"""Which encoding a subscription file is in: UTF-8, or UTF-16/UTF-32 with or without a mark.

A list saved by Windows tools is often UTF-16 (Notepad's "Unicode", PowerShell's
redirection) and starts with a byte-order mark; some tools (.NET's `Encoding.Unicode`
without its preamble, a few exporters) write it without one. Both are made UTF-8 before
the list is judged, so that its bytes are read as text rather than as broken XML or a
binary file.

Without a mark the encoding is told by the bytes themselves: a list is mostly URLs and
markup, characters below U+0100, so in UTF-16 every other byte (in UTF-32 three of
four) is NUL, on the side the byte order puts it. A file is taken as such only when its
head decodes cleanly in that encoding, holds no control character but white space (so
no U+0000: /dev/zero is not UTF-16) and is mostly below U+0100: a picture or a database
whose bytes happen to alternate with NULs stays a binary file.
"""

from __future__ import annotations

import codecs
import re

from tui_news.core.subscriptions.records import SubscriptionFileError

# UTF-32's marks first: its little-endian one begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
WIDE_BOMS = tuple(bom for bom, _ in _BOMS)
# UTF-32's first again: a UTF-32 text decoded as UTF-16 holds U+0000, so is refused, but
# trying it first costs nothing and keeps the order plain.
_UNMARKED = ("UTF-32-LE", "UTF-32-BE", "UTF-16-LE", "UTF-16-BE")
_SNIFF_BYTES = 8192
_DECLARED_ENCODING = re.compile(r"\A(\s*<\?xml[^>]*?\bencoding\s*=\s*[\"'])[^\"']*(?=[\"'])")
# C0 controls but tab, line feed, vertical tab, form feed and carriage return; DEL and C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def unmarked_wide(head: bytes) -> str | None:
    """The codec ("UTF-16-LE", …) of a head of a file without a byte-order mark that is
    UTF-16 or UTF-32 text, else None (UTF-8, a marked file, or binary)."""
    if b"\x00" not in head or head.startswith(WIDE_BOMS):
        return None
    head = head[:_SNIFF_BYTES]
    for codec in _UNMARKED:
        try:
            # Incremental: the head may end inside a character.
            text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        narrow = sum(1 for char in text if char < "\u0100")
        if text and not _CONTROLS.search(text) and narrow * 2 >= len(text):
            return codec
    return None


def as_utf8(data: bytes) -> bytes:
    """A subscription file's bytes as UTF-8 without a byte-order mark: one in UTF-16 or
    UTF-32 (either byte order, marked or told by its bytes) is decoded, and an XML
    declaration's encoding made to say UTF-8. SubscriptionFileError when the file is not
    text of that encoding after all."""
    codec, marked = _wide_codec(data)
    if codec is None:
        return data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode(codec)  # a marked codec reads the mark's byte order, and drops it
    except UnicodeDecodeError as error:
        said = f"starts with a {codec} byte-order mark" if marked else f"begins as {codec}"
        raise SubscriptionFileError(
            f"the file {said} but is not {codec} text (at byte {error.start})"
        ) from None
    return _DECLARED_ENCODING.sub(r"\g<1>UTF-8", text, count=1).encode("utf-8")


def as_text(data: bytes) -> str:
    """A urls file's text, in whichever of UTF-8, UTF-16 or UTF-32 its mark or its bytes
    say (UTF-8 when neither does); what is not of that encoding is replaced, as a line's
    damage is."""
    codec, _ = _wide_codec(data)
    return data.decode(codec or "UTF-8-sig", errors="replace")


def _wide_codec(data: bytes) -> tuple[str | None, bool]:
    """The UTF-16 or UTF-32 codec `data` is in, and whether a mark said so."""
    marked = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if marked is not None:
        return marked, True
    return unmarked_wide(data[:_SNIFF_BYTES]), False
