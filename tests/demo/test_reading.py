"""What the demo promises the reading pane: every story readable, one honest fallback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.demo.conftest import CONTENT_NOW, EARLIER_NOW
from tui_news.core.refresh.refresher import Refresher
from tui_news.core.storage import Store
from tui_news.demo.session import demo_session
from tui_news.reader.service import ArticleReader

PAYWALLED = "quiet-data-centre"


@pytest.mark.parametrize("now", [CONTENT_NOW, EARLIER_NOW], ids=["as-written", "moved"])
async def test_every_demo_story_reads_in_full_except_the_paywalled_one(now: float) -> None:
    with demo_session(now=now) as demo, Store(demo.data_dir / "newsterm.db") as store:
        demo.subscribe(store)
        await Refresher(store).refresh()
        server = demo.server
        demo_urls = {server.base_url + a.path for a in server.catalog.articles.values()}
        served_dates = {
            server.base_url + a.path: a.published.isoformat()
            for a in server.catalog.articles.values()
        }
        recent = datetime.fromtimestamp(now, UTC) - timedelta(days=14)
        paywalled = server.article_url(PAYWALLED)
        async with ArticleReader(store, in_process=True) as reader:
            for story in store.stories():
                article = await reader.read_story(story)
                if story.url == paywalled:
                    assert article.source == "feed"
                    assert article.reason
                    assert "server farms" in article.text
                    continue
                assert article.source == "extracted", (story.title, article.reason)
                assert article.word_count >= 300
                assert (article.title, article.author) == (story.title, story.author)
                # The page date the real extraction finds is the one served, moved or not
                # (to the day: one template leaves it to htmldate, which gives only the day).
                assert article.date is not None, story.title
                assert article.date[:10] == served_dates[story.url][:10], story.title
                found = datetime.fromisoformat(article.date)
                found = found if found.tzinfo else found.replace(tzinfo=UTC)  # a bare day
                assert recent <= found <= recent + timedelta(14)
                if now == CONTENT_NOW:
                    assert article.date.startswith("2026-11-")
                assert article.related
                assert {link.url for link in article.related} <= demo_urls - {story.url}
