"""One HTML page → one `Article`: trafilatura for the text, our fixes on top.

`extract_article` is pure and picklable (bytes in, frozen record out) so that the
reader can run it in a process pool; nothing here touches the network or the cache.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import decode_file
from trafilatura.xml import xmltotxt

from tui_news.core import urls as core_urls
from tui_news.core.errors import NewstermError
from tui_news.core.text import clean_line, squash, strip_escapes
from tui_news.core.urls import without_userinfo
from tui_news.reader import body as body_fixes
from tui_news.reader import (
    boxes,
    cards,
    figures,
    header,
    hidden,
    html_tree,
    loose_text,
    markdown,
    page_meta,
    pictures,
    restore,
    schema,
    urls,
)
from tui_news.reader.article import Article, Link, count_words
from tui_news.reader.byline import clean_author, clean_sitename
from tui_news.reader.fallback import MIN_WORDS
from tui_news.reader.related import find_related
from tui_news.reader.title import clean_title

# trafilatura logs every page it rejects at WARNING; those are our fallbacks, not errors.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_XML_SPACE_RE = re.compile("[ \t\r\n]+")
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$")


class NotHtmlError(NewstermError, ValueError):
    """The document could not be parsed as an HTML page."""


def parse_html(document: bytes | str) -> HtmlElement:
    """An lxml tree for a page (encoding sniffed the way trafilatura does).

    Escape sequences go before parsing: libxml2 silently drops a bare ESC, which
    would leave "[2J" or an OSC 52 clipboard payload behind as visible text.
    """
    try:
        root = html_tree.load(strip_escapes(decode_file(document)))
    except (TypeError, ValueError) as error:
        raise NotHtmlError(f"not an HTML page: {error}") from None
    if root is None or not isinstance(root, HtmlElement):
        raise NotHtmlError("not an HTML page")
    return root


def extract_article(document: bytes | str, url: str = "", *, input: str = "") -> Article:
    """The article in `document`, fetched from `url` ("" when unknown)."""
    root = parse_html(document)
    markdown.defuse_tree(root)  # lxml refuses controls in the XML trafilatura builds
    metas = _meta_index(root)
    page_url = url or _meta_url(root, metas)
    base = urls.base_url(page_url, _first(root, "//base/@href"))
    if base:
        _absolute_links(root, base)
    _unwrap_link_formatting(root)
    canonical = _canonical(root, metas) or page_url
    captions = _captions(root)
    hiding = hidden.hiding(root)  # read once for the related links and the text alike
    related = find_related(root, page_url, canonical_url=canonical, hiding=hiding)
    dropped = _keep_precision_losses(root)
    # trafilatura keeps some of it: a <template>'s, a `hidden` block's
    hidden.prune(root, hiding if dropped.isdisjoint(hiding) else None)
    loose_text.wrap_loose_lines(root)  # after the related links, measured on the page as served
    loose_text.unwrap_cell_links(root)
    # trafilatura names a site without meta tags by the URL's netloc, password included.
    trafilatura_url = without_userinfo(page_url)
    found_meta = page_meta.read(root, trafilatura_url or None)
    doc = _trafilatura(root, trafilatura_url, found_meta)
    meta = found_meta if doc is not None else None  # trafilatura gives none without a text
    date = _date(root, metas) or (meta.date() if meta is not None else None)
    raw_title = clean_line(getattr(meta, "title", None) or _first(root, "//h1//text()") or "")
    sitename = _sitename(metas, meta, raw_title, canonical or page_url)
    title = clean_title(raw_title, sitename, canonical or page_url)
    text, links = "", []
    if doc is not None and doc.body is not None:
        restore.restore(doc.body, root)
        header.drop_header_lines(doc.body, root)
        boxes.drop_box_lines(doc.body, root)
        cards.drop_card_lines(doc.body, root, canonical or page_url)
        related_urls = {link.url for link in related}
        body_fixes.clean_body(
            doc.body,
            title=title,
            captions=captions,
            base=base,
            related=related_urls,
            headline=clean_line(_first(root, "//h1//text()")),
        )
        links = body_fixes.links(doc.body)
        figures.place(doc.body, figures.Catalogue(root, base or page_url), title=title)
        serialised = xmltotxt(doc.body, include_formatting=True)
        text = markdown.tidy(markdown.quote_marks(markdown.safe_text(serialised)))
    words = count_words(pictures.without_lines(markdown.to_plain(text)))
    if words < MIN_WORDS:
        text, links, words = _declared_text(root, text, links, words)
    return Article(
        input=input or url,
        url=page_url,
        canonical_url=canonical,
        title=title,
        author=clean_author(
            clean_line(getattr(meta, "author", None) or ""), sitename, canonical or page_url
        ),
        date=date,
        sitename=sitename,
        language=_language(root, metas),
        text=text,
        word_count=words,
        related=tuple(related),
        links=tuple(links),
    )


def _declared_text(
    root: HtmlElement, text: str, links: list[Link], words: int
) -> tuple[str, list[Link], int]:
    """The text the page declares as its article (schema.org `articleBody`) when what was
    read is a teaser: a page drawn by scripts leaves a caption or a line in its HTML."""
    declared = schema.article_text(root)
    declared_words = count_words(markdown.to_plain(declared))
    if declared_words >= MIN_WORDS and declared_words > 2 * words:
        return declared, [], declared_words
    return text, links, words


def _trafilatura(root: HtmlElement, page_url: str, meta: page_meta.PageMeta) -> Document | None:
    """Main text, as trafilatura's XML tree, links and formatting kept.

    Comments are left out: the reading pane shows the article, not the discussion.
    When trafilatura found no article it returns the whole page's text in a block or
    two (its baseline); then a second, stricter pass (favor_precision, which keeps to
    the article's own elements) is the better text whenever it finds any.

    The metadata comes from `page_meta`, but for one case: given no URL, trafilatura
    extracts the text against the address its metadata finds in the page, which only
    its own metadata pass hands on.
    """
    options: dict[str, Any] = {
        "url": page_url or None,
        "output_format": "markdown",
        "with_metadata": not page_url and bool(meta.trimmed_url),
        "include_links": True,
        "include_formatting": True,
        "include_comments": False,
        "include_tables": True,
    }
    doc = trafilatura.bare_extraction(root, **options)
    if not isinstance(doc, Document):
        return None
    if doc.body is not None and _page_dump(doc.body, root):
        strict = trafilatura.bare_extraction(root, favor_precision=True, **options)
        if isinstance(strict, Document) and strict.body is not None and len(strict.body):
            return strict
    return doc


# A text this many times longer than all the page's paragraphs together, in a block or
# two, is the page's chrome read out, not an article.
_DUMP_RATIO = 2
_DUMP_BLOCKS = 2


def _page_dump(body: _Element, root: HtmlElement) -> bool:
    """Does the extracted text look like the whole page read out rather than an article?"""
    if len(body) > _DUMP_BLOCKS:
        return False
    extracted = len(" ".join("".join(body.itertext()).split()))
    prose = sum(len(" ".join(p.text_content().split())) for p in root.iter("p"))
    # A page without paragraphs (lines set with <br>) has nothing to compare against.
    return prose > 0 and extracted > _DUMP_RATIO * prose


_INLINE_FORMATTING = frozenset(("em", "i", "b", "strong", "span", "u"))


def _unwrap_link_formatting(root: HtmlElement) -> None:
    """`<a><em>Netflix</em></a> <em>and</em>`: trafilatura loses the link and the space
    after it ("Netflixand") when a link holds nothing but one formatting element, so the
    link keeps the words and lets the formatting go."""
    for anchor in root.iter("a"):
        if len(anchor) != 1 or (anchor.text or "").strip():
            continue
        inner = anchor[0]
        if inner.tag not in _INLINE_FORMATTING or (inner.tail or "").strip():
            continue
        anchor.text = (anchor.text or "") + (inner.text or "")
        for child in list(inner):
            anchor.append(child)
        anchor.text = anchor.text or None
        anchor.remove(inner)


def _keep_precision_losses(root: HtmlElement) -> set[HtmlElement]:
    """Markup that trafilatura reads as links or boilerplate around article words.

    A heading's permalink ("#understanding-z-score", often the whole heading) makes the
    heading a link (to the page itself, once made absolute), and the stricter pass drops
    link-dense headings; a `<span class="link">` wrapper around a link in a sentence
    matches that pass's discard rules and takes the words with it. The in-page anchor
    goes, and the wrapper; the words stay. Gives the elements dropped.
    """
    dropped: set[HtmlElement] = set()
    for heading in root.iter(*_HEADINGS):
        for anchor in list(heading.iter("a")):
            if (anchor.get("href") or "").startswith("#"):
                anchor.drop_tag()
                dropped.add(anchor)
    for span in list(root.iter("span")):
        if (
            len(span) == 1
            and span[0].tag == "a"
            and not (span.text or "").strip()
            and not (span[0].tail or "").strip()
            and span.getparent() is not None
        ):
            span.drop_tag()
            dropped.add(span)
    return dropped


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _absolute_links(root: HtmlElement, base: str) -> None:
    """Make every <a href> absolute (lxml's make_links_absolute also rewrites every src,
    srcset and style, at several times the cost, for nothing we show)."""
    joined: dict[str, str | None] = {}  # a page repeats its links; urljoin is the cost
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if href and not href.startswith(("http://", "https://", "#", "mailto:", "javascript:")):
            if href not in joined:
                try:
                    joined[href] = urljoin(base, href.strip())
                except ValueError:
                    joined[href] = None
            absolute = joined[href]
            if absolute is None:
                anchor.attrib.pop("href", None)
            else:
                anchor.set("href", absolute)


def _first(root: HtmlElement, xpath: str) -> str:
    found = root.xpath(xpath)
    return str(found[0]).strip() if found else ""


# (attribute, its value) → the content of the first <meta> naming it so, e.g.
# ("property", "og:url") → "https://…". Built once a page: an XPath over the whole tree
# for each of the dozen names asked for cost 3% of an extraction.
Metas = dict[tuple[str, str], str]
_META_KEYS = ("property", "name", "itemprop", "http-equiv")


def _meta_index(root: HtmlElement) -> Metas:
    index: Metas = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attribute in _META_KEYS:
            value = meta.get(attribute)
            if value is not None:
                index.setdefault((attribute, value), content.strip())
    return index


def _meta(metas: Metas, *names: str) -> str:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            value = metas.get((attribute, name), "")
            if value:
                return value
    return ""


def _meta_url(root: HtmlElement, metas: Metas) -> str:
    """Where a saved page came from, when nobody told us."""
    return urls.resolve(_first(root, "//link[@rel='canonical']/@href"), "") or urls.resolve(
        _meta(metas, "og:url"), ""
    )


def _canonical(root: HtmlElement, metas: Metas) -> str:
    found = _first(root, "//link[contains(concat(' ', @rel, ' '), ' canonical ')]/@href")
    return urls.resolve(found, "") or urls.resolve(_meta(metas, "og:url"), "")


def _captions(root: HtmlElement) -> set[str]:
    """Picture captions and alt texts: never article paragraphs.

    What `//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '),
    ' caption ')] | //*[@itemprop='caption']` and `//img/@alt` find, in one walk of the
    whole document (as `//` searches it, also when the page parsed as a fragment): those
    XPaths cost twice as much. The class is split as normalize-space splits it, on XML
    white space alone."""
    found: set[str] = set()
    for element in root.getroottree().getroot().iter(etree.Element):
        tag = element.tag
        classes = element.get("class")
        if (
            tag == "figcaption"
            or element.get("itemprop") == "caption"
            or (classes and "caption" in classes and "caption" in _XML_SPACE_RE.split(classes))
        ):
            found.add(squash(element.text_content()))
        if tag == "img":
            alt = element.get("alt")
            if alt is not None:
                found.add(squash(alt))
    return {text for text in found if len(text) > 3}


def _date(root: HtmlElement, metas: Metas) -> str | None:
    """Publication time in ISO 8601, as precise as the page says it."""
    for value in _date_candidates(root, metas):
        if not value:
            continue
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).isoformat()
        except ValueError:
            continue
    return None


def _date_candidates(root: HtmlElement, metas: Metas) -> Iterator[str | None]:
    # In turn: the JSON-LD and the <time> are read only when the meta tags give no date.
    yield _meta(metas, *_DATE_META)
    yield schema.declared(root, "datePublished")
    yield _first(root, "//article//time/@datetime")


def _sitename(metas: Metas, meta: page_meta.PageMeta | None, title: str, url: str) -> str:
    name = clean_sitename(clean_line(_meta(metas, "og:site_name", "application-name")))
    if not name:
        guessed = clean_sitename(clean_line(getattr(meta, "sitename", None) or ""))
        name = guessed if guessed and guessed != title else ""
    return name or core_urls.bare_host(url)


def _language(root: HtmlElement, metas: Metas) -> str:
    """The page's declared language (BCP 47, e.g. "en-GB"), or ""."""
    for value in (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(metas, "og:locale", "language", "content-language"),
        metas.get(("http-equiv", "content-language"), ""),
    ):
        value = (value or "").strip().replace("_", "-")
        if value and _LANG_RE.match(value):
            primary, _, region = value.partition("-")
            return f"{primary.lower()}-{region.upper()}" if region else primary.lower()
    return ""
