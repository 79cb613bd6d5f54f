"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org), which feedparser 6 cannot read.

This module only reads the JSON into the same `RawFeed` records the XML parsers
produce; `parse.py` sanitises and identifies entries alike for every format.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from tui_news.core.errors import NewstermError
from tui_news.core.feeds.careful import RawEntry, RawFeed

JSON_CONTENT_TYPES = ("application/feed+json", "application/json", "text/json")
_VERSION_PREFIX = "https://jsonfeed.org/version/"


class JsonFeedError(NewstermError, ValueError):
    """The body is JSON (or claims to be) but holds no JSON Feed."""


def looks_like_json(body: bytes, content_type: str | None) -> bool:
    """True when the document opens with `{`, or the server says JSON and it is not markup."""
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":  # an XML feed a server mislabelled as JSON
        return False
    if content_type and content_type.split(";")[0].strip().lower() in JSON_CONTENT_TYPES:
        return True
    return start == b"{"


def read_json_feed(body: bytes) -> RawFeed:
    """Decode a JSON Feed; raises JsonFeedError with a message a user can act on."""
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        raise JsonFeedError(
            f"JSON error at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:  # the decoder recurses once per level of nesting
        raise JsonFeedError("the JSON document is nested too deeply") from None
    if not isinstance(data, dict):
        raise JsonFeedError("the JSON document is not a JSON Feed object")
    version = _text(data.get("version"))
    items = data.get("items")
    if not version.startswith(_VERSION_PREFIX) and not isinstance(items, list):
        raise JsonFeedError("the JSON document is not a JSON Feed (no version, no items)")
    if items is not None and not isinstance(items, list):
        raise JsonFeedError('the JSON Feed\'s "items" is not a list')
    return RawFeed(
        title=_text(data.get("title")),
        link=_text(data.get("home_page_url")),
        format="json" + version.removeprefix(_VERSION_PREFIX).replace(".", ""),
        entries=tuple(_item(raw) for raw in items or () if isinstance(raw, dict)),
    )


def _item(raw: dict[str, Any]) -> RawEntry:
    content = _text(raw.get("content_html")) or _text_to_html(_text(raw.get("content_text")))
    return RawEntry(
        # Many generators emit numeric ids although the spec says string.
        guid=_text(raw.get("id"), allow_number=True),
        link=_text(raw.get("url")) or _text(raw.get("external_url")),
        title=_text(raw.get("title")),
        author=_author(raw),
        published=parse_date(_text(raw.get("date_published"))),
        updated=parse_date(_text(raw.get("date_modified"))),
        summary=_text_to_html(_text(raw.get("summary"))),
        content=content,
    )


def _author(raw: dict[str, Any]) -> str:
    """1.1 has `authors`, 1.0 a single `author`; either may be missing or junk."""
    candidates = raw.get("authors")
    if not isinstance(candidates, list):
        candidates = [raw.get("author")]
    names = [_text(a.get("name")) for a in candidates if isinstance(a, dict)]
    return ", ".join(name for name in names if name)


def _text(value: object, *, allow_number: bool = False) -> str:
    if isinstance(value, str):
        return value
    if allow_number and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs, so summaries are always HTML downstream."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs if p)


def parse_date(value: str) -> float | None:
    """RFC 3339 as the spec asks, with RFC 822 tolerated; naive times are UTC."""
    value = value.strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return None
