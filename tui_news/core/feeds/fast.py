"""The fast parser: fastfeedparser, trusted only with documents it reads right.

fastfeedparser is ~30x faster than feedparser but quiet when it goes wrong: it
reads nothing from RSS 0.90, garbles mis-declared encodings and says nothing about
truncated or ill-formed input. So `parse_fast` takes only documents that are
demonstrably easy (UTF-8, well-formed XML, as many entries as the XML has items,
clean titles) and raises `FastPathRefused` for anything else, which the caller hands
to feedparser. A strict lxml parse of the same bytes gives the well-formedness
verdict and the item elements, from which summary, content and links are read where
fastfeedparser's own rules differ from feedparser's: a feed that moves between the
two parsers must not see its stories change.

One rule of fastfeedparser's is switched off rather than corrected afterwards: it gives
a dateless RSS item whatever date its <guid> reads as ("2019", "may", "monday" and "7"
all pass), through dateparser at up to 1 ms a guid. feedparser gives such an item no
date, so while `parse_fast` runs, its date function is told the document's guids are
not dates (`fast_dates`).
"""

from __future__ import annotations

import html
import math
import re
from datetime import UTC, datetime
from typing import Any

import fastfeedparser
from lxml import etree

from tui_news.core.errors import NewstermError
from tui_news.core.feeds.careful import RawEntry, RawFeed, charset_of, strict_xml_parser
from tui_news.core.feeds.fast_dates import (
    a_guid_is_a_date,
    guid_may_be_the_date,
    guid_texts,
    guids_are_not_dates,
    has_a_date,
    impossible_iso_date,
)

_ATOM10 = "http://www.w3.org/2005/Atom"
_ATOM03 = "http://purl.org/atom/ns#"
_ATOMS = (_ATOM10, _ATOM03)
_RSS10 = "http://purl.org/rss/1.0/"
_RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
_MEDIA = "{http://search.yahoo.com/mrss/}"
_ATOM_ENTRY_TAGS = frozenset(f"{{{ns}}}entry" for ns in _ATOMS)
_OTHER_SUMMARY_PATHS = (
    "{http://purl.org/dc/elements/1.1/}description",
    "{http://www.itunes.com/dtds/podcast-1.0.dtd}summary",
    "{http://www.itunes.com/DTDs/Podcast-1.0.dtd}summary",
    f"{_MEDIA}description",
    f"{_MEDIA}group/{_MEDIA}description",
)
# The item children those paths start from (namespaces hold slashes: no split("/")).
_OTHER_SUMMARY_PARENTS = frozenset((*_OTHER_SUMMARY_PATHS[:-1], f"{_MEDIA}group"))
# The item children feedparser reads as an entry's summary and as its content.
_SUMMARY_TAGS = (
    "description",
    f"{{{_RSS10}}}description",
    f"{{{_RSS090}}}description",
    *(f"{{{ns}}}summary" for ns in _ATOMS),
)
_CONTENT_TAGS = (
    "{http://purl.org/rss/1.0/modules/content/}encoded",
    *(f"{{{ns}}}content" for ns in _ATOMS),
    "content",
)
_TEXT_TAGS = frozenset(_SUMMARY_TAGS + _CONTENT_TAGS)
# Content only feedparser reads: old RSS extensions carrying the whole item.
_FEEDPARSER_ONLY_TAGS = frozenset({"fullitem", "body", "{http://www.w3.org/1999/xhtml}body"})
# Atom text types fastfeedparser handles; any other MIME type means base64.
_PLAIN_ATOM_TYPES = frozenset({"text", "html", "text/html"})
_ATOM_TEXT_TAGS = frozenset(
    f"{{{ns}}}{name}" for ns in _ATOMS for name in ("title", "summary", "content")
)

_XML_DECL_ENCODING_RE = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_SUSPECT_TEXT_RE = re.compile("[\x80-\x9f\ufffd]")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


