"""Lines of text set loose in a box with `<br>`, a link among their words, made paragraphs.

An article written as lines in a `<div>` or `<section>` ("text<br><br>text (<a>PDF</a>)
text<br>…") loses words in trafilatura when it keeps links: a line's link and every word
after it, up to the next `<br>`, are dropped once the box holds anything else, such as a
heading. Read as a paragraph, the same line keeps them. So each such line, when a link
or other markup sits among its words, is wrapped in a `<p>` before trafilatura reads the
page (as a browser shows it: a line of its own). Lines of plain words are left as they
are: trafilatura reads those whole.
"""

from __future__ import annotations

from lxml.html import HtmlElement

_BOXES = frozenset(("div", "section", "article", "main", "body"))
_MIN_WORDS = 40  # characters of the line's own words, beside its links' text
# Markup a line of text may hold; anything else (a block, a picture) ends the line.
_INLINE = frozenset(
    (
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    )
)


def wrap_loose_lines(root: HtmlElement) -> None:
    """Wrap in `<p>` every line of `root`'s boxes that is set with `<br>` and holds a link."""
    boxes = {id(br.getparent()): br.getparent() for br in root.iter("br")}
    for box in boxes.values():
        if box is not None and box.tag in _BOXES:
            _wrap_lines(box)


def _wrap_lines(box: HtmlElement) -> None:
    """Each run of inline markup between two line ends (a `<br>`, a block) is a line."""
    line: list[HtmlElement] = []
    lead = box.text
    for child in list(box):
        if not isinstance(child.tag, str) or child.tag in _INLINE:  # a comment stays in line
            line.append(child)
            continue
        if line:
            _wrap(box, line, lead)
        line, lead = [], child.tail
    if line:
        _wrap(box, line, lead)


def _wrap(box: HtmlElement, line: list[HtmlElement], lead: str | None) -> None:
    """Wrap `line`, the words before its first element (`lead`) and after its last."""
    links = [element for element in line if element.tag == "a" and element.get("href")]
    words = len((lead or "").strip()) + sum(len((element.tail or "").strip()) for element in line)
    if not links or words < _MIN_WORDS:
        return  # a line of plain words is read whole; a line of links is no prose
    first = line[0]
    previous = first.getprevious()
    paragraph = box.makeelement("p", {})
    first.addprevious(paragraph)
    paragraph.text = lead
    if previous is None:
        box.text = None
    else:
        previous.tail = None
    for element in line:
        paragraph.append(element)  # its tail, the words after it, moves with it
