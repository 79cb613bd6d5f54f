"""What the demo promises the reading pane: every story readable, one honest fallback."""

from __future__ import annotations

from tui_news.core.refresh import Refresher
from tui_news.core.store import Store
from tui_news.demo.session import demo_session
from tui_news.reader.service import ArticleReader

PAYWALLED = "quiet-data-centre"


async def test_every_demo_story_reads_in_full_except_the_paywalled_one() -> None:
    with demo_session() as demo, Store(demo.data_dir / "newsterm.db") as store:
        demo.subscribe(store)
        await Refresher(store).refresh()
        server = demo.server
        demo_urls = {server.base_url + a.path for a in server.catalog.articles.values()}
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
                assert article.date and article.date.startswith("2026-11-")
                assert article.related
                assert {link.url for link in article.related} <= demo_urls - {story.url}