class FastPathRefused(NewstermError):
    """The document is not one fastfeedparser can be trusted with; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_fast(body: bytes, content_type: str | None = None) -> RawFeed:
    """fastfeedparser's reading; raises FastPathRefused at the first doubt."""
    reason = _encoding_doubt(body, content_type)
    if reason:
        raise FastPathRefused(reason)
    if b"<!ENTITY" in body:
        raise FastPathRefused("entities declared in a DTD")
    try:
        root = etree.fromstring(body, strict_xml_parser())
    except (etree.LxmlError, ValueError) as exc:
        raise FastPathRefused(f"not well-formed XML: {exc}") from None
    items = list(root.iter("{*}item", "{*}entry"))
    guids = guid_texts(items)
    if a_guid_is_a_date(items, guids):
        raise FastPathRefused("a guid is also an item's date")
    try:
        with guids_are_not_dates(guids):
            parsed = fastfeedparser.parse(body)
    except Exception as exc:  # any failure of the fast parser only means "ask feedparser"
        raise FastPathRefused(f"fastfeedparser failed: {exc}") from None
    found = parsed.get("entries") or []
    title = (parsed.get("feed") or {}).get("title") or ""
    _check_complete(root, items, found, title)
    raw = RawFeed(
        title=title,
        link=_site_link(root),
        format=_format_of(root),
        entries=tuple(
            _raw_from_fast(entry, item) for entry, item in zip(found, items, strict=True)
        ),
    )
    _check_decoding(raw)
    return raw


def _check_complete(root: Any, items: list[Any], found: list[Any], title: str) -> None:
    """Refuse a reading that lost entries or text, or shows signs of mis-decoding."""
    if not found:
        raise FastPathRefused("fastfeedparser found no entries")
    if len(found) != len(items):
        raise FastPathRefused(f"fastfeedparser found {len(found)} of {len(items)} entries")
    if not title.strip() and _has_title(root):
        raise FastPathRefused("fastfeedparser missed the feed title")
    texts = [
        title,
        *(e.get("title") or "" for e in found),
        *(e.get("description") or "" for e in found),
    ]
    if any(_SUSPECT_TEXT_RE.search(text) for text in texts):
        raise FastPathRefused("C1 controls or U+FFFD in the text: an encoding mix-up")


def _check_decoding(raw: RawFeed) -> None:
    """Every text taken, not only the titles: feedparser reads C1 controls as cp1252
    (U+0080 as "€") in an author or a link too, where clean_line would drop them."""
    texts = [raw.link]
    for entry in raw.entries:
        texts += [entry.guid, entry.link, entry.author, entry.summary, entry.content]
    if any(_SUSPECT_TEXT_RE.search(text) for text in texts):
        raise FastPathRefused("C1 controls or U+FFFD in the text: an encoding mix-up")


def _encoding_doubt(body: bytes, content_type: str | None) -> str | None:
    """Why the bytes might not be plain UTF-8, or None when they surely are."""
    if body.startswith(_BOMS):
        return "UTF-16/32 byte order mark"
    charset = charset_of(content_type)
    if charset and charset.lower() not in _UTF8_NAMES:
        return f"server says charset {charset}"
    declared = _XML_DECL_ENCODING_RE.match(body.removeprefix(b"\xef\xbb\xbf").lstrip())
    if declared and declared.group(1).decode("ascii", "replace").lower() not in _UTF8_NAMES:
        return f"declared encoding {declared.group(1).decode('ascii', 'replace')}"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "bytes are not valid UTF-8"
    return None


def _raw_from_fast(entry: Any, item: Any) -> RawEntry:
    """fastfeedparser's entry, corrected by a glance at the item's own XML.

    fastfeedparser copies an RSS description into `content` and invents a plain-text
    description from the content when there is none; feedparser does neither. Only
    what the item really holds is kept, so both parsers agree.
    """
    children = _children(item)
    summary_el = next((children[t] for t in _SUMMARY_TAGS if t in children), None)
    content_el = next((children[t] for t in _CONTENT_TAGS if t in children), None)
    if item.tag in _ATOM_ENTRY_TAGS:
        # fastfeedparser fills a missing id or alternate link with any other link
        # (self, edit, license …), none of which is the story.
        guid, link = item.findtext("{*}id") or "", _alternate_link(item)
    else:
        guid, link = entry.get("id") or "", entry.get("link") or ""
    author = entry.get("author") or ""
    if not author and "author" in children:
        author = _author_names(item)
    dated = not guid_may_be_the_date(entry, item) or has_a_date(item)
    summary = _as_markup(summary_el)
    if not summary and not children.keys().isdisjoint(_OTHER_SUMMARY_PARENTS):
        summary = _other_summary(item)
    return RawEntry(
        guid=guid,
        link=link,
        title=entry.get("title") or "",
        author=author,
        published=_iso_epoch(entry.get("published")) if dated else None,
        updated=_iso_epoch(entry.get("updated")) if dated else None,
        summary=summary,
        content=_as_markup(content_el),
    )


