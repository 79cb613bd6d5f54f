"""Times as people read them: a story's age in a list, an article's date in a header.

Shared by the TUI and `newsterm read`, so both write a date the same way; plain
Python (no Textual, no Rich).
"""

from __future__ import annotations

from datetime import datetime

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def age(timestamp: float | None, now: float) -> str:
    """A compact age for the story list: "now", "5m", "3h", "6d", then the date: "27 Jun",
    or "27 Jun '17" once it is more than about ten months old (the year would be a guess)."""
    if timestamp is None:
        return ""
    seconds = max(0.0, now - timestamp)
    if seconds < MINUTE:
        return "now"
    if seconds < HOUR:
        return f"{int(seconds // MINUTE)}m"
    if seconds < DAY:
        return f"{int(seconds // HOUR)}h"
    if seconds < 7 * DAY:
        return f"{int(seconds // DAY)}d"
    moment = _as_datetime(timestamp)
    if moment is None:
        return ""
    if seconds < 300 * DAY:
        return f"{moment.day} {moment:%b}"
    return f"{moment.day} {moment:%b} '{moment:%y}"


def long_date(value: float | str | None) -> str:
    """A date for the article header: "Mon 4 Mar 2024, 14:05" (local time)."""
    moment = _as_datetime(value)
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone()
        except (OverflowError, OSError, ValueError):
            return ""
    if (moment.hour, moment.minute) == (0, 0):
        return f"{moment:%a} {moment.day} {moment:%b %Y}"
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def _as_datetime(value: float | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        if isinstance(value, int | float):
            # A feed may date a story in year 1 or 9999, out of local time's range.
            return datetime.fromtimestamp(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (OverflowError, OSError, ValueError):
        return None
