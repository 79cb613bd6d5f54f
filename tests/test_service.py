"""The headless facade that the CLI and the app share."""

from __future__ import annotations

from tui_news.config import Config
from tui_news.service import Newsterm


def test_limits_from_config() -> None:
    config = Config(
        concurrency=8, per_host_concurrency=2, timeout_seconds=5, max_response_bytes=1000
    )
    limits = Newsterm(config).limits
    assert (limits.concurrency, limits.per_host, limits.max_bytes) == (8, 2, 1000)
    assert limits.read_timeout == 5 and limits.connect_timeout == 5
    assert limits.total_timeout == 15


def test_min_interval_is_the_configured_minutes_in_seconds() -> None:
    assert Newsterm(Config(min_interval_minutes=7)).min_interval == 420