def _children(item: Any) -> dict[str, Any]:
    """An item's first child of each tag; refuses what fastfeedparser reads wrong."""
    children: dict[str, Any] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str) or tag in children:
            continue
        children[tag] = child
        if tag in _ATOM_TEXT_TAGS and _inline_markup(child):
            raise FastPathRefused("Atom inline XHTML or base64 content")
        if tag in _FEEDPARSER_ONLY_TAGS:
            raise FastPathRefused(f"item content in <{etree.QName(child).localname}>")
        if tag in _TEXT_TAGS and len(child):
            raise FastPathRefused("markup written as XML elements inside an item's text")
        if impossible_iso_date(tag, child.text):
            raise FastPathRefused("a date that cannot exist (the readers correct it apart)")
    return children


def _alternate_link(element: Any) -> str:
    """An Atom element's rel="alternate" link (RSS habits: its text stands for href)."""
    for link in element.iterchildren("{*}link"):
        href = (link.get("href") or link.text or "").strip()
        if link.get("rel", "alternate") == "alternate" and href:
            return href
    return ""


def _inline_markup(element: Any) -> bool:
    """Atom text held as child elements or base64, which fastfeedparser mangles."""
    if len(element) > 0 or element.get("mode") in ("base64", "xml"):
        return True
    return element.get("type", "text") not in _PLAIN_ATOM_TYPES


def _as_markup(element: Any) -> str:
    """HTML for what a summary or content element holds; escaped if Atom plain text.

    Read from the tree, not from fastfeedparser, which copies descriptions into
    content and fills an empty summary with 512 characters of the content's text.
    """
    text = element.text if element is not None else None
    if not text or not text.strip():
        return ""
    if etree.QName(element).namespace in _ATOMS and element.get("type", "text") == "text":
        return html.escape(text)
    return str(text)


def _other_summary(item: Any) -> str:
    """The elements feedparser takes for a summary when there is no description.

    media:description is all the text a YouTube entry has; podcasts use itunes:summary.
    """
    for path in _OTHER_SUMMARY_PATHS:
        found = item.find(path)
        if found is not None and found.text and found.text.strip():
            plain = found.get("type", "plain") == "plain"
            return html.escape(found.text) if plain else str(found.text)
    return ""


def _author_names(item: Any) -> str:
    """RSS <author>s holding Atom-style <name>s, which fastfeedparser misses."""
    names = (name.text.strip() for name in item.iterfind("author/{*}name") if name.text)
    return ", ".join(name for name in names if name)


def _site_link(root: Any) -> str:
    """The site's address: RSS/RDF channel <link>, or Atom's alternate link.

    Read from the tree because fastfeedparser takes an Atom rel="self" link (the
    feed itself) for the site.
    """
    if etree.QName(root).localname == "feed":
        return _alternate_link(root)
    channel = root.find("{*}channel")
    if channel is None:
        return ""
    for link in channel.iterchildren("link", f"{{{_RSS10}}}link", f"{{{_RSS090}}}link"):
        text = (link.text or link.get("href") or "").strip()
        if text:
            return text
    return ""


def _has_title(root: Any) -> bool:
    """Whether the feed has a title of its own (the item titles do not count)."""
    channel = root if etree.QName(root).localname == "feed" else root.find("{*}channel")
    title = channel.find("{*}title") if channel is not None else None
    return title is not None and bool((title.text or "").strip() or len(title))


def _format_of(root: Any) -> str:
    """feedparser's version names, so both parsers label a feed alike."""
    qname = etree.QName(root)
    if qname.localname == "rss":
        return "rss" + (root.get("version") or "").replace(".", "")
    if qname.localname == "feed":
        return "atom03" if qname.namespace == _ATOM03 else "atom10"
    if qname.localname == "RDF":
        return "rss090" if root.find(f"{{{_RSS090}}}channel") is not None else "rss10"
    return qname.localname


def _iso_epoch(value: str | None) -> float | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        # Whole seconds, as feedparser gives them.
        return float(math.floor(moment.timestamp()))
    except (ValueError, OverflowError, OSError):
        return None
