"""A decoded page → an lxml tree, as trafilatura's `load_html` makes it, but cheaper to walk.

lxml.html's parser (trafilatura's too) asks Python for the class of every element object
lxml creates (FormElement for `<form>`, InputElement for `<input>`, …): one Python call
for each of the ~7,000 element objects an extraction makes of a page, in our walks and
trafilatura's alike (its copies of the tree keep the parser). Nothing in the reader,
trafilatura or htmldate uses those form classes, so this parser gives every element
lxml.html's `HtmlElement` by a lookup done in C. Everything else is `load_html`'s own
steps with trafilatura's own patterns, and gives the same tree (tests compare them).
"""

from __future__ import annotations

from lxml.etree import ElementDefaultClassLookup
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, is_dubious_html

# trafilatura.utils.HTML_PARSER's settings.
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
# INVALID_XML_CHARS but for its two non-characters: in UTF-8 each of these controls is
# its own byte, which `bytes.translate` finds faster than the pattern scans the text.
_INVALID_CONTROLS = bytes(code for code in range(32) if chr(code) not in "\t\n\r")


def load(page: str) -> HtmlElement | None:
    """`trafilatura.utils.load_html(page)` for a page already decoded: the tree, or None
    when lxml makes nothing of it or it is not HTML."""
    beginning = page[:50].lower()
    page = _repair(page, beginning)
    tree: HtmlElement | None = None
    from_bytes = False
    try:
        tree = fromstring(page, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = _from_bytes(page)
        from_bytes = True
    except Exception:  # as load_html: whatever lxml raises, no tree
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(page)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not a whole page: a fragment, or not HTML at all
    return tree


def _repair(page: str, beginning: str) -> str:
    """`trafilatura.utils.repair_faulty_html`: what libxml2 would choke on."""
    if _has_invalid_characters(page):
        page = INVALID_XML_CHARS.sub("", page)
    if "doctype" in beginning:
        first_line, _, rest = page.partition("\n")
        page = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in page[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            page = FAULTY_HTML.sub(r"\1>", page, count=1)
            break
    return page


def _has_invalid_characters(page: str) -> bool:
    encoded = page.encode("utf-8", "surrogatepass")
    controls = len(encoded.translate(None, _INVALID_CONTROLS)) != len(encoded)
    return controls or "\ufffe" in page or "\uffff" in page


def _from_bytes(page: str) -> HtmlElement | None:
    try:
        return fromstring(page.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # as load_html
        return None
