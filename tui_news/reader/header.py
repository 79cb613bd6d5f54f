"""The first lines of trafilatura's text that come from the page's header, not the article.

trafilatura often starts the text with what stands over the article: the standfirst, a
kicker, a date line, a note about advertisers, another story's teaser. Those sit in a box
of their own (a `<header>`, a summary block), apart from the box that holds the
article's paragraphs. The page shows it: where the text's first blocks were found, against
the smallest element holding the blocks that follow them. A leading block outside that
element is the header's, unless it sits in a box of the same kind as the text's (an article
set in several boxes alike, its first paragraphs in the first).
"""

from __future__ import annotations

from lxml.etree import _Element
from lxml.html import HtmlElement

from tui_news.reader.tree import remove

_LEADING = 3  # blocks that may belong to the header
_BODY = 5  # blocks after those that show where the article is
_MIN_FOUND = 3  # of those, found on the page: fewer shows nothing
_KEY_CHARS = 40
_MIN_KEY = 10  # characters: a shorter first text is too common to find a block by
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PAGE_BLOCKS = ("p", *_HEADINGS)
_HEADER = ("header", "hgroup")  # HTML's own words for what stands over an article


def drop_header_lines(body: _Element, root: HtmlElement) -> None:
    """Remove from `body` (trafilatura's XML tree) its leading blocks that came from outside
    the box of the article on `root` (the page)."""
    blocks = [block for block in body if _first_text(block)]
    if len(blocks) < _LEADING + _MIN_FOUND:
        return
    wanted = blocks[: _LEADING + _BODY]
    found = _find(root, {_first_text(block) for block in wanted})
    sources = [found.get(_first_text(block)) for block in wanted]
    article = [source for source in sources[_LEADING:] if source is not None]
    if len(article) < _MIN_FOUND:
        return
    box = _common_ancestor(article)
    for block, source in zip(blocks[:_LEADING], sources, strict=False):
        if source is None or box in source.iterancestors() or _alike(source, box):
            return
        if source.tag not in _HEADINGS and not any(
            ancestor.tag in _HEADER for ancestor in source.iterancestors()
        ):
            return  # a paragraph in a box of its own may be the article's first (a lede)
        remove(block)


def _first_text(element: _Element) -> str:
    """A block's first words, the same in trafilatura's copy and on the page."""
    text = (element.text or "").strip()
    if not text:
        text = next((t.strip() for t in element.itertext() if t.strip()), "")
    return text[:_KEY_CHARS] if len(text) >= _MIN_KEY else ""


def _find(root: HtmlElement, keys: set[str]) -> dict[str, HtmlElement]:
    """The page's paragraph or heading that starts with each key (none when two do)."""
    keys.discard("")
    found: dict[str, HtmlElement] = {}
    seen: set[str] = set()
    for element in root.iter(*_PAGE_BLOCKS):
        key = _first_text(element)
        if key not in keys:
            continue
        if key in seen:
            found.pop(key, None)  # twice on the page: which one is not known
        else:
            found[key] = element
            seen.add(key)
    return found


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement:
    shared = set(elements[0].iterancestors())
    for element in elements[1:]:
        shared &= {element, *element.iterancestors()}
    first = elements[0]
    return next((a for a in first.iterancestors() if a in shared), first.getroottree().getroot())


def _alike(source: HtmlElement, box: HtmlElement) -> bool:
    """Do the block's box and the article's, under the element holding both, look alike
    (same tag, same class): one article set in several boxes?"""
    top = _common_ancestor([source, box])
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
