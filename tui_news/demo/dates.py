"""Keep the demo's stories recent whatever day it runs.

The bundled content is written for one week. The server moves every date it
serves forward (or back) by a whole number of weeks, so "Saturday" in a story's
text still matches the date beside it, and the newest story is never in the
future and never more than a week old. Each date is parsed and written back in
its own format (RFC 822 in RSS and HTTP, ISO 8601 in Atom, JSON Feed and pages),
so the documents stay exactly as written apart from the dates themselves.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from tui_news.demo.content import Catalog

WEEK = timedelta(weeks=1)
NO_SHIFT = timedelta(0)

# Elements whose text is a date in RSS 2.0 (RFC 822), Dublin Core and Atom (ISO 8601).
_XML_DATE = re.compile(
    r"<(?P<tag>(?:[\w.-]+:)?(?:pubDate|lastBuildDate|date|published|updated|modified|issued))>"
    r"(?P<value>[^<]*)</(?P=tag)>"
)
_JSON_DATE_KEYS = frozenset({"date_published", "date_modified"})


def newest_date(catalog: Catalog) -> datetime:
    """The newest date anywhere in the content: the moment the demo week 'is'."""
    return max(
        [site.updated for site in catalog.sites]
        + [article.published for article in catalog.articles.values()]
    )


def week_shift(newest: datetime, now: float) -> timedelta:
    """Whole weeks that bring `newest` into the week up to `now`: age in [0, 7 days)."""
    weeks = math.floor((now - newest.timestamp()) / WEEK.total_seconds())
    return weeks * WEEK


def shift_catalog(catalog: Catalog, delta: timedelta) -> Catalog:
    """The catalog with every site's and article's date moved by `delta`."""
    if not delta:
        return catalog
    sites = tuple(replace(site, updated=site.updated + delta) for site in catalog.sites)
    articles = {
        key: replace(article, published=article.published + delta)
        for key, article in catalog.articles.items()
    }
    return replace(catalog, sites=sites, articles=articles)


def shift_rfc822(value: str, delta: timedelta) -> str:
    """An RFC 822 date (`Sun, 29 Nov 2026 07:20:00 +0000`) moved by `delta`."""
    moved = parsedate_to_datetime(value.strip()) + delta
    return format_datetime(moved, usegmt=value.rstrip().endswith("GMT"))


def shift_iso(value: str, delta: timedelta) -> str:
    """An ISO 8601 date moved by `delta`, keeping a trailing `Z` if it had one."""
    text = value.strip()
    moved = (datetime.fromisoformat(text) + delta).isoformat()
    if text.endswith("Z"):
        return moved.removesuffix("+00:00") + "Z"
    return moved


def shift_any(value: str, delta: timedelta) -> str:
    """A date in whichever of the two formats it is written in; ValueError if neither."""
    try:
        return shift_iso(value, delta)
    except ValueError:
        pass
    try:
        return shift_rfc822(value, delta)
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def shift_feed(text: str, content_type: str, delta: timedelta) -> str:
    """A feed document with every entry and feed date moved by `delta`."""
    if not delta:
        return text
    if "json" in content_type:
        document = json.loads(text)
        _shift_json(document, delta)
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def one(match: re.Match[str]) -> str:
        tag, value = match["tag"], match["value"]
        return f"<{tag}>{shift_any(value, delta)}</{tag}>"

    return _XML_DATE.sub(one, text)


def _shift_json(node: Any, delta: timedelta) -> None:
    """Move JSON Feed dates in place, wherever they sit (feed, items, extensions)."""
    if isinstance(node, list):
        for child in node:
            _shift_json(child, delta)
    elif isinstance(node, dict):
        for key, child in node.items():
            if key in _JSON_DATE_KEYS and isinstance(child, str):
                node[key] = shift_iso(child, delta)
            else:
                _shift_json(child, delta)
