"""Pages that would make feed discovery endless: thousands of feed links, or dozens that
never answer. Discovery tries a bounded number, at once, and says so in one short line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.hostile.server import LocalServer
from tui_news.core.net.fetch import Fetcher
from tui_news.core.net.limits import FetchLimits
from tui_news.core.subscriptions.discover import (
    MAX_LINKS_TRIED,
    DiscoveryError,
    discover_feed,
)


async def test_a_page_with_2000_feed_links_costs_a_few_requests_and_one_short_line(
    server: LocalServer,
) -> None:
    async with Fetcher(FetchLimits(read_timeout=2, total_timeout=5)) as fetcher:
        with pytest.raises(DiscoveryError) as caught:
            await discover_feed(fetcher, server.url("/alternates-2000"))
    asked = [path for path in server.hits if path.startswith("/no-feed-")]
    # It used to ask for all 2,000, one after another, and say so in 103 KB.
    assert sorted(asked) == sorted(f"/no-feed-{n}" for n in range(MAX_LINKS_TRIED))
    message = str(caught.value)
    assert len(message) < 600 and "\n" not in message
    assert message.startswith(
        f"{server.url('/alternates-2000')} links to 2,000 feeds; "
        f"none of the first {MAX_LINKS_TRIED} could be read ("
    )
    assert message.endswith(f"and {MAX_LINKS_TRIED - 3} more)")


def test_add_tries_slow_feed_links_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    (tmp_path / "config.toml").write_text("timeout_seconds = 1\n", encoding="utf-8")
    started = time.monotonic()
    run = newsterm(capsys, tmp_path, "add", server.url("/alternates-slow"))
    elapsed = time.monotonic() - started
    # One after another, 30 silent links took 30 timeouts (10 minutes at the default).
    assert run.code == 1 and "none of the first 8 could be read" in run.err
    assert "timed out after 1 s without data" in run.err
    assert elapsed < 6, elapsed
