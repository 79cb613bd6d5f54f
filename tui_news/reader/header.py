"""The first lines of trafilatura's text that come from the page's header, not the article.

trafilatura often starts the text with what stands over the article: the standfirst, a
kicker, a date line, a list of the story's date, section and comment count, a note about
advertisers, another story's teaser. Those sit in a box of their own (a `<header>`, a
summary block), apart from the box that holds the article's paragraphs. The page shows it:
where the text's first blocks were found, against the smallest element holding the blocks
that follow them. A leading block outside that element is the header's, unless it sits in
a box of the same kind as the text's (an article set in several boxes alike, its first
paragraphs in the first), or it is a paragraph outside a `<header>` (a lede may stand in a
box of its own).
"""

from __future__ import annotations

from lxml.etree import _Element
from lxml.html import HtmlElement

from tui_news.reader.sources import HEADINGS, common_ancestor, find, first_text
from tui_news.reader.tree import remove

_LEADING = 3  # blocks that may belong to the header
_BODY = 5  # blocks after those that show where the article is
_MIN_FOUND = 3  # of those, found on the page: fewer shows nothing
_HEADER = ("header", "hgroup")  # HTML's own words for what stands over an article
# Blocks that are never an article's lede: a heading, a list (a date, a section, a count of
# comments, set as a list over the story).
_OWN_BOXES = (*HEADINGS, "ul", "ol")


def drop_header_lines(body: _Element, root: HtmlElement) -> None:
    """Remove from `body` (trafilatura's XML tree) its leading blocks that came from outside
    the box of the article on `root` (the page)."""
    blocks = [block for block in body if first_text(block)]
    if len(blocks) < _LEADING + _MIN_FOUND:
        return
    wanted = blocks[: _LEADING + _BODY]
    found = find(root, {first_text(block) for block in wanted})
    sources = [found.get(first_text(block)) for block in wanted]
    article = [source for source in sources[_LEADING:] if source is not None]
    if len(article) < _MIN_FOUND:
        return
    box = common_ancestor(article)
    for block, source in zip(blocks[:_LEADING], sources, strict=False):
        if source is None and block.tag == "list":
            source = _list_source(root, block)
        if source is None or box in source.iterancestors() or _alike(source, box):
            return
        if source.tag not in _OWN_BOXES and not any(
            ancestor.tag in _HEADER for ancestor in source.iterancestors()
        ):
            return  # a paragraph in a box of its own may be the article's first (a lede)
        remove(block)


def _list_source(root: HtmlElement, block: _Element) -> HtmlElement | None:
    """The page's list that `block` (a list of the text) was read from: the one list whose
    first item starts with the same words."""
    item = next(block.iter("item"), None)
    key = first_text(item) if item is not None else ""
    if not key:
        return None
    found = [li for li in root.iter("li") if first_text(li) == key]
    return found[0].getparent() if len(found) == 1 else None


def _alike(source: HtmlElement, box: HtmlElement) -> bool:
    """Do the block's box and the article's, under the element holding both, look alike
    (same tag, same class): one article set in several boxes?"""
    top = common_ancestor([source, box])
    one, other = _under(source, top), _under(box, top)
    return one.tag == other.tag and (one.get("class") or "") == (other.get("class") or "")


def _under(element: HtmlElement, top: HtmlElement) -> HtmlElement:
    """The child of `top` that holds `element` (`element` itself when it is that child)."""
    child = element
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        child = ancestor
    return child
