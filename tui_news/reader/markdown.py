"""Markdown in and out: feed HTML → Markdown, Markdown → plain text, and safety.

Everything the reader emits passes through `safe_text`, because page and feed
text is hostile: a terminal escape sequence in a headline must arrive as nothing,
not as a colour change or a clipboard write.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import ParserError
from markdownify import MarkdownConverter

from tui_news.core.text import squash, strip_escapes
from tui_news.reader import urls

# C0/C1 controls except tab and newline, bidi overrides/isolates (they reorder
# what the reader sees), lone surrogates and the BOM.
_CONTROLS_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)
_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_TRAILING_SPACE_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_INNER_SPACES_RE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")

# Elements whose content is never article text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "svg",
    "figure",
    "figcaption",
    "picture",
    "video",
    "audio",
    "head",
)


def safe_text(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep newlines.

    Also NFC-normalise: a page written with decomposed accents ("u" + combining
    diaeresis) must search and compare like one typed on a keyboard.
    """
    text = strip_escapes(text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", _CONTROLS_RE.sub("", text))


# Tokens that bracket a block quote until `quote_marks` renders it. Plain letters,
# because trafilatura's serialiser drops private-use characters and escapes punctuation.
QUOTE_START = "QzNEWSTERMQUOTEOPENzQ"
QUOTE_END = "QzNEWSTERMQUOTECLOSEzQ"
_QUOTE_BLOCK_RE = re.compile(f"{QUOTE_START}(.*?){QUOTE_END}", re.DOTALL)


def quote_marks(text: str) -> str:
    """Turn bracketed quote text into Markdown block quotes ("> " on every line)."""
    if QUOTE_START not in text:
        return text
    text = _QUOTE_BLOCK_RE.sub(_quote, text)
    return text.replace(QUOTE_START, "").replace(QUOTE_END, "")


def _quote(match: re.Match[str]) -> str:
    lines = _BLANK_LINES_RE.sub("\n\n", match.group(1).strip()).split("\n")
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


def defuse_tree(root: Any) -> None:
    """Strip escape sequences and controls from every text node of an lxml tree, in place.

    Done on the tree, before anything escapes Markdown: once "[" has become "\\[",
    an ESC "[2J" sequence no longer looks like one.
    """
    if not _has_unsafe_text(root):
        return  # nearly every page: one scan in C instead of a look at every element
    for element in root.iter():
        if element.text and _UNSAFE_RE.search(element.text):
            element.text = safe_text(element.text)
        if element.tail and _UNSAFE_RE.search(element.tail):
            element.tail = safe_text(element.tail)


# _UNSAFE_RE in UTF-8: the C0 controls and DEL are single bytes, the C1 controls \xc2 and one.
_UNSAFE_BYTES = bytes(code for code in range(32) if chr(code) not in "\t\n\r") + b"\x7f"
_UNSAFE_C1_RE = re.compile(b"\xc2[\x80-\x9f]")


def _has_unsafe_text(root: Any) -> bool:
    """Does any text or tail in the tree hold what `_UNSAFE_RE` finds? (The trees parsed
    here hold no comments, the only other text a walk of the tree would meet.)"""
    text = etree.tostring(root, method="text", encoding="utf-8")
    has_c0 = len(text.translate(None, _UNSAFE_BYTES)) != len(text)
    return has_c0 or _UNSAFE_C1_RE.search(text) is not None


# A fenced code block: it closes with a fence of at least its own length (CommonMark).
_FENCED_RE = re.compile(r"^(`{3,})[^`\n]*\n.*?^\1`*[ \t]*$", re.MULTILINE | re.DOTALL)
_FENCE_OPEN_RE = re.compile(r"^`{3,}", re.MULTILINE)
_BACKTICK_RUN_RE = re.compile(r"`+")
# Markdown block syntax at the start of a line: heading, quote, bullet, ordered item
# ("*" is left out: trafilatura escapes every one, and would double a backslash before it).
_LINE_START_RE = re.compile(
    r"^( {0,3})(?:(#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$))|(\d{1,9})([.)](?=[ \t]|$)))", re.M
)


def tidy(markdown: str) -> str:
    """Normalise whitespace: no trailing spaces, no runs of blank lines, no double spaces.

    Fenced code keeps its spacing.
    """
    parts, start = [], 0
    for fenced in _FENCED_RE.finditer(markdown):
        parts += [_tidy_prose(markdown[start : fenced.start()]), fenced.group()]
        start = fenced.end()
    parts.append(_tidy_prose(markdown[start:]))
    return "".join(parts).strip()


def first_part(markdown: str, size: int) -> tuple[str, str]:
    """`markdown` cut into the first part of about `size` characters and the rest, at a
    paragraph break and never inside a fenced code block (a part must render alone).

    Only the text before the cut is read: the rest of a 5 MB page costs nothing.
    """
    if len(markdown) <= size:
        return markdown, ""
    cut = markdown.rfind("\n\n", 0, size)
    if cut < size // 2:
        cut = markdown.find("\n\n", size, 2 * size)
        if cut < 0:
            # One paragraph longer than two parts: cut it at a line break, else anywhere.
            cut = max(markdown.rfind("\n", 0, size), size // 2)
    head = markdown[:cut]
    closed = 0
    for fenced in _FENCED_RE.finditer(head):
        closed = fenced.end()
    opening = _FENCE_OPEN_RE.search(head, closed)
    if opening is not None:  # the cut fell inside a code block: cut before it, or after it
        block = _FENCED_RE.match(markdown, opening.start())
        cut = opening.start() if opening.start() > 0 else block.end() if block else len(markdown)
    return markdown[:cut].rstrip(), markdown[cut:].lstrip("\n")


def without_code(markdown: str) -> str:
    """The Markdown with its fenced code blocks taken out: what looks like a link in
    code is not one."""
    return _FENCED_RE.sub("", markdown)


def _tidy_prose(chunk: str) -> str:
    chunk = _TRAILING_SPACE_RE.sub("", chunk)
    chunk = _INNER_SPACES_RE.sub(" ", chunk)
    return _BLANK_LINES_RE.sub("\n\n", chunk)


def code_fence(code: str) -> str:
    """A fence that `code` cannot close: longer than any run of backticks in it."""
    longest = max((len(run) for run in _BACKTICK_RUN_RE.findall(code)), default=0)
    return "`" * max(3, longest + 1)


def escape_line_starts(text: str) -> str:
    """Text whose lines must stay text: a line's leading "#", ">", "-" or "1." would
    otherwise start a heading, a quote or a list once the text is Markdown."""
    return _LINE_START_RE.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker, number, closer = match.groups()
    # Only punctuation can be escaped: "1." becomes "1\.", not "\1.".
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{closer}"


class _Converter(MarkdownConverter):
    """markdownify with links made absolute and cleaned, and no images."""

    def __init__(self, base: str, **options: Any) -> None:
        super().__init__(**options)
        self.base = base

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        target = urls.resolve(el.get("href"), self.base)
        label = squash(text)
        if not target or not label:
            return label
        return f"[{label}]({target})"

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return ""

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        # markdownify's fence is always three backticks: a line of them in the code
        # would close it, and what follows would be live Markdown (links, headings).
        text = text.strip("\n")
        if not text:
            return ""
        fence = code_fence(text)
        return f"\n\n{fence}\n{text}\n{fence}\n\n"


def html_to_markdown(markup: str, *, base_url: str = "") -> str:
    """Feed content or summary (an HTML fragment, or plain text) as tidy Markdown."""
    if not markup or not markup.strip():
        return ""
    cleaned = _strip_noise(markup)
    converter = _Converter(
        base_url,
        heading_style="ATX",
        bullets="-",
        escape_misc=True,
        newline_style="backslash",
        strip_document="strip",
    )
    return tidy(safe_text(converter.convert(cleaned)))


def _strip_noise(markup: str) -> str:
    """Drop scripts, media and captions with lxml before markdownify sees the HTML."""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return safe_text(markup)
    # Defused first: dropping an element moves its tail into its neighbour, and lxml
    # refuses to move text that holds an ESC (ValueError).
    defuse_tree(root)
    for element in root.xpath(" | ".join(f"//{tag}" for tag in _DROP_TAGS)):
        element.drop_tree()
    return str(lxml_html.tostring(root, encoding="unicode"))


_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\))?[^()\s]*)\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|~~|(?<![\w\\])[*_](?=\S)|(?<=\S)[*_](?!\w))")
_HEADING_RE = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_QUOTE_PREFIX_RE = re.compile(r"^>\s?", re.MULTILINE)
# trafilatura writes underline, superscript and subscript as HTML; the pane renders its text.
_HTML_TAG_RE = re.compile(r"</?(?:u|sup|sub)>")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&])")
_PARKED = 0xF0000  # a private-use plane: never in page text that reaches us
_PARKED_RE = re.compile("[\U000f0000-\U000f007f]")


