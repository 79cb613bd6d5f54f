"""Turning stored values into what a pane shows: inert one-line text, links, counts.

Ages and dates are written by `tui_news.core.dates` (the CLI writes them too).

Everything from a feed is untrusted. The core already sanitises on ingest, but the
UI cleans again at the last moment (escape sequences, controls, bidi overrides) so
that nothing in the cache can ever drive the terminal, and it always builds
`rich.text.Text` / `Content` from plain strings: feed text is never parsed as markup.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

from rich.cells import cell_len, set_cell_size

from tui_news.core.errors import NewstermError, error_text
from tui_news.core.text import squash, strip_escapes
from tui_news.reader.urls import clean as clean_tracking

_CONTROLS_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: str | None) -> str:
    """One line of text that a terminal will display and never act on."""
    if not text:
        return ""
    text = _CONTROLS_RE.sub(" ", strip_escapes(text))
    return squash(text)


def error_message(error: BaseException) -> str:
    """What a pane or a notice says about a failure, as inert text.

    A `NewstermError` says what happened in words meant for the user. Anything else is a
    bug in newsterm, and is named as one rather than passed off as the user's problem.
    """
    if isinstance(error, NewstermError):
        return inert(error_text(error))
    return inert(f"{error_text(error)} (an unexpected {type(error).__name__}: a bug in newsterm)")


def is_web_url(url: str | None) -> bool:
    """Only http(s) links are ever opened or followed."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def clock_time(now: float | None = None) -> str:
    return time.strftime("%H:%M", time.localtime(now))


def count_stories(count: int, adjective: str = "") -> str:
    """ "1 story", "12 unread stories": a count the way a person would say it."""
    noun = "story" if count == 1 else "stories"
    return " ".join(part for part in (f"{count:,}", adjective, noun) if part)


def short_url(url: str, width: int) -> str:
    """`url` for a one-line display `width` cells wide: without the scheme, "www." and
    tracking parameters; when it does not fit, the middle of the path gives way
    ("host/…/tail"), then the tail's end ("host/…/ta…")."""
    try:
        parts = urlsplit(clean_tracking(url))
    except ValueError:
        return url[: max(0, width)]
    host_name = parts.netloc.rpartition("@")[2].removeprefix("www.")  # never a password
    path = parts.path.rstrip("/")
    tail = path.rsplit("/", 1)[-1] + (f"?{parts.query}" if parts.query else "")
    full = host_name + path + (f"?{parts.query}" if parts.query else "")
    if cell_len(full) <= width:
        return full
    short = f"{host_name}/…/{tail}" if path.count("/") > 1 else full
    if cell_len(short) <= width:
        return short
    return set_cell_size(short, max(0, width - 1)) + "…" if width > 0 else ""
