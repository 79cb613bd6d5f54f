"""Feed bytes → `ParsedFeed`: pick a parser, then sanitise and identify every entry.

The parsers (`careful` and `fast` for RSS/Atom/RDF, `jsonfeed`) report what a document
says; this module decides what newsterm keeps: safe one-line titles, absolute
http(s) links, UTC epoch times and a stable identity per story. Doing that in one
place is what lets a feed move between the fast and the careful parser without
its stories changing.

`parse_feed` is a pure top-level function so the refresher can run it in a process
pool; it keeps no state between calls.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tui_news.core.feeds import jsonfeed
from tui_news.core.feeds.careful import (
    NotAFeedError,
    RawEntry,
    RawFeed,
    first_element,
    parse_carefully,
)
from tui_news.core.feeds.fast import FastPathRefused, parse_fast
from tui_news.core.feeds.html import clean_html
from tui_news.core.models import ParsedEntry, ParsedFeed
from tui_news.core.text import clean_line
from tui_news.core.urls import clean_url

__all__ = [
    "FastPath",
    "NotAFeedError",
    "entry_key",
    "fast_path",
    "parse_feed",
    "parse_with_feedparser",
    "ttl_seconds",
]

MAX_TITLE = 500
MAX_NAME = 200
MAX_KEY = 1000
MAX_TTL = 7 * 86400
# A title-less item (microblogs post them) is listed by its opening words.
UNTITLED_LENGTH = 120
# Both parsers take time quadratic in one element's attribute count (feedparser through
# the standard library's SAX attributes): 200,000 took minutes. Real documents stay
# under 50, web pages included; the bound keeps the worst document linear.
MAX_ATTRIBUTES = 256

_SY_PERIODS = {
    b"hourly": 3600,
    b"daily": 86400,
    b"weekly": 7 * 86400,
    b"monthly": 30 * 86400,
    b"yearly": 365 * 86400,
}
_TTL_RE = re.compile(rb"<(?:[\w.-]+:)?ttl>\s*(\d{1,9})\s*<")
_SY_PERIOD_RE = re.compile(rb"<(?:[\w.-]+:)?updatePeriod>\s*([a-zA-Z]+)\s*<")
_SY_FREQUENCY_RE = re.compile(rb"<(?:[\w.-]+:)?updateFrequency>\s*(\d{1,6})\s*<")
_FIRST_ITEM_RE = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]")
_DOCTYPE_HTML_RE = re.compile(rb"<!doctype\s+html", re.I)
_EMAIL_NAME_RE = re.compile(r"^[^\s@()]+@[^\s()]+ \((.+)\)$")
_NAME_EMAIL_RE = re.compile(r"^(.+?) \([^\s@()]+@[^\s()]+\)$")
_HTML_ROOTS = frozenset({"html", "head", "body"})
# A tag long enough to hold MAX_ATTRIBUTES attributes (` a=""` is 5 bytes at least).
_LONG_TAG_RE = re.compile(rb"<[A-Za-z_][^<>]{%d,}>" % (MAX_ATTRIBUTES * 4))
_ATTRIBUTE_RE = re.compile(rb"""\s[^\s=<>"'/]+\s*=""")


@dataclass(frozen=True, slots=True)
class FastPath:
    """For benchmarks and tests: the fast parser's result, or why it declined."""

    feed: ParsedFeed | None
    fallback_reason: str | None = None


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a fetched feed document; raises NotAFeedError when there is no feed in it."""
    if not body.strip():
        raise NotAFeedError("not a feed: the server sent an empty response")
    if jsonfeed.looks_like_json(body, content_type):
        return parse_json(body, url=url)
    _reject_html(body)
    _reject_attribute_floods(body)
    try:
        raw = parse_fast(body, content_type)
    except FastPathRefused:
        raw = parse_carefully(body, content_type)
    return finish_feed(raw, url=url, ttl=ttl_seconds(body))


def fast_path(body: bytes, *, url: str, content_type: str | None = None) -> FastPath:
    """Only the fast parser: what it makes of `body`, or why it would not."""
    try:
        raw = parse_fast(body, content_type)
    except FastPathRefused as refused:
        return FastPath(None, refused.reason)
    return FastPath(finish_feed(raw, url=url, ttl=ttl_seconds(body)))


def parse_with_feedparser(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Only the careful parser, for benchmarks and tests."""
    raw = parse_carefully(body, content_type)
    return finish_feed(raw, url=url, ttl=ttl_seconds(body))


def parse_json(body: bytes, *, url: str) -> ParsedFeed:
    """A JSON Feed document (1.0 or 1.1)."""
    try:
        raw = jsonfeed.read_json_feed(body)
    except jsonfeed.JsonFeedError as exc:
        raise NotAFeedError(f"not a feed: {exc}") from None
    return finish_feed(raw, url=url, ttl=None)


