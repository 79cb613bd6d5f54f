"""What a page declares about its article in schema.org JSON-LD: its date, its text.

Many sites draw the article with scripts and leave the page's HTML with little more than
a picture's caption; the same sites often declare the whole text as `articleBody`.
"""

from __future__ import annotations

import html
import json

from lxml.html import HtmlElement

from tui_news.core.text import strip_escapes
from tui_news.reader import markdown

_JSONLD = '//script[@type="application/ld+json"]/text()'
_MAX_DEPTH = 8
_MAX_ITEMS = 50
# Characters of declared text read, more than any article holds (some 80,000 words): each
# line is a paragraph to convert, and 600,000 lines (a hostile page's 5 MB) took 30 s.
_MAX_TEXT = 500_000


def declared(root: HtmlElement, key: str) -> str | None:
    """The first string under `key` in the page's JSON-LD, or None."""
    for script in root.xpath(_JSONLD):
        try:
            found = find_key(json.loads(script), key)
        except (ValueError, RecursionError):
            # A page's broken JSON is its own business; so is JSON nested past what
            # Python's reader recurses into ("[" * 100_000), which it refuses that way.
            continue
        if isinstance(found, str):
            return found
    return None


def find_key(node: object, key: str, depth: int = 0) -> object:
    """The first value under `key` anywhere in parsed JSON (bounded: pages are hostile)."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, dict):
        if key in node:
            return node[key]
        node = list(node.values())
    if isinstance(node, list):
        for item in node[:_MAX_ITEMS]:
            found = find_key(item, key, depth + 1)
            if found is not None:
                return found
    return None


def article_text(root: HtmlElement) -> str:
    """The declared `articleBody` as Markdown, a paragraph per line ("" when none)."""
    # Escapes go before anything reads the text, as on the page (parse_html): JSON hides
    # them from that first pass as "\u001b".
    body = strip_escapes(declared(root, "articleBody") or "")
    marked_up = "</p>" in body
    if len(body) > _MAX_TEXT:
        line_end = body.rfind("\n", 0, _MAX_TEXT)
        body = body[: line_end if line_end > 0 else _MAX_TEXT]
    if not marked_up:  # plain text: its lines are its paragraphs
        body = "".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip())
    return markdown.html_to_markdown(body) if body.strip() else ""
