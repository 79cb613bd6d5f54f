"""Hostile text → text that is safe to put on a terminal.

Feed titles reach the screen verbatim, so anything a terminal would act on must go:
escape sequences (colour, cursor moves, OSC 52 clipboard writes, OSC 8 hyperlinks,
window-title changes), every other C0/C1 control, and the invisible Unicode format
characters that reorder or hide text (bidi overrides and isolates, "tag" characters).
Rich markup such as ``[bold]`` is left as literal text on purpose: the UI must never
interpret feed text as markup, and silently eating brackets would corrupt real titles.
"""

from __future__ import annotations

import html
import re

# A whole escape sequence, so that its payload (an OSC 52 clipboard text, an OSC 8
# URL) never survives as visible junk. String sequences (OSC, DCS, SOS, PM, APC, in
# their 7-bit and 8-bit forms) run to BEL or ST; an unterminated one is cut at the
# end of its line, where a terminal would still be swallowing it.
_ESCAPE_RE = re.compile(
    r"""
      (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])  # string introducers
      [^\x07\x1b\x9c\n]*                       # payload
      (?:\x07|\x1b\\|\x9c|(?=\n)|$)            # terminator
    | (?:\x1b\[|\x9b)                          # CSI (7-bit and 8-bit)
      [\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?     # parameters, intermediates, final
    | \x1b[\x20-\x2f]*[\x30-\x7e]?             # any other escape (nF, Fp, Fe, Fs)
    """,
    re.VERBOSE,
)

# Bidi embeddings/overrides/isolates and marks, which reorder what the reader sees,
# lone surrogates (SQLite cannot store them) and the two non-characters.
REORDERING = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
# The rest of Unicode's invisible format characters (category Cf). ZWNJ and ZWJ
# (U+200C, U+200D) are kept: Persian, Indic scripts and emoji need them.
INVISIBLE = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u2060-\u2064"
    "\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_LINE_STRIP_RE = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f{REORDERING}{INVISIBLE}]")
SPACE_RE = re.compile(r"\s+")
# What every escape sequence starts with. Looked for one character at a time: `in` is a
# C scan of the string, where a character class walks a 200 kB page ten times slower.
_ESCAPE_STARTS = "\x1b\x90\x98\x9b\x9d\x9e\x9f"
# Messages keep their tabs and line breaks; CR goes, since it lets text overwrite a line.
_MESSAGE_STRIP_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{REORDERING}{INVISIBLE}]")

# Tag-shaped text only: "a < b" and "x<y" in a plain-text title are left alone.
_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>")
# Only ever applied up to the last "-->", so that no "<!--" scans to the end in vain
# (which made unclosed comments quadratic); an unclosed one is left as text.
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
# Tags that separate words; every other tag (b, i, a, span …) sits inside a word.
_BREAKING_TAGS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "dd", "dt", "dl", "tr", "td", "th", "table", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article"}
    | {"header", "footer", "figure", "figcaption", "img"}
)


ELLIPSIS = "…"


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences, payload included."""
    if not any(start in text for start in _ESCAPE_STARTS):
        return text
    return _ESCAPE_RE.sub("", text)


def clean_message(text: str) -> str:
    """Text the app itself writes to a terminal (errors, listings), made inert.

    Unlike `clean_line` it leaves tags, entities and line breaks alone: a message such
    as "cannot read <stdin>" must print as written. It is the last line of defence for
    text that embeds what a server sent (a reason phrase, a Content-Type, a URL).
    """
    if text.isascii() and text.isprintable():
        return text
    return _MESSAGE_STRIP_RE.sub("", strip_escapes(text))


def clean_line(text: str | None, *, max_length: int = 500) -> str:
    """One line of safe plain text from a title, author or feed name.

    Escape sequences go before tags (an OSC payload may hold a ">"), and again after
    entities are decoded, because `&#x1b;` would turn back into an ESC.
    """
    if not text:
        return ""
    if text.isascii() and text.isprintable() and "<" not in text and "&" not in text:
        # The common case, and nothing in it a terminal could act on.
        return truncate(squash(text), max_length)
    text = strip_escapes(text)
    if "<" in text:
        text = _TAG_RE.sub(_replace_tag, _strip_comments(text))
    if "&" in text:
        text = strip_escapes(html.unescape(text))
    text = _LINE_STRIP_RE.sub("", text)
    text = squash(text)
    return truncate(text, max_length)


def _strip_comments(text: str) -> str:
    end = text.rfind("-->") + 3
    if end < 3 or "<!--" not in text:
        return text
    return _COMMENT_RE.sub("", text[:end]) + text[end:]


def _replace_tag(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    return " " if name in _BREAKING_TAGS else ""


def squash(text: str) -> str:
    """Each run of white space as one space, none at either end."""
    return " ".join(text.split())


_WORD_RE = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of `text`: its runs of letters, digits and underscores (Unicode), in
    order; what a search matches and what titles are compared by."""
    return _WORD_RE.findall(text)


def truncate(text: str, max_length: int) -> str:
    """Cut `text` to at most `max_length` characters, marking the cut with an ellipsis."""
    if len(text) <= max_length:
        return text
    if max_length <= 1:
        return ELLIPSIS[:max_length]
    return text[: max_length - 1].rstrip() + ELLIPSIS


def word_set(names: str) -> frozenset[str]:
    """The whitespace-separated words of `names`: for writing vocabularies compactly."""
    return frozenset(names.split())


_NON_WORD_RE = re.compile(r"\W+")


def fold(text: str, *, sep: str = "") -> str:
    """Lower-case letters and digits only, runs of anything else replaced by `sep`: for
    comparing names and titles, never for showing them."""
    return _NON_WORD_RE.sub(sep, text).strip().lower()


_ANY_TAG_RE = re.compile(r"<[^<>]*>")


def plain_text(html: str) -> str:
    """Crude tag stripping, good enough for the search index and a one-line summary."""
    return squash(_ANY_TAG_RE.sub(" ", html))
