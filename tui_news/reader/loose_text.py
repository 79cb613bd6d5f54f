"""Markup that makes trafilatura drop an article's words, set right before it reads the page.

Lines of text set loose in a box with `<br>`, a link among their words: an article written
as lines in a `<div>` or `<section>` ("text<br><br>text (<a>PDF</a>) text<br>…") loses
words in trafilatura when it keeps links: a line's link and every word after it, up to
the next `<br>`, are dropped once the box holds anything else, such as a heading. Read
as a paragraph, the same line keeps them. So each such line, when a link sits among its
words, is wrapped in a `<p>` (as a browser shows it: a line of its own). Lines of plain
words are left as they are: trafilatura reads those whole.

A data table's cell holding a box around a lone link (a row's name linked to its page)
loses the name: trafilatura drops boxes of nothing but links, as it drops menus.
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


def unwrap_cell_links(root: HtmlElement) -> None:
    """`<td><div><a>Farm Heroes</a></div></td>`: trafilatura drops a box holding nothing but
    a link, as it drops menus, and a data table loses its row names. In a row whose other
    cells hold words of their own, a cell's box around its lone link goes; the link stays."""
    for box in root.xpath("//td/div[a] | //th/div[a]"):
        cell = box.getparent()
        if len(cell) != 1 or _loose_words(cell) or _loose_words(box) or len(box) != 1:
            continue
        row = cell.getparent()
        if row is None or not any(
            other is not cell and other.tag in ("td", "th") and _unlinked_text(other)
            for other in row
        ):
            continue
        box.drop_tag()


def _loose_words(element: HtmlElement) -> bool:
    """Words of the element's own, outside its children."""
    return bool((element.text or "").strip()) or any(
        (child.tail or "").strip() for child in element
    )


def _unlinked_text(cell: HtmlElement) -> bool:
    linked = sum(len(anchor.text_content().strip()) for anchor in cell.iter("a"))
    return len(cell.text_content().strip()) > linked
