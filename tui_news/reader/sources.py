"""Where the blocks of trafilatura's text stand on the page they were read from.

trafilatura's text is a new tree: its blocks keep the page's words, not its elements. A
block is found again by its first words (the same in both: trafilatura copies text nodes
as they are), among the page's paragraphs, headings and list items.
"""

from __future__ import annotations

from lxml.etree import _Element
from lxml.html import HtmlElement

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PAGE_BLOCKS = ("p", *HEADINGS)
_KEY_CHARS = 40
_MIN_KEY = 10  # characters: a shorter first text is too common to find a block by


def first_text(element: _Element) -> str:
    """A block's first words, the same in trafilatura's copy and on the page ("" if short)."""
    text = (element.text or "").strip()
    if not text:
        text = next((t.strip() for t in element.itertext() if t.strip()), "")
    return text[:_KEY_CHARS] if len(text) >= _MIN_KEY else ""


def find(root: HtmlElement, keys: set[str]) -> dict[str, HtmlElement]:
    """The page's paragraph or heading that starts with each key (none when two do)."""
    keys.discard("")
    found: dict[str, HtmlElement] = {}
    seen: set[str] = set()
    for element in root.iter(*_PAGE_BLOCKS):
        key = first_text(element)
        if key not in keys:
            continue
        if key in seen:
            found.pop(key, None)  # twice on the page: which one is not known
        else:
            found[key] = element
            seen.add(key)
    return found


def common_ancestor(elements: list[HtmlElement]) -> HtmlElement:
    """The smallest element holding all of `elements` (not one of them)."""
    shared = set(elements[0].iterancestors())
    for element in elements[1:]:
        shared &= {element, *element.iterancestors()}
    first = elements[0]
    return next((a for a in first.iterancestors() if a in shared), first.getroottree().getroot())
