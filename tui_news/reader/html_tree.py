"""A decoded page → an lxml tree, as trafilatura's `load_html` makes it, but cheaper to walk.

lxml.html's parser (trafilatura's too) asks Python for the class of every element object
lxml creates (FormElement for `<form>`, InputElement for `<input>`, …): one Python call
for each of the ~7,000 element objects an extraction makes of a page, in our walks and
trafilatura's alike (its copies of the tree keep the parser). Nothing in the reader,
trafilatura or htmldate uses those form classes, so this parser gives every element
lxml.html's `HtmlElement` by a lookup done in C. Everything else is `load_html`'s own
steps with trafilatura's own patterns, and gives the same tree (tests compare them).

But for depth: libxml2 stops a page at 256 nested elements unless told it is a "huge"
one, and drops everything after that point (the article under 300 wrapper divs, and the
rest of the page). Told so, it goes to 2,048; a page deeper still is parsed again with
the tags that nest (div, span, table…) taken out, so that its text is kept.
"""

from __future__ import annotations

import re
import threading

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

# Tags that nest: out of a page nested too deep, its text stays. A block's give way to a
# line break (its words stay apart from the next block's), an inline one's to nothing.
_BLOCK_TAG_RE = re.compile(
    r"</?(?:div|section|article|center|main|aside|header|footer|nav|figure|blockquote|table"
    r"|tbody|thead|tfoot|tr|td|th|ul|ol|li|dl|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)
_INLINE_TAG_RE = re.compile(
    r"</?(?:span|font|b|i|u|s|em|strong|small|big|sub|sup|mark|cite|q|code|tt)\b[^>]*>",
    re.IGNORECASE,
)
# Each thread has its parser: whether a parse went too deep is read from its error log.
_PARSERS = threading.local()


def _parser() -> HTMLParser:
    parser: HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        # trafilatura.utils.HTML_PARSER's settings, but huge_tree (see above).
        parser = HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
        )
        parser.set_element_class_lookup(
            ElementDefaultClassLookup(
                element=HtmlElement,
                comment=HtmlComment,
                pi=HtmlProcessingInstruction,
                entity=HtmlEntity,
            )
        )
        _PARSERS.parser = parser
    return parser


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
        tree = _parse(page)
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
        return _parse(page.encode("utf8", "surrogatepass"))
    except Exception:  # as load_html
        return None


def _parse(page: str | bytes) -> HtmlElement:
    parser = _parser()
    tree: HtmlElement = fromstring(page, parser=parser)
    if _too_deep(parser):
        tree = fromstring(_without_wrappers(page), parser=parser)
    return tree


def _too_deep(parser: HTMLParser) -> bool:
    """Whether libxml2 stopped the last parse at its depth limit (the rest is lost)."""
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def _without_wrappers(page: str | bytes) -> str | bytes:
    """The page without the tags that nest (`_BLOCK_TAG_RE`, `_INLINE_TAG_RE`)."""
    text = page.decode("utf8", "surrogatepass") if isinstance(page, bytes) else page
    text = _INLINE_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", text))
    return text.encode("utf8", "surrogatepass") if isinstance(page, bytes) else text
