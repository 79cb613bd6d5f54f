"""Pictures in the text: a line such as "[Photo: A sea otter eats a crab]" where one was.

A terminal cannot show the page's photos, but silence about them loses what they
said: the lead photo and every in-text figure become one Markdown line at their
place, a link whose label is the caption (else the alt text) and whose target is the
image, so that the reader can open it. `figures` finds them in the page and puts the
lines into the extracted text; this module is the line's format, and reads the lines
back out of the Markdown (for the reading pane, the benchmarks and word counts).
Plain Python, no lxml: the UI imports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

LABEL = "Photo"
LEAD_BLOCKS = 3

_LINE_RE = re.compile(
    rf"^\[\\\[{LABEL}: (?P<caption>(?:[^\\\n]|\\.)*)\\\]\]"
    r"\((?P<url><[^>\n]*>|[^\s()]*(?:\([^()\s]*\)[^\s()]*)*)\)$",
    re.MULTILINE,
)
_PLAIN_LINE_RE = re.compile(rf"^\[{LABEL}: [^\n]*\]\n*", re.MULTILINE)
_UNESCAPE_RE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture as the text shows it: its caption and the image's address."""

    caption: str
    url: str


def label(caption: str) -> str:
    """The text of a picture line."""
    return f"[{LABEL}: {caption}]"


def in_markdown(markdown: str) -> Iterator[Picture]:
    """The picture lines of an article's Markdown text, in order."""
    for match in _LINE_RE.finditer(markdown):
        caption = _UNESCAPE_RE.sub(r"\1", match.group("caption"))
        yield Picture(caption, match.group("url").removeprefix("<").removesuffix(">"))


def lead_picture(markdown: str) -> Picture | None:
    """The picture among the article's first `LEAD_BLOCKS` blocks, if any: the one it
    opens with (one further down belongs to the story, not its head)."""
    head = "\n\n".join(markdown.strip().split("\n\n")[:LEAD_BLOCKS])
    return next(in_markdown(head), None)


def without_lines(plain: str) -> str:
    """Plain text (`markdown.to_plain`) without its picture lines."""
    return _PLAIN_LINE_RE.sub("", plain)
