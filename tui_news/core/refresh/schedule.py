"""When a feed is next due: the publisher's hints, our own floor, and backoff on errors.

A successful check waits the longest of: our minimum interval, the server's
`Cache-Control: max-age`, and the feed's `<ttl>` (capped, so that a feed claiming a
week-long TTL is still read daily). Errors back off exponentially from the minimum
interval; a `Retry-After` on 429/503 wins over both, and is remembered in the error
message so that an explicit refresh can tell "asked us to wait" from "merely failing".
"""

from __future__ import annotations

from tui_news.core.models import Feed, FeedStatus

DEFAULT_MIN_INTERVAL = 10 * 60.0
MAX_INTERVAL = 24 * 3600.0
MAX_BACKOFF = 24 * 3600.0
MAX_RETRY_AFTER = 7 * 24 * 3600.0
# Appended to the error of a feed whose server sent Retry-After; see `waiting_for_server`.
RETRY_AFTER_MARK = "; retry after "


def min_interval_for(feed: Feed, default: float = DEFAULT_MIN_INTERVAL) -> float:
    """The feed's own minimum interval (stored in minutes) or the global default (seconds)."""
    if feed.min_interval is not None and feed.min_interval > 0:
        return feed.min_interval * 60.0
    return default


def after_success(
    now: float,
    *,
    min_interval: float,
    max_age: int | None = None,
    ttl_seconds: int | None = None,
) -> float:
    """next_due after a 200 or 304.

    The hints come from the network: capped while still integers, since a 400-digit
    max-age has no float.
    """
    hinted = min(max(max_age or 0, ttl_seconds or 0), int(MAX_INTERVAL))
    return now + max(min_interval, float(hinted))


def after_error(
    now: float, *, error_count: int, min_interval: float, retry_after: float | None = None
) -> float:
    """next_due after the `error_count`-th failure in a row (1 for the first)."""
    if retry_after is not None:
        return now + min(max(retry_after, 0.0), MAX_RETRY_AFTER)
    exponent = min(max(error_count - 1, 0), 16)
    return now + min(min_interval * (2**exponent), MAX_BACKOFF)


def retry_after_note(seconds: float) -> str:
    """The suffix recorded with an error when the server set Retry-After."""
    return f"{RETRY_AFTER_MARK}{_duration(min(seconds, MAX_RETRY_AFTER))}"


def waiting_for_server(feed: Feed, now: float) -> bool:
    """True while a server's Retry-After asks us to leave this feed alone."""
    return (
        feed.last_status is FeedStatus.ERROR
        and feed.next_due is not None
        and feed.next_due > now
        and RETRY_AFTER_MARK in (feed.last_error or "")
    )


def is_due(feed: Feed, now: float) -> bool:
    """Whether an automatic refresh should check this feed now."""
    if feed.last_status is FeedStatus.DEAD:
        return False
    return feed.next_due is None or feed.next_due <= now


def should_check(feed: Feed, now: float, *, explicit: bool, named: bool = False) -> str | None:
    """None when the feed should be checked, else the reason it is skipped.

    An explicit refresh checks everything except dead feeds and servers that asked us
    to wait; naming a feed (by id or URL) checks it whatever its state: a dead one is
    revived, and a server's wait is overridden (`overridden_wait` says so).
    """
    if named:
        return None
    if feed.last_status is FeedStatus.DEAD:
        return "dead (HTTP 410 Gone); refresh it by id to try again"
    if waiting_for_server(feed, now):
        wait = (feed.next_due or now) - now
        return (
            f"server asked us to wait{RETRY_AFTER_MARK}{_duration(wait)}; "
            "refresh it by id to ask anyway"
        )
    if not explicit and not is_due(feed, now):
        return "not due yet"
    return None


def overridden_wait(feed: Feed, now: float) -> str | None:
    """What a check of a named feed overrides, if its server asked us to wait."""
    if not waiting_for_server(feed, now):
        return None
    wait = _duration((feed.next_due or now) - now)
    return f"asked although the server had asked us to wait {wait} more"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 2 * 86400:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} days"
