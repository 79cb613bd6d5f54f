"""Headings and lists of the article that trafilatura left out, put back in their place.

When trafilatura finds no article element it gathers the page's paragraphs one by one,
and headings and lists are not among what it gathers: an article's "First Quarter",
"Step 2" or list of points vanishes from between two paragraphs it kept. The page shows
where they were. A heading, or a list that is not a box of links, is put back when it
sits between two paragraphs that follow each other in the extracted text, with nothing
else of the page's text between them: it was part of the same run of text.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.etree import _Element
from lxml.html import HtmlElement

from tui_news.core.text import squash
from tui_news.reader import sources

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_LISTS = ("ul", "ol")
# Elements whose text is the page's text, read as one block each.
_BLOCKS = frozenset(("p", "h1", *_HEADINGS, *_LISTS, "dl", "blockquote", "pre", "table"))
_UNSEEN = frozenset(("script", "style", "noscript", "template", "head", "title"))
_MAX_HEADING = 150  # characters: longer is a paragraph set in a heading's type
_MAX_HEADING_LINKED = 0.5  # of a heading's text: more is a link to elsewhere
_MAX_LINKED = 0.5  # of a list's text: more is a box of links (related stories, a menu)
_MAX_ITEM_WORDS = 60
_ENDS = 3  # paragraphs at each end of the text, found on the page to know its box


def restore(body: _Element, root: HtmlElement) -> None:
    """Put back into `body` (trafilatura's XML tree) the headings and lists of `root`
    (the page) that sat between two of its paragraphs, where they sat."""
    places = _paragraph_places(body)
    kept = _kept_texts(body, places)
    box = _article_box(body, root)
    for element in box.iter(*_HEADINGS, *_LISTS):
        # A heading's words are few: looked at first, they rule out the kept ones cheaply.
        if element.tag in _HEADINGS and element_key(element) in kept:
            continue
        if _leads_to_kept(element, places) and _missing(element, kept):
            break
    else:
        return  # nothing missing just before a kept paragraph: the walk below is not needed
    run: list[HtmlElement] = []
    before: int | None = None
    inserts: list[tuple[int, list[HtmlElement]]] = []
    for kind, element in _page_blocks(box, kept):
        if kind == "p":
            key = element_key(element)
            if not key:
                continue  # a spacer
            place = places.get(key)
            if run and before is not None and place == before + 1:
                inserts.append((place, run))
            before, run = place, []
        elif kind == "missing":
            run.append(element)
        else:
            before, run = None, []  # other text between: not the same run
    for place, elements in reversed(inserts):
        for offset, element in enumerate(elements):
            body.insert(place + offset, _as_block(element))


def _article_box(body: _Element, root: HtmlElement) -> HtmlElement:
    """The smallest element of the page holding the text's first and last paragraphs: what
    stood between two of them is in it (the page when they are not found)."""
    paragraphs = [element for element in body if element.tag == "p"]
    ends = paragraphs[:_ENDS] + paragraphs[-_ENDS:]
    found = list(sources.find(root, {sources.first_text(p) for p in ends}).values())
    return sources.common_ancestor(found) if len(found) >= 2 else root


def element_key(element: _Element) -> str:
    return squash("".join(element.itertext()))


def _leads_to_kept(element: HtmlElement, places: dict[str, int], climbs: int = 3) -> bool:
    """Is the next text on the page, after `element`, a kept paragraph? (A cheap first look:
    a heading or list at the end of its box looks past the box.)"""
    for _ in range(climbs):
        if (element.tail or "").strip():
            return False
        following = element.getnext()
        while following is not None and not _has_text(following):
            following = following.getnext()
        if following is not None:
            return following.tag == "p" and element_key(following) in places
        parent = element.getparent()
        if parent is None:
            return False
        element = parent
    return False


def _has_text(element: HtmlElement) -> bool:
    return bool((element.tail or "").strip()) or any(text.strip() for text in element.itertext())


def _kept_texts(body: _Element, paragraphs: dict[str, int]) -> set[str]:
    """The words of every block of the text (`paragraphs`: its paragraphs' already)."""
    others = {element_key(element) for element in body.iter("head", "list", "item")}
    return (others | paragraphs.keys()) - {""}


def _missing(element: HtmlElement, kept: set[str]) -> bool:
    """A heading or list worth putting back, absent from the extracted text."""
    text = element_key(element)
    if not text or text in kept:
        return False
    if any(ancestor.tag == "a" and ancestor.get("href") for ancestor in element.iterancestors()):
        return False  # a teaser card's headline
    if element.tag in _HEADINGS:
        return len(text) <= _MAX_HEADING and not _linked(element, text, _MAX_HEADING_LINKED)
    items = [element_key(item) for item in element.iterchildren("li")]
    return (
        len(items) >= 2
        and all(items)
        and not any(item in kept for item in items)
        and all(len(item.split()) <= _MAX_ITEM_WORDS for item in items)
        and not _linked(element, text, _MAX_LINKED)
        and not any(child.tag in _LISTS for item in element for child in item.iter())
    )


def _linked(element: HtmlElement, text: str, share: float) -> bool:
    linked = sum(len(element_key(a)) for a in element.iter("a") if not _anchor_only(a))
    return linked > share * len(text)


def _anchor_only(anchor: HtmlElement) -> bool:
    """`<a name="the-hypothesis">`: a place in the page to link to, not a link."""
    return anchor.get("href") is None and (anchor.get("name") or anchor.get("id")) is not None


def _paragraph_places(body: _Element) -> dict[str, int]:
    """A kept paragraph's text → its place among the body's blocks (the first, if repeated)."""
    places: dict[str, int] = {}
    for index, element in enumerate(body):
        if element.tag == "p":
            places.setdefault(element_key(element), index)
    return places


def _page_blocks(root: HtmlElement, kept: set[str]) -> Iterator[tuple[str, HtmlElement]]:
    """The page's text in reading order, as ("p" | "missing" | "other", element): a block,
    or loose text outside any block (then the element whose text or tail it is)."""
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        tag = element.tag
        if event == "start":
            if tag in _UNSEEN:
                walk.skip_subtree()
                continue
            if tag in _BLOCKS:
                walk.skip_subtree()
                if tag == "p":
                    yield "p", element
                elif tag in _HEADINGS or tag in _LISTS:
                    yield ("missing" if _missing(element, kept) else "other"), element
                elif element_key(element):
                    yield "other", element
            elif (element.text or "").strip():
                yield "other", element
        elif (element.tail or "").strip():
            yield "other", element


def _as_block(element: HtmlElement) -> _Element:
    """The heading or list as trafilatura writes one (text only: links stay on the page)."""
    if element.tag in _HEADINGS:
        head = etree.Element("head", rend=element.tag)
        head.text = element_key(element)
        return head
    listing = etree.Element("list", rend=element.tag)
    for item in element.iterchildren("li"):
        etree.SubElement(listing, "item").text = element_key(item)
    return listing
