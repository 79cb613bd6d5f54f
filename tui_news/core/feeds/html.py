"""Feed HTML made inert: controls and escapes removed, the markup kept for the reader."""

from __future__ import annotations

import re

from tui_news.core.text import REORDERING, strip_escapes

# Controls that can never be meant as text. Tab/LF/CR survive in HTML (they are
# whitespace there); in a one-line field they fold to spaces.
_HTML_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_HTML_STRIP_RE = re.compile(f"[{_HTML_CONTROLS}{REORDERING}]")


def clean_html(markup: str | None, *, max_length: int = 2_000_000) -> str:
    """Summary or content HTML with every control and escape character removed.

    The markup itself is kept: the reader turns it into Markdown later and never
    hands raw HTML to the terminal. Entities are not decoded here, so an escaped
    control (`&#27;`) stays inert text until the reader converts it, and the reader
    must clean its own output.
    """
    if not markup:
        return ""
    markup = strip_escapes(markup)
    markup = _HTML_STRIP_RE.sub("", markup)
    if len(markup) > max_length:
        markup = markup[:max_length]
    return markup
