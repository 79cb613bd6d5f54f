"""Lines of the text read from teaser cards: another story's headline or summary set on the page.

A site sets cards for other stories in and beside the article: an inset "Part 2" card
between its paragraphs (the headline in a link, a line of summary under it), a rail's
heading over its cards, a deal's card. trafilatura drops the linked headline but keeps a
short line that is not a link itself: the summary, a headline set beside its link. The
page shows the card by its shape, not its words: a small box (a few hundred characters)
holding a heading and a link to another page, besides the line itself.

A short block of the text leaves it when every element of the page it may have been read
from (the same first words) sits in such a box. Only a few lines go: a text with more of
them is itself set in cards (a list of products, each a heading, a line and a link), and
nothing is taken that would leave less than an article.
"""

from __future__ import annotations

from urllib.parse import unquote

from lxml.etree import _Element
from lxml.html import HtmlElement

from tui_news.reader.sources import HEADINGS, first_text
from tui_news.reader.tree import element_text, remove

_SHORT = 200  # characters of a block that may be a card's line
_CARD_TEXT = 400  # characters of a card, headline and summary together, white space folded
_CLIMB = 3  # levels above the line where its card may be
_MAX_CARDS = 3  # lines taken at most: more is a text set in cards
_MIN_LEFT = 50  # words the text keeps at least (fallback.MIN_WORDS: less is no article)
_CARD_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def drop_card_lines(body: _Element, root: HtmlElement, page_url: str) -> None:
    """Remove from `body` (trafilatura's XML tree) its short blocks read from teaser cards on
    `root` (the page served from `page_url`, "" when unknown)."""
    short = {
        key: block
        for block in body
        if block.tag in ("p", "head")
        and (key := first_text(block))
        and len(element_text(block)) < _SHORT
    }
    if not short:
        return
    places: dict[str, list[HtmlElement]] = {}
    for element in root.iter("p", *HEADINGS):
        key = first_text(element)
        if key in short:
            places.setdefault(key, []).append(element)
    doomed = [
        short[key]
        for key, sources in places.items()
        if all(_in_card(source, page_url) for source in sources)
    ]
    if not doomed or len(doomed) > _MAX_CARDS:
        return
    taken = sum(len(element_text(block).split()) for block in doomed)
    if len(element_text(body).split()) - taken < _MIN_LEFT:
        return
    for block in doomed:
        remove(block)


def _in_card(source: HtmlElement, page_url: str) -> bool:
    """Is `source` (a paragraph or heading of the page) in a small box with a heading and a
    link to another page (the headline's link, when the box holds a paragraph)? Not a link
    in a paragraph: a link in a sentence is no card's. Not a box with an `h1`: the page's
    own headline, standfirst and section link look alike."""
    box = source
    for _ in range(_CLIMB):
        parent = box.getparent()
        if parent is None:
            return False
        box = parent
        if not _small(box) or next(box.iter("h1"), None) is not None:
            return False  # an `h1` heads the page's own story: its header, not a card
        if next(box.iter(*_CARD_HEADINGS), None) is None:
            continue
        # A line of text under a heading with a link beside it is also a FAQ's answer,
        # a product's verdict, a review's "Verdict" box (a shop's link): a card's line
        # only when its headline is the link to the other story. A heading alone in its
        # box (a rail's, a card without a summary) needs a link only.
        headline_only = _holds_line(box)
        if any(
            _elsewhere(anchor.get("href") or "", page_url)
            for anchor in box.iter("a")
            if (not headline_only or _headline_link(anchor))
            and not any(a is source or a.tag == "p" for a in anchor.iterancestors())
        ):
            return True
    return False


def _headline_link(anchor: HtmlElement) -> bool:
    """Is `anchor` a headline's link: a heading in it, or it in a heading?"""
    return next(anchor.iter(*_CARD_HEADINGS), None) is not None or any(
        a.tag in _CARD_HEADINGS for a in anchor.iterancestors()
    )


def _holds_line(box: HtmlElement) -> bool:
    """Does `box` hold a paragraph with words?"""
    return any(paragraph.text_content().strip() for paragraph in box.iter("p"))


def _small(box: HtmlElement) -> bool:
    """At most _CARD_TEXT characters of text, white space folded. Read until it is more:
    the box over a line of the article is the whole article."""
    size = 0
    for text in box.itertext():
        size += len(" ".join(text.split()))
        if size > _CARD_TEXT:
            return False
    return True


def _elsewhere(href: str, page_url: str) -> bool:
    """A link to another page (links were made absolute; "#…" stays on this one). A link
    that carries this page's address (a share button: "…/intent/tweet?url=<this page>")
    leads to no other story: a live blog sets one under each of its short posts."""
    if not href.startswith(("http://", "https://")):
        return False
    address = href.partition("#")[0]
    if address == page_url:
        return False
    return not page_url or page_url not in unquote(address.partition("?")[2])
