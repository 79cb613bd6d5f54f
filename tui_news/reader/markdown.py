"""Markdown in and out: feed HTML → Markdown, Markdown → plain text, and safety.

Everything the reader emits passes through `safe_text`, because page and feed
text is hostile: a terminal escape sequence in a headline must arrive as nothing,
not as a colour change or a clipboard write.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from lxml import html as lxml_html
from lxml.etree import ParserError
from markdownify import MarkdownConverter

from tui_news.core.sanitize import strip_escapes
from tui_news.reader import urls

# C0/C1 controls except tab and newline, bidi overrides/isolates (they reorder
# what the reader sees), lone surrogates and the BOM.
_CONTROLS_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)
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


def tidy(markdown: str) -> str:
    """Normalise whitespace: no trailing spaces, no runs of blank lines, no double spaces.

    Fenced code keeps its spacing.
    """
    parts = re.split(r"(^```.*?^```$)", markdown, flags=re.MULTILINE | re.DOTALL)
    for index in range(0, len(parts), 2):
        chunk = _TRAILING_SPACE_RE.sub("", parts[index])
        chunk = _INNER_SPACES_RE.sub(" ", chunk)
        parts[index] = _BLANK_LINES_RE.sub("\n\n", chunk)
    return "".join(parts).strip()


class _Converter(MarkdownConverter):
    """markdownify with links made absolute and cleaned, and no images."""

    def __init__(self, base: str, **options: Any) -> None:
        super().__init__(**options)
        self.base = base

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        target = urls.resolve(el.get("href"), self.base)
        label = " ".join(text.split())
        if not target or not label:
            return label
        return f"[{label}]({target})"

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return ""


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
        return markup
    for element in root.xpath(" | ".join(f"//{tag}" for tag in _DROP_TAGS)):
        element.drop_tree()
    return lxml_html.tostring(root, encoding="unicode")


_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\))?[^()\s]*)\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|~~|(?<![\w\\])[*_](?=\S)|(?<=\S)[*_](?!\w))")
_HEADING_RE = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_QUOTE_RE = re.compile(r"^>\s?", re.MULTILINE)
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&])")


def to_plain(markdown: str) -> str:
    """What a reader sees of Markdown: link text without targets, no markers.

    Used for word counts, the search index and the quality benchmark.
    """
    text = _IMAGE_RE.sub(r"\1", markdown)
    text = _LINK_RE.sub(r"\1", text)
    text = _HEADING_RE.sub("", text)
    text = _QUOTE_RE.sub("", text)
    text = _EMPHASIS_RE.sub("", text)
    text = text.replace("`", "")
    return _ESCAPE_RE.sub(r"\1", text)
