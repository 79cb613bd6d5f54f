"""Subscription lists in and out: OPML 1.0/2.0 or newsboat urls files in, OPML 2.0 out.

Folders become tags: a feed inside "News" › "World" gets both tags, News and World (not
the path "News/World"), because a tag is how newsterm groups feeds and most readers
export one folder level anyway. An outline's `category` attribute adds tags too:
`tag1,tag2` gives each item as a tag, `/a/b` (OPML 2.0 path form) gives a and b.

Export is the inverse, lossless for newsterm's own data: every feed goes in the folder of
one of its tags and lists all its tags in `category`, so a re-import restores every tag
(tags that `category` cannot carry become nested folders instead). A feed's full-text
setting (`add --full-text`/`--no-full-text`) goes in an attribute of newsterm's own
namespace, `newsterm:fullText="true|false"` with xmlns:newsterm = NEWSTERM_NS, written only
where the setting is made; other readers ignore it, and import reads it only from there.

Malformed XML is never imported silently. Stray `&` and HTML-only entities (the usual
damage in hand-written lists) are repaired and the file is read in full, with a note;
anything worse is read by lxml's forgiving parsers and the result says how many of the
file's feed entries were recovered and how many were lost.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from collections.abc import Iterable
from email.utils import formatdate

from lxml import etree

from tui_news.core.models import Feed
from tui_news.core.subscriptions.encodings import as_utf8
from tui_news.core.subscriptions.newsboat import parse_urls
from tui_news.core.subscriptions.records import (
    Subscription,
    SubscriptionFileError,
    SubscriptionList,
    shorten,
)
from tui_news.core.text import clean_line
from tui_news.core.urls import clean_url, feed_url

__all__ = [
    "NEWSTERM_NS",
    "Subscription",
    "SubscriptionFileError",
    "SubscriptionList",
    "category_tags",
    "parse_opml",
    "read_subscription_file",
    "write_opml",
]


# newsterm's OPML namespace. Never fetched, so never to change: a `.invalid` host (RFC 2606)
# cannot belong to anyone else, and files already exported name this exact string.
NEWSTERM_NS = "https://newsterm.invalid/opml"
_FULL_TEXT = f"{{{NEWSTERM_NS}}}fullText"
_FULL_TEXT_VALUES = {"true": True, "false": False}


def read_subscription_file(data: bytes) -> SubscriptionList:
    """Parse OPML or a newsboat urls file, told apart by content (encoding: `as_utf8`)."""
    data = as_utf8(data)
    head = data[:8192]
    start = data.lstrip(b" \t\r\n")[:1]
    if re.match(rb"\s*(?:<!doctype html|<html)", head, re.IGNORECASE):
        raise SubscriptionFileError("this is an HTML page, not an OPML file")
    if start == b"<" or _mentions_opml(head):
        return parse_opml(data)
    if start in (b"{", b"["):
        raise SubscriptionFileError(
            "this looks like JSON, not an OPML file or a newsboat urls list"
        )
    if b"\x00" in head:
        raise SubscriptionFileError("this is a binary file, not an OPML file or a urls list")
    return parse_urls(data.decode("utf-8", errors="replace"))


def _mentions_opml(data: bytes) -> bool:
    return re.search(rb"<opml[\s>]", data, re.IGNORECASE) is not None


# -- OPML in ------------------------------------------------------------------------------


def parse_opml(data: bytes) -> SubscriptionList:
    """The feeds of an OPML document (any version, namespaced or not)."""
    result = SubscriptionList("OPML")
    _walk(_parse_xml(data, result), (), result)
    return result


def _require_opml(root: etree._Element) -> etree._Element:
    name = _local_name(root)
    if name != "opml":
        raise SubscriptionFileError(
            f"not an OPML file: the document's root element is <{name}>, not <opml>"
        )
    return root


_XML_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False}


def _parse_xml(data: bytes, result: SubscriptionList) -> etree._Element:
    """Parse strictly; repair common damage; recover as a last resort, saying so."""
    try:
        return _require_opml(etree.fromstring(data, etree.XMLParser(**_XML_PARSER_OPTIONS)))
    except etree.XMLSyntaxError as error:
        first_error = _describe(error)
    repaired, fixes = _repair(data)
    if fixes:
        try:
            root = etree.fromstring(repaired, etree.XMLParser(**_XML_PARSER_OPTIONS))
        except etree.XMLSyntaxError:
            pass
        else:
            result.notes.append(
                f"the file is not well-formed XML ({first_error}); repaired {fixes} "
                "and read it in full"
            )
            return _require_opml(root)
    return _recover(data, repaired, first_error, result)


# A feed entry as the raw bytes show it: how many the file meant to list.
_XMLURL_RE = re.compile(rb"""\sxmlurl\s*=\s*(?:"\s*[^"\s]|'\s*[^'\s])""", re.IGNORECASE)


def _recover(
    data: bytes, repaired: bytes, first_error: str, result: SubscriptionList
) -> etree._Element:
    """The better of lxml's XML recover mode and its HTML parser, saying what survived.

    The HTML parser copes far better with the usual damage in hand-made lists (quotes and
    markup inside attribute values), and keeps the later outlines in their folder.
    """
    found = _lenient_parses(repaired)
    expected = len(_XMLURL_RE.findall(data))
    if not found:
        raise SubscriptionFileError(f"not well-formed XML: {first_error}")
    best = max(found, key=_count_feed_outlines)
    recovered = _count_feed_outlines(best)
    if recovered == 0:
        lost = f"; none of its {expected} feed entries could be recovered" if expected else ""
        raise SubscriptionFileError(f"not well-formed XML: {first_error}{lost}")
    if recovered < expected:
        result.lost = expected - recovered
        result.problems.append(
            f"the file is not well-formed XML ({first_error}); recovered {recovered} of its "
            f"{expected} feed entries, the other {expected - recovered} are lost"
        )
    else:
        result.notes.append(
            f"the file is not well-formed XML ({first_error}); all {recovered} feed "
            "entries were recovered"
        )
    return best


def _lenient_parses(data: bytes) -> list[etree._Element]:
    """The document as lxml's HTML parser and XML recover mode see it, if it holds <opml>."""
    parsers = (
        etree.HTMLParser(encoding=_declared_encoding(data), no_network=True),
        etree.XMLParser(recover=True, **_XML_PARSER_OPTIONS),
    )
    found: list[etree._Element] = []
    for parser in parsers:
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError):
            continue
        if root is not None and next(root.iter("{*}opml", "opml"), None) is not None:
            found.append(root)
    return found


