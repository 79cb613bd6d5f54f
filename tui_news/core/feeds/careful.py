"""What a feed says, before newsterm sanitises it; and the careful parser.

`RawFeed`/`RawEntry` are the common output of every parser (fast.py,
parse_carefully here, jsonfeed): unsanitised text, unresolved URLs, raw HTML,
UTC epoch times. `parse.py` turns them into `ParsedFeed`s the same way whichever
parser ran. feedparser is the careful parser: its encoding detection and lenient
parsing handle what the fast parser refuses, and it tells us what was wrong.
"""

from __future__ import annotations

import calendar
import html
import re
import xml.sax
from dataclasses import dataclass
from typing import Any

import feedparser
from feedparser.datetimes import _parse_date as feedparser_date
from lxml import etree

from tui_news.core.errors import NewstermError
from tui_news.core.text import clean_line

_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_POSITION_RE = re.compile(r", line \d+, column \d+$")
_COMMENT_RE = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_FIRST_ELEMENT_RE = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)")
# A leading day name in any language ("mer,", "Mi.,", "sáb,") before a date.
_DAY_NAME_RE = re.compile(r"^\s*[^\W\d_]+\.?,\s*(?=\d)")


class NotAFeedError(NewstermError, ValueError):
    """The body holds nothing a parser could use; the message says why, for a user."""


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One entry as a parser gave it: unsanitised, URLs unresolved, HTML raw."""

    guid: str
    link: str
    title: str
    author: str
    published: float | None
    updated: float | None
    summary: str
    content: str


@dataclass(frozen=True, slots=True)
class RawFeed:
    """A feed document as a parser saw it; `warning` notes a document read leniently."""

    title: str
    link: str
    format: str
    entries: tuple[RawEntry, ...]
    warning: str | None = None


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    match = _CHARSET_RE.search(content_type or "")
    return match.group(1) if match else None


def strict_xml_parser() -> etree.XMLParser:
    # One per call: lxml parsers must not be shared between threads. Entities are not
    # expanded and nothing is fetched (no XXE, no entity expansion bombs). Not
    # collect_ids=False: with it libxml2 tries to fetch a DOCTYPE's external DTD.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# -- feedparser --------------------------------------------------------------------------


def parse_carefully(body: bytes, content_type: str | None = None) -> RawFeed:
    """The careful parser: feedparser's encoding detection and lenient parsing."""
    headers: dict[str, str] = {}
    charset = charset_of(content_type)
    if charset:
        # Only the charset: a text/html or text/plain label would only add bozo noise.
        headers["content-type"] = f"application/xml; charset={charset}"
    # No base URL (it would be applied to guids too) and raw HTML, so that this
    # parser agrees with the fast one; links are resolved later for both.
    result = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    if not result.entries and not result.get("version"):
        raise NotAFeedError(_not_a_feed_message(result, body))
    feed = result.get("feed") or {}
    return RawFeed(
        title=feed.get("title") or "",
        link=feed.get("link") or "",
        format=result.get("version") or "",
        entries=tuple(_raw_from_feedparser(entry) for entry in result.entries),
        warning=_warning(result, body),
    )


def _raw_from_feedparser(entry: Any) -> RawEntry:
    contents = entry.get("content") or []
    content = next((c for c in contents if c.get("value")), None)
    content_html = _detail_html(content.get("value"), content) if content else ""
    summary = entry.get("summary")
    # feedparser copies the content into a missing summary, without its type.
    same = content is not None and summary == content.get("value")
    return RawEntry(
        guid=entry.get("id") or "",
        link=entry.get("link") or "",
        title=entry.get("title") or "",
        author=entry.get("author") or "",
        published=_entry_date(entry, "published"),
        # dict.get: feedparser's own get() answers "updated" with the published date.
        updated=_entry_date(entry, "updated"),
        summary=content_html if same else _detail_html(summary, entry.get("summary_detail")),
        content=content_html,
    )


def _detail_html(value: str | None, detail: Any) -> str:
    if value and detail and detail.get("type") == "text/plain":
        return html.escape(value)
    return value or ""


def _entry_date(entry: Any, name: str) -> float | None:
    """feedparser's date, or its reading of the same text without a foreign day name.

    feedparser knows only English day names ("Wed, 16 Nov 2022 …") and reads no date
    from "mer, 16 nov 2022 …", which the fast parser reads: without the day name (it
    says nothing the date does not), both parsers give a story the same date.
    """
    parsed = _struct_epoch(dict.get(entry, f"{name}_parsed"))
    text = dict.get(entry, name)
    if parsed is not None or not isinstance(text, str):
        return parsed
    without_day, found = _DAY_NAME_RE.subn("", text, count=1)
    return _struct_epoch(feedparser_date(without_day)) if found else None


def _struct_epoch(value: Any) -> float | None:
    """feedparser's *_parsed values are UTC struct_times."""
    if value is None:
        return None
    try:
        return float(calendar.timegm(value))
    except (TypeError, ValueError, OverflowError):
        return None


def _warning(result: Any, body: bytes) -> str | None:
    """The feed's note: what was wrong with a document that still parsed."""
    if not result.get("bozo"):
        return None
    exc = result.get("bozo_exception")
    if isinstance(exc, xml.sax.SAXParseException):
        return f"ill-formed XML {_xml_error(exc, body)}; read leniently"
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        return f"the feed's character encoding is mislabelled; read as {result.get('encoding')}"
    return clean_line(f"ill-formed feed: {exc}", max_length=200) or "ill-formed feed"


def _not_a_feed_message(result: Any, body: bytes) -> str:
    if not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "not a feed: the document is neither XML nor JSON"
    exc = result.get("bozo_exception")
    if isinstance(exc, xml.sax.SAXParseException):
        return f"not a feed: XML error {_xml_error(exc, body)}"
    root = first_element(body[:4096])
    if root:
        return f"not a feed: the document is <{root}>, not RSS, Atom or RDF"
    return "not a feed: the document is not RSS, Atom, RDF or JSON Feed"


def _xml_error(exc: xml.sax.SAXParseException, body: bytes) -> str:
    """'at line N: what', in lxml's words: clearer than expat's, with the right line."""
    try:
        etree.fromstring(body, strict_xml_parser())
    except etree.XMLSyntaxError as lxml_exc:
        return f"at line {lxml_exc.lineno}: {_POSITION_RE.sub('', lxml_exc.msg)}"
    except (etree.LxmlError, ValueError):
        pass
    return f"at line {exc.getLineNumber()}: {exc.getMessage()}"


def first_element(head: bytes) -> str:
    """The local name of a document's first element, skipping prolog and comments."""
    match = _FIRST_ELEMENT_RE.search(_COMMENT_RE.sub(b"", head))
    return match.group(1).decode("ascii", "replace") if match else ""
