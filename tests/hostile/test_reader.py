"""Hostile pages read as articles: code that tries to break out of its block, a cache
that cannot be written, links that carry a password."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.server import LocalServer
from tests.hostile.test_feeds import rendered_blocks
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader.service import ArticleReader

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