def _declared_encoding(data: bytes) -> str:
    match = re.match(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""", data)
    if match:
        name = match.group(1).decode("ascii")
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    return "utf-8"


def _count_feed_outlines(root: etree._Element) -> int:
    return sum(1 for element in root.iter() if _has_feed_url(element))


def _describe(error: etree.XMLSyntaxError) -> str:
    line, column = error.position
    message = re.sub(r", line \d+, column \d+$", "", error.msg or str(error))
    return f"line {line}, column {column}: {message}"


_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_AMPERSAND_RE = re.compile(rb"&(?:#[0-9]+;|#x[0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9._-]*);)?")


def _repair(data: bytes) -> tuple[bytes, str]:
    """Fix what hand-written OPML usually gets wrong; returns (data, what was fixed or '')."""
    fixes: list[str] = []
    body = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    junk = body.find(b"<")
    if junk > 0:
        data = body[junk:]
        fixes.append("text before the first tag")
    counts = {"amp": 0, "entity": 0}

    def replace(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        if text.startswith(b"&#"):
            return text
        name = match.group(1)
        if name is None:
            counts["amp"] += 1
            return b"&amp;"
        decoded = name.decode("ascii")
        if decoded in _XML_ENTITIES:
            return text
        counts["entity"] += 1
        codepoint = html.entities.name2codepoint.get(decoded)
        return b"&#%d;" % codepoint if codepoint else b"&amp;" + text[1:]

    data = _AMPERSAND_RE.sub(replace, data)
    if counts["amp"]:
        fixes.append(f"{counts['amp']} unescaped '&'")
    if counts["entity"]:
        fixes.append(f"{counts['entity']} HTML entities")
    return data, ", ".join(fixes)


# An outline that looks like a feed entry but lost its xmlUrl (recovered from broken XML)
# is not a folder: the outlines the damage pulled inside it keep their real folder's tags.
_ITEM_TYPES = frozenset({"rss", "atom", "feed"})
_ITEM_ATTRIBUTES = frozenset({"description", "htmlurl"})


def _walk(parent: etree._Element, path: tuple[str, ...], result: SubscriptionList) -> None:
    """Collect feeds below `parent`; elements other than <outline> are looked through."""
    for element in parent:
        name = _local_name(element)
        if name in ("head", ""):
            continue
        if name != "outline":
            _walk(element, path, result)
            continue
        attrs = {str(key).lower(): (value or "").strip() for key, value in element.attrib.items()}
        title = clean_line(attrs.get("text") or attrs.get("title"))
        raw_url = attrs.get("xmlurl", "")
        if raw_url:
            _add_outline(element, attrs, title, path, result)
            _walk(element, path, result)
        elif title and not _looks_like_item(attrs):
            _walk(element, (*path, title), result)
        else:
            _walk(element, path, result)


def _looks_like_item(attrs: dict[str, str]) -> bool:
    return attrs.get("type", "").lower() in _ITEM_TYPES or not _ITEM_ATTRIBUTES.isdisjoint(attrs)


def _add_outline(
    outline: etree._Element,
    attrs: dict[str, str],
    name: str,
    path: tuple[str, ...],
    result: SubscriptionList,
) -> None:
    url = feed_url(attrs["xmlurl"])
    if not url:
        label = f"{name!r} " if name else ""
        result.skipped.append(
            f"line {outline.sourceline}: {label}({shorten(attrs['xmlurl'])}): "
            "not an http(s) feed URL"
        )
        return
    title = "" if name == url else name
    tags = (*path, *category_tags(attrs.get("category", "")))
    site_url = clean_url(attrs.get("htmlurl", ""))
    result.add(url, title, tags, site_url=site_url, full_text=_full_text(outline, name, result))


def _full_text(outline: etree._Element, name: str, result: SubscriptionList) -> bool | None:
    """The outline's newsterm:fullText; a value that is not true/false is noted and ignored."""
    raw = outline.get(_FULL_TEXT)
    if raw is None:
        return None
    value = _FULL_TEXT_VALUES.get(raw.strip().lower())
    if value is None:
        label = f"{name!r} " if name else ""
        result.notes.append(
            f"line {outline.sourceline}: {label}has newsterm:fullText={shorten(raw)!r}, "
            "neither true nor false; ignored, so the feed follows the config"
        )
    return value


def _has_feed_url(element: etree._Element) -> bool:
    if _local_name(element) != "outline":
        return False
    return any(
        str(key).lower() == "xmlurl" and (value or "").strip()
        for key, value in element.attrib.items()
    )


def _local_name(element: etree._Element) -> str:
    if not isinstance(element.tag, str):
        return ""
    return etree.QName(element).localname.lower()


def category_tags(value: str) -> list[str]:
    """Tags from an OPML `category`: "a,b" gives a and b; "/x/y" gives x and y."""
    tags: list[str] = []
    for item in value.split(","):
        item = item.strip()
        if item.startswith("/"):
            tags.extend(part.strip() for part in item.split("/"))
        else:
            tags.append(item.strip("/ \t"))
    return [clean_line(tag) for tag in tags if tag.strip()]


# -- OPML out -----------------------------------------------------------------------------

_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_opml(feeds: Iterable[Feed], *, title: str = "newsterm subscriptions") -> bytes:
    """OPML 2.0: one folder per tag that holds a feed, every tag in `category`."""
    root = etree.Element("opml", version="2.0", nsmap={"newsterm": NEWSTERM_NS})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    placed = sorted(((_folder_for(feed.tags), feed) for feed in feeds), key=_export_order)
    folders: dict[tuple[str, ...], etree._Element] = {(): body}
    for path, feed in placed:
        etree.SubElement(_folder(folders, path), "outline", _feed_attributes(feed))
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def _folder(
    folders: dict[tuple[str, ...], etree._Element], path: tuple[str, ...]
) -> etree._Element:
    """The outline for a folder path, made (with its parents) on first use."""
    found = folders.get(path)
    if found is None:
        name = _xml_text(path[-1])
        found = folders[path] = etree.SubElement(
            _folder(folders, path[:-1]), "outline", text=name, title=name
        )
    return found


def _export_order(item: tuple[tuple[str, ...], Feed]) -> tuple[bool, list[str], str, str]:
    path, feed = item
    return (not path, [name.lower() for name in path], feed.title.lower(), feed.url)


def _folder_for(tags: tuple[str, ...]) -> tuple[str, ...]:
    """The folder path of a feed: its first tag, or every tag that `category` cannot
    carry (a comma, a leading slash), nested, since each folder level is a tag again."""
    awkward = tuple(tag for tag in tags if not _fits_category(tag))
    return awkward or tags[:1]


def _fits_category(tag: str) -> bool:
    return "," not in tag and not tag.startswith("/") and not tag.endswith("/")


def _feed_attributes(feed: Feed) -> dict[str, str]:
    attributes = {
        "type": "rss",
        "text": _xml_text(feed.title or feed.url),
        "xmlUrl": _xml_text(feed.url),
    }
    if feed.title:
        attributes["title"] = _xml_text(feed.title)
    if feed.site_url:
        attributes["htmlUrl"] = _xml_text(feed.site_url)
    category = ",".join(tag for tag in feed.tags if _fits_category(tag))
    if category:
        attributes["category"] = _xml_text(category)
    if feed.full_text is not None:
        attributes[_FULL_TEXT] = "true" if feed.full_text else "false"
    return attributes


def _xml_text(value: str) -> str:
    return _XML_INVALID_RE.sub("", value)
