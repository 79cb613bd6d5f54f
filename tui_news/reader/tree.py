"""Small edits to trafilatura's XML tree that keep the text around them whole."""

from __future__ import annotations

from lxml.etree import _Element

from tui_news.core.text import SPACE_RE, squash


def squeeze_whitespace(element: _Element) -> None:
    """Link text on one line: a multi-line label breaks the Markdown link."""
    for node in element.iter():
        if node.text:
            node.text = SPACE_RE.sub(" ", node.text)
        if node is not element and node.tail:
            node.tail = SPACE_RE.sub(" ", node.tail)
    if element.text and element.text != element.text.lstrip():
        # "pushes<a> sketchy loans</a>": the space leaves the label but stays in the text.
        element.text = element.text.lstrip()
        space_before(element)


def space_before(element: _Element) -> None:
    """A space before `element`, unless the text before it ends with one (or is none)."""
    previous = element.getprevious()
    parent = element.getparent()
    if previous is not None:
        if previous.tail and not previous.tail[-1].isspace():
            previous.tail += " "
        elif not previous.tail and previous.tag != "lb":
            previous.tail = " "
    elif parent is not None and parent.text and not parent.text[-1].isspace():
        parent.text += " "


def unwrap(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    text = (element.text or "") + "".join(
        (child.text or "") + (child.tail or "") for child in element
    )
    append_text(element, text + (element.tail or ""))
    parent.remove(element)


def remove(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        append_text(element, element.tail)
    parent.remove(element)


def append_text(element: _Element, text: str) -> None:
    """Put `text` where `element` is, before it goes."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        if parent is not None:
            parent.text = (parent.text or "") + text


def element_text(element: _Element) -> str:
    """The element's text as matched: one line, soft hyphens ("illus\xadtra\xadtive") out."""
    return squash("".join(element.itertext()).replace("\xad", ""))
