"""The fast reader's dates, where fastfeedparser and feedparser would disagree.

fastfeedparser gives a dateless RSS item whatever date its <guid> reads as ("2019",
"may", "monday" and "7" all pass), through dateparser at up to 1 ms a guid; feedparser
gives none. Its date function is wrapped once, and while `guids_are_not_dates` holds, the
document's guids are not dates to it. Its native extractor still reads an RFC 822 guid
itself, so an item with a guid keeps a date only if one of its own date elements has one
(`has_a_date`). A date that cannot exist (2023-02-29) is corrected differently by the two
readers: such a document is left to feedparser (`impossible_iso_date`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from typing import Any

import fastfeedparser.main as fastfeedparser_main
from lxml import etree

_ISO_DAY_RE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")

# The date-bearing children of an item, by local name (RSS, Atom, Dublin Core, RSS 1.0).
_DATE_NAMES = frozenset({"published", "updated", "issued", "modified", "created"})
_not_dates = threading.local()


def guid_texts(items: list[Any]) -> set[str]:
    """The items' guids that fastfeedparser would try as dates (URLs it never does)."""
    return {
        text
        for item in items
        for guid in item.iterchildren("{*}guid")
        if (text := (guid.text or "").strip()) and not text.startswith(("http://", "https://"))
    }


def a_guid_is_a_date(items: list[Any], guids: set[str]) -> bool:
    """A guid that is also an item's date text: the guard could not tell them apart."""
    return bool(guids) and any(_date_texts(item) & guids for item in items)


@contextmanager
def guids_are_not_dates(guids: set[str]) -> Iterator[None]:
    """While fastfeedparser reads a document, these guids never read as dates."""
    _install_guard()
    _not_dates.guids = guids
    try:
        yield
    finally:
        _not_dates.guids = frozenset()


def _date_texts(item: Any) -> set[str]:
    texts = set()
    for child in item:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname.lower()
            if ("date" in name or name in _DATE_NAMES) and child.text:
                texts.add(child.text.strip())
    return texts


def guid_may_be_the_date(entry: Any, item: Any) -> bool:
    """Whether fastfeedparser may have read this entry's date from its guid: it did not
    find one elsewhere, and its native extractor reads RFC 822 guids ("Tue, 14 Nov 2023
    …") without the date function the guard wraps."""
    if not (entry.get("published") or entry.get("updated")):
        return False
    guid = item.find("{*}guid")
    text = (guid.text or "").strip() if guid is not None else ""
    return bool(text) and not text.startswith(("http://", "https://"))


def has_a_date(item: Any) -> bool:
    """An item's own date elements hold a date fastfeedparser can read."""
    parse_date = getattr(fastfeedparser_main._parse_date, "__wrapped__", None)
    parse_date = parse_date or fastfeedparser_main._parse_date
    return any(parse_date(text) for text in _date_texts(item))


def _install_guard() -> None:
    """Wrap fastfeedparser's date function once; the native extractor is handed it on
    each call, so the one wrapper covers both of its paths."""
    current = fastfeedparser_main._parse_date
    if not getattr(current, "newsterm_guard", False):
        fastfeedparser_main._parse_date = _guarded(current)


def _guarded(parse_date: Callable[[str], str | None]) -> Callable[[str], str | None]:
    @wraps(parse_date)
    def guarded(value: str) -> str | None:
        guids = getattr(_not_dates, "guids", None)
        if guids and isinstance(value, str) and value.strip() in guids:
            return None
        return parse_date(value)

    guarded.newsterm_guard = True  # type: ignore[attr-defined]
    return guarded


def impossible_iso_date(tag: str, text: str | None) -> bool:
    """An ISO date such as 2023-02-29 or 2023-13-01: fastfeedparser makes the first
    2023-02-28, feedparser 2023-03-01; they disagree on every such date."""
    if not text:
        return False
    name = tag.rpartition("}")[2].lower()
    if "date" not in name and name not in _DATE_NAMES:
        return False
    found = _ISO_DAY_RE.match(text)
    if found is None:
        return False
    try:
        date(*(int(part) for part in found.groups()))
    except ValueError:
        return True
    return False
