"""What a reader never sees of a page as it loads: markup a browser does not render.

`<template>` is inert, `<noscript>` is a stand-in for scripts, `<svg>` is a drawing; a
`<dialog>` without its `open` attribute is never drawn (the browser's own style gives it
`display: none`); an element with the `hidden` attribute, or an inline style of
`display: none` or `visibility: hidden`, is not shown, nor is anything inside it. Only
what the page says about itself counts (no style sheet is read), so a block hidden by
its class stays, and a closed dialog or a `hidden` one whose inline style sets `display`
is shown.

Two uses, two strictnesses. The article's text is the text as the page shows it, as
Readability reads it: what is hidden as the page loads is cut (`prune`). The related
links are every story the reader can reach on the page: a closed tab's list or a folded
box, hidden by an inline style until a click, is listed, and only what is never rendered
at all (`unrendered_elements`) is not. A closed dialog counts as never rendered: only a
script opens one, and what pages keep there is a sign-up form, a share menu, the site's
menu, never the stories of the page.

`aria-hidden="true"` is no part of this: it hides from screen readers, not from the eye,
and pages put it on visible things (a whole page behind an open overlay, the picture
link beside a card's headline link, a closed drop-down menu).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from tui_news.core.text import word_set

HIDDEN_TAGS = word_set("template noscript svg")
_WHOLE_PAGE = word_set("html body")
# Candidates for the walk below, found in one pass in C: an XPath test per element costs
# less than a Python look at every element's attributes.
_CANDIDATES = etree.XPath(
    "//template | //noscript | //svg | //dialog[not(@open)] | //*[@hidden] | //*[@style]"
)
_UNRENDERED = etree.XPath("//template | //noscript | //svg | //dialog[not(@open)]")


def unrendered_elements(root: HtmlElement) -> set[HtmlElement]:
    """Every element inside a `<template>`, `<noscript>`, `<svg>` or closed `<dialog>`:
    never on screen, whatever the reader clicks."""
    found: set[HtmlElement] = set()
    for element in _UNRENDERED(root):
        if element not in found and hides(element):
            found.update(element.iter())
    return found


def hidden_elements(root: HtmlElement, tops: list[HtmlElement] | None = None) -> set[HtmlElement]:
    """Every element of the page that is not shown, with everything inside it (`tops`:
    `hiding(root)`, when already read)."""
    found: set[HtmlElement] = set()
    for element in hiding(root) if tops is None else tops:
        if element in found:
            continue  # inside a `visibility: visible` under another one
        if visibility_only(element):
            _add_invisible(element, found)
        else:
            found.update(element.iter())
    return found


def hiding(root: HtmlElement) -> list[HtmlElement]:
    """The elements that hide what they hold, in page order, but those inside another
    (inside a `visibility: hidden` one too: a child of it may show itself again)."""
    tops: list[HtmlElement] = []
    current: HtmlElement | None = None  # the last one whose whole inside is hidden
    for element in _CANDIDATES(root):
        if current is not None and _inside(element, current):
            continue
        current = None
        if hides(element):
            tops.append(element)
            if not visibility_only(element):
                current = element
    return tops


def _inside(element: HtmlElement, top: HtmlElement) -> bool:
    return any(ancestor is top for ancestor in element.iterancestors())


def shown(element: HtmlElement) -> Iterator[HtmlElement]:
    """The element and everything inside it that is shown, in page order (a child's
    `visibility: visible` under a `visibility: hidden` aside: a rare case, left out)."""
    stack = [element]
    while stack:
        node = stack.pop()
        if hides(node):
            continue
        yield node
        stack.extend(child for child in reversed(node) if isinstance(child.tag, str))


def prune(root: HtmlElement, tops: list[HtmlElement] | None = None) -> None:
    """Drop from the tree what is not shown but `<noscript>` and `<svg>` (the text
    extractor drops those itself; a picture may be read from them). The tail text of a
    dropped element is visible and stays. `tops`: `hiding(root)`, when already read (and
    still so: no element of it has left the tree since)."""
    for element in hiding(root) if tops is None else tops:
        parent = element.getparent()
        if parent is None or element.tag in ("noscript", "svg"):
            continue
        if visibility_only(element) and any(
            _style(node).get("visibility") == "visible" for node in element.iterdescendants()
        ):
            continue  # a child shows itself again
        _drop(element, parent)


def _drop(element: HtmlElement, parent: HtmlElement) -> None:
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def hides(element: HtmlElement) -> bool:
    """Does the element itself hide what it holds? A page that hides its whole body
    until its scripts have run (against flicker or framing) is read all the same."""
    if element.tag in HIDDEN_TAGS:
        return True
    if element.tag in _WHOLE_PAGE:
        return False
    style = _style(element)
    display = style.get("display")
    if display == "none" or style.get("visibility") in ("hidden", "collapse"):
        return True
    # The attribute (or a dialog's want of `open`) is the browser's own "display: none",
    # which the page's style overrides.
    return (element.get("hidden") is not None or _closed_dialog(element)) and display is None


def _closed_dialog(element: HtmlElement) -> bool:
    return element.tag == "dialog" and element.get("open") is None


def visibility_only(element: HtmlElement) -> bool:
    """Hidden by `visibility` alone, which a child may turn back on."""
    if element.tag in HIDDEN_TAGS or element.get("hidden") is not None or _closed_dialog(element):
        return False
    style = _style(element)
    return style.get("display") != "none" and style.get("visibility") in ("hidden", "collapse")


def _add_invisible(element: HtmlElement, found: set[HtmlElement]) -> None:
    """`visibility: hidden` and all inside it but a child's `visibility: visible`."""
    stack = [element]
    while stack:
        node = stack.pop()
        if node is not element and _style(node).get("visibility") == "visible":
            continue
        found.add(node)
        stack.extend(child for child in node if isinstance(child.tag, str))


def _style(element: HtmlElement) -> dict[str, str]:
    """The inline style's declarations, the last of each property winning."""
    text = element.get("style")
    if not text or ("display" not in text.lower() and "visibility" not in text.lower()):
        return {}
    declarations: dict[str, str] = {}
    for declaration in text.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            value = value.lower().replace("!important", "").replace("! important", "")
            declarations[name.strip().lower()] = value.strip()
    return declarations
