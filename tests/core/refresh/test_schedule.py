"""When feeds are due: hints from the publisher, our floor, backoff and Retry-After."""

from __future__ import annotations

import pytest

from tui_news.core.models import Feed, FeedStatus
from tui_news.core.refresh import schedule

NOW = 1_800_000_000.0
TEN_MINUTES = 600.0


def feed(**fields: object) -> Feed:
    return Feed(id=1, url="http://127.0.0.1/feed.xml", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("max_age", "ttl", "expected"),
    [
        (None, None, TEN_MINUTES),  # nothing said: our minimum
        (60, None, TEN_MINUTES),  # a shorter max-age never makes us poll faster
        (3600, None, 3600),
        (None, 7200, 7200),
        (3600, 7200, 7200),  # the longest hint wins
        (None, 30 * 86400, 86400),  # a month-long TTL is still checked daily
    ],
)
def test_after_success(max_age: int | None, ttl: int | None, expected: float) -> None:
    due = schedule.after_success(NOW, min_interval=TEN_MINUTES, max_age=max_age, ttl_seconds=ttl)
    assert due - NOW == expected


def test_errors_back_off_exponentially_up_to_a_day() -> None:
    delays = [
        schedule.after_error(NOW, error_count=n, min_interval=TEN_MINUTES) - NOW
        for n in range(1, 12)
    ]
    assert delays[:4] == [600, 1200, 2400, 4800]
    assert delays == sorted(delays) and delays[-1] == schedule.MAX_BACKOFF


def test_retry_after_wins_but_is_bounded() -> None:
    assert schedule.after_error(NOW, error_count=5, min_interval=600, retry_after=90) == NOW + 90
    far = schedule.after_error(NOW, error_count=1, min_interval=600, retry_after=1e9)
    assert far == NOW + schedule.MAX_RETRY_AFTER


def test_per_feed_minimum_interval_is_in_minutes() -> None:
    assert schedule.min_interval_for(feed(min_interval=60), TEN_MINUTES) == 3600
    assert schedule.min_interval_for(feed(), TEN_MINUTES) == TEN_MINUTES


def test_automatic_refresh_checks_only_due_feeds() -> None:
    assert schedule.should_check(feed(), NOW, explicit=False) is None  # never checked
    assert schedule.should_check(feed(next_due=NOW - 1), NOW, explicit=False) is None
    assert schedule.should_check(feed(next_due=NOW + 60), NOW, explicit=False) == "not due yet"


def test_explicit_refresh_ignores_schedule_but_not_retry_after_or_death_unless_named() -> None:
    backing_off = feed(
        last_status=FeedStatus.ERROR, last_error="HTTP 500 Internal Server Error", next_due=NOW + 99
    )
    assert schedule.should_check(backing_off, NOW, explicit=True) is None
    asked_to_wait = feed(
        last_status=FeedStatus.ERROR,
        last_error="HTTP 429 Too Many Requests" + schedule.retry_after_note(3600),
        next_due=NOW + 3600,
    )
    reason = schedule.should_check(asked_to_wait, NOW, explicit=True)
    assert reason == "server asked us to wait; retry after 60 min; refresh it by id to ask anyway"
    assert schedule.should_check(asked_to_wait, NOW + 3601, explicit=True) is None
    assert schedule.should_check(asked_to_wait, NOW, explicit=True, named=True) is None
    assert schedule.overridden_wait(asked_to_wait, NOW) == (
        "asked although the server had asked us to wait 60 min more"
    )
    dead = feed(last_status=FeedStatus.DEAD, last_error="HTTP 410 Gone")
    assert schedule.should_check(dead, NOW, explicit=True) is not None
    assert schedule.should_check(dead, NOW, explicit=True, named=True) is None
