"""The headline of a story link, as a reader would read it off the card.

A card's link often wraps a picture, its caption, a section kicker, a date and a
screen-reader label around the headline; the headline is the card's heading or
"title" element when there is one, else the visible text without all that.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from tui_news.core.text import squash, word_set
from tui_news.reader.hidden import hides

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_JUNK_TAGS = word_set("figure figcaption picture img svg time script style noscript button")
_BLOCK_TAGS = word_set("div p li ul ol h1 h2 h3 h4 h5 h6 header footer section article figure span")
CLASS_SPLIT = r"(?:^|[\s_-])"
CLASS_END = r"(?:$|[\s_-])"
_JUNK_CLASS_RE = re.compile(
    CLASS_SPLIT + r"(caption|credit|kicker|label|tags?|category|section|byline|author|date"
    r"|time|timestamp|duration|off-?screen|sr-only|visually-hidden|screen-?reader|hidden|invisible"
    r"|capsule|badge|flag|icon|count|comments?|eyebrow|overline|rubric|attribution"
    r"|provider|source|summary|standfirst|description|excerpt|teaser-text|rank|ranking"
    r"|number|position|blurb|dek|deck|subtitle|strapline|lede|intro)" + CLASS_END,
    re.IGNORECASE,
)
_TITLE_CLASS_RE = re.compile(
    CLASS_SPLIT + r"(title|headline|heading|hed|title-text|headline-text)" + CLASS_END,
    re.IGNORECASE,
)


def context_title(anchor: HtmlElement, title: str) -> str:
    """ "Chris Evans [goes to Washington]": a list item's text when only part of it is linked."""
    parent = anchor.getparent()
    if parent is None or parent.tag not in ("li", "p") or len(parent.findall(".//a")) != 1:
        return title
    context = visible_text(parent)
    if len(context) <= 150 and len(title) < 0.7 * len(context):
        return context
    return title


def anchor_title(anchor: HtmlElement) -> tuple[str, bool]:
    """The headline of a link: its heading or title element if any, else its visible text."""
    pieces, from_heading = anchor_title_pieces(anchor)
    return squash(" ".join(pieces)), from_heading


def anchor_title_pieces(anchor: HtmlElement) -> tuple[list[str], bool]:
    """`anchor_title` cut where the markup cuts it (a kicker element, then the headline).

    Of several headings in a link, a one- or two-word one ("Urteil" in an <h4>) is the
    category over the card's real headline in the next."""
    first: list[str] = []
    for element in anchor.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        classes = _classes(element)
        if _TITLE_CLASS_RE.search(classes) and _JUNK_CLASS_RE.search(classes):
            continue  # "asset-headline-intro": the kicker before the headline
        if element.tag in HEADING_TAGS or _TITLE_CLASS_RE.search(classes):
            pieces = visible_pieces(element)
            if pieces and len(" ".join(pieces).split()) >= 3:
                return pieces, True
            first = first or pieces
    pieces = visible_pieces(anchor)
    if first and len(pieces) >= 2 and pieces[0] == " ".join(first):
        return pieces[1:], False  # <a><h4>Fotorecht</h4>Das berechtigte Interesse …</a>
    if first:
        return first, True
    return pieces, False


def is_title_element(element: HtmlElement) -> bool:
    """Marked as a title by its class ("card__title", "headline")."""
    classes = _classes(element)
    return _TITLE_CLASS_RE.search(classes) is not None and not _JUNK_CLASS_RE.search(classes)


def visible_text(element: HtmlElement) -> str:
    """Text without pictures, captions, kickers, dates and screen-reader labels."""
    return squash(" ".join(visible_pieces(element)))


def visible_pieces(element: HtmlElement) -> list[str]:
    """The visible text, cut where the markup puts a block or span boundary: a card's
    "WORLD" kicker, "3" rank and headline come out as separate pieces."""
    parts: list[str] = []
    _collect(element, parts, root=True)
    pieces = (squash(piece) for piece in "".join(parts).split(_CUT))
    return [piece for piece in pieces if piece]


_CUT = "\x00"


def _collect(element: HtmlElement, parts: list[str], *, root: bool = False) -> None:
    if not root and (
        element.tag in _JUNK_TAGS or _JUNK_CLASS_RE.search(_classes(element)) or hides(element)
    ):
        return
    spaced = element.tag in _BLOCK_TAGS or element.tag == "br"
    if spaced:
        parts.append(_CUT)
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _collect(child, parts)
        parts.append(child.tail or "")
    if spaced:
        parts.append(_CUT)


def _classes(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"