def finish_feed(raw: RawFeed, *, url: str, ttl: int | None) -> ParsedFeed:
    """Sanitise what a parser saw; links resolve against the feed's own URL."""
    return ParsedFeed(
        title=clean_line(raw.title, max_length=MAX_TITLE),
        site_url=clean_url(raw.link, url),
        ttl_seconds=ttl,
        entries=tuple(_worth_keeping(finish_entry(entry, base=url) for entry in raw.entries)),
        format=raw.format,
        warning=raw.warning,
    )


def _worth_keeping(entries: Iterable[ParsedEntry]) -> Iterator[ParsedEntry]:
    """Drop entries with nothing to show (no title, text or link): a truncated
    document's last, half-read item, or an empty <item/>."""
    return (entry for entry in entries if entry.title or entry.url)


def finish_entry(raw: RawEntry, *, base: str) -> ParsedEntry:
    """Sanitise one entry and give it its identity, the same way for every parser."""
    content = clean_html(raw.content).strip()
    # As feedparser does: an entry with content but no summary is summarised by it.
    summary = clean_html(raw.summary).strip() or content
    title = clean_line(raw.title, max_length=MAX_TITLE)
    if not title:
        title = clean_line(summary, max_length=UNTITLED_LENGTH)
    link = clean_url(raw.link, base) or clean_url(raw.guid)
    # fastfeedparser reports a missing guid as the (unresolved) link.
    guid = "" if raw.guid.strip() == raw.link.strip() else raw.guid
    published = raw.published if raw.published is not None else raw.updated
    # Parsers disagree on whether a lone date (RDF dc:date) is "published" or
    # "updated". It is the published date; `updated` only ever says something new.
    updated = None if raw.updated == published else raw.updated
    return ParsedEntry(
        # Not the raw link when it is not a web one: readers spell those differently
        # (feedparser makes "file:///x" "file://x"), and the key must not depend on which
        # reader ran. The fuzz tests found that one.
        key=entry_key(guid, link, title, published, summary),
        url=link,
        title=title,
        author=_author_name(clean_line(raw.author, max_length=MAX_NAME)),
        published=published,
        updated=updated,
        summary=summary,
        content=content,
    )


def _author_name(author: str) -> str:
    """The name alone from RSS's "jo@x.org (Jo)" and feedparser's Atom "Jo (jo@x.org)"."""
    match = _EMAIL_NAME_RE.match(author) or _NAME_EMAIL_RE.match(author)
    return match.group(1) if match else author


def entry_key(guid: str, link: str, title: str, published: float | None, summary: str) -> str:
    """A story's identity: its guid, else its link, else a hash of what it says.

    Only sanitised values go into the hash, so it is the same whichever parser ran
    and on every refresh while the entry is unchanged.
    """
    key = clean_line(guid, max_length=10 * MAX_KEY) or clean_line(link, max_length=10 * MAX_KEY)
    if not key:
        when = "" if published is None else f"{published:.0f}"
        key = "sha1:" + _sha1(f"{title}\n{when}\n{'' if title else summary}")
    elif len(key) > MAX_KEY:
        key = "sha1:" + _sha1(key)
    return key


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def ttl_seconds(body: bytes) -> int | None:
    """RSS <ttl> (minutes) or sy:updatePeriod/updateFrequency, from the channel head.

    Capped at a week: a feed asking not to be polled for a year is a mistake.
    """
    first_item = _FIRST_ITEM_RE.search(body)
    head = body[: first_item.start()] if first_item else body[:65536]
    ttl = _TTL_RE.search(head)
    if ttl:
        seconds = int(ttl.group(1)) * 60
    else:
        period = _SY_PERIOD_RE.search(head)
        if not period or period.group(1).lower() not in _SY_PERIODS:
            return None
        frequency = _SY_FREQUENCY_RE.search(head)
        times = int(frequency.group(1)) if frequency else 1
        seconds = _SY_PERIODS[period.group(1).lower()] // max(times, 1)
    return min(seconds, MAX_TTL) if seconds > 0 else None


def _reject_attribute_floods(body: bytes) -> None:
    """Refuse, in linear time, what the parsers would take minutes over."""
    for tag in _LONG_TAG_RE.finditer(body):
        if len(_ATTRIBUTE_RE.findall(tag.group())) > MAX_ATTRIBUTES:
            raise NotAFeedError(f"not a feed: an element has more than {MAX_ATTRIBUTES} attributes")


def _reject_html(body: bytes) -> None:
    """A web page where a feed should be: say so, rather than "XML error at line 1"."""
    head = body[:4096]
    root = first_element(head).lower()
    if root in _HTML_ROOTS or (not root and _DOCTYPE_HTML_RE.search(head)):
        raise NotAFeedError("not a feed: the server sent an HTML page")
