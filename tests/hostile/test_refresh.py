"""Refreshing hostile feeds: whatever one feed sends, it fails alone, its state is
recorded, and the next refresh goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.hostile.server import LocalServer

# -- defect 1: numbers from the network -----------------------------------------------------


def test_a_max_age_no_float_can_hold_breaks_neither_add_nor_refresh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    url = server.url("/max-age-overflow")
    added = newsterm(capsys, tmp_path, "add", url)
    # The 200 carried Cache-Control: max-age=<400 digits>: `add` printed a traceback.
    assert added.code == 0 and "3 stories" in added.out
    for _ in range(2):  # then every 304 killed the whole refresh, again and again
        run = newsterm(capsys, tmp_path, "refresh")
        assert (run.code, run.out.strip()) == (
            0,
            "1 feed: 0 ok, 1 not modified, 0 failed · 0 new stories",
        )


@pytest.mark.parametrize("path", ["/ttl-overflow", "/dates-overflow"])
def test_a_ttl_or_dates_no_calendar_holds_are_read_calmly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer, path: str
) -> None:
    assert newsterm(capsys, tmp_path, "add", server.url(path)).code == 0
    assert newsterm(capsys, tmp_path, "refresh").code == 0
    assert newsterm(capsys, tmp_path, "stories", "--json").code == 0


def test_a_retry_after_no_float_can_hold_is_a_long_wait(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    from tui_news.core.storage import Store

    with Store(tmp_path / "newsterm.db") as store:
        store.add_feed(server.url("/retry-after-overflow"), title="Busy")
    run = newsterm(capsys, tmp_path, "refresh")
    assert run.code == 1
    assert "Busy: HTTP 503 Service Unavailable; retry after 7 days" in run.err