_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LITERAL = frozenset("\\`*_{}[]()#+-.!|~<>&")


def _park(code: str) -> str:
    return "".join(chr(_PARKED + ord(c)) if c in _LITERAL else c for c in code)


def to_plain(markdown: str) -> str:
    """What a reader sees of Markdown: link text without targets, no markers.

    Used for word counts, the search index and the quality benchmark.
    """
    # Escaped characters and code spans are literal text: park them where no pattern can
    # see them ("`__init__`" keeps its underscores).
    text = _ESCAPE_RE.sub(lambda m: chr(_PARKED + ord(m.group(1))), markdown)
    text = _CODE_SPAN_RE.sub(lambda m: _park(m.group(2)), text)
    text = _IMAGE_RE.sub(r"\1", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _HEADING_RE.sub("", text)
    text = _QUOTE_PREFIX_RE.sub("", text)
    text = _HTML_TAG_RE.sub("", text)
    text = _EMPHASIS_RE.sub("", text)
    text = text.replace("`", "")
    return _PARKED_RE.sub(lambda m: chr(ord(m.group(0)) - _PARKED), text)


def link_labels(markdown: str) -> str:
    """Markdown with every link replaced by its label, escapes kept, images untouched.

    For output that can hold no hyperlink (a pager): the label reads as text, and the
    link lists printed under the article give the addresses.
    """
    text = _ESCAPE_RE.sub(lambda m: chr(_PARKED + ord(m.group(1))), markdown)

    def label(match: re.Match[str]) -> str:
        image = match.start() > 0 and text[match.start() - 1] == "!"
        return match.group(0) if image else match.group(1)

    text = _LINK_RE.sub(label, text)
    return _PARKED_RE.sub(lambda m: "\\" + chr(ord(m.group(0)) - _PARKED), text)
