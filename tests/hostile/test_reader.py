"""Hostile pages read as articles: code that tries to break out of its block, a cache
that cannot be written, links that carry a password."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.hostile.server import LocalServer
from tests.hostile.test_feeds import rendered_blocks
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store, db
from tui_news.reader.service import ArticleReader
from tui_news.ui.screens.reading import notice_for

LIMITS = FetchLimits(connect_timeout=2, read_timeout=5, total_timeout=10)


# -- defect 16: a quoted <pre> keeps its lines as text --------------------------------------


async def test_a_heading_line_in_a_quoted_pre_stays_text(
    tmp_path: Path, server: LocalServer
) -> None:
    with Store(tmp_path / "newsterm.db") as store:
        async with ArticleReader(store, LIMITS, in_process=True) as reader:
            article = await reader.read_url(server.url("/fence-page"))
    assert article.source == "extracted"
    blocks = rendered_blocks(article.text)
    assert "heading_open" not in blocks and "link_open" not in blocks
    assert "Not a heading" in article.text and "blockquote_open" in blocks


# -- defect 14: a full disk costs the offline copy, not the page -----------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cache connection opened from now on can grow no more: SQLite's own
    "database or disk is full" (SQLITE_FULL) on the first write that needs a page."""
    real = db.connect

    def connect(path: Path | str) -> sqlite3.Connection:
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(db, "connect", connect)


def test_read_shows_a_page_the_full_cache_cannot_keep(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer, full_disk: None
) -> None:
    run = newsterm(capsys, tmp_path, "read", server.url("/big-article"))
    # It printed only "cache error: database or disk is full".
    assert "A very long report" in run.out and "quay walls" in run.out
    assert run.code == 1
    assert (
        f"newsterm: {server.url('/big-article')}: not kept for offline reading: "
        "the cache failed (database or disk is full)"
    ) in run.err


async def test_a_story_read_into_a_full_cache_is_shown_and_says_so(
    tmp_path: Path, server: LocalServer, full_disk: None
) -> None:
    with Store(tmp_path / "newsterm.db") as store:
        async with ArticleReader(store, LIMITS, in_process=True) as reader:
            article = await reader.read_url(server.url("/big-article"))
            assert reader.cached(server.url("/big-article")) is None
    assert article.source == "extracted" and article.word_count > 100_000
    assert notice_for(article) == (
        "Not kept for offline reading: the cache failed (database or disk is full)."
    )
