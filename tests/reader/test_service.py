"""ArticleReader against a local server: fetch once, cache, conditional re-fetch, fallbacks."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.fetches import record_fetch
from tests.reader.conftest import FULL_FEED_CONTENT, make_story, page
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader import cache, service
from tui_news.reader.service import ArticleReader, ReadError

HTML = "text/html; charset=utf-8"
FAST = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=4)


def serve_seed(httpserver: HTTPServer, path: str = "/world/seed-story") -> str:
    httpserver.expect_request(path).respond_with_data(
        page("seed-world-news.html"), content_type=HTML, headers={"ETag": '"v1"'}
    )
    return httpserver.url_for(path)


async def test_second_read_comes_from_the_cache_without_the_network(
    httpserver: HTTPServer, store: Store
) -> None:
    url = serve_seed(httpserver)
    async with ArticleReader(store, FAST, in_process=True) as reader:
        first = await reader.read_url(url)
        second = await reader.read_url(url)
    assert requests(httpserver, "/world/seed-story") == 1
    assert first.source == second.source == "extracted"
    assert second.text == first.text and second.related == first.related
    assert second.etag == '"v1"' and second.fetched == first.fetched > 0
    # offline too: a fresh reader, the server gone. The page's canonical URL is on
    # another site than the page, so it finds nothing (test_cache_trust).
    httpserver.clear()
    fresh = ArticleReader(store, FAST, in_process=True)
    assert fresh.cached(first.canonical_url) is None
    assert (await fresh.read_url(url)).text == first.text
    assert requests(httpserver, "/world/seed-story") == 0


async def test_refresh_is_a_conditional_get_and_304_keeps_the_article(
    httpserver: HTTPServer, store: Store
) -> None:
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(page("seed-world-news.html"), content_type=HTML, headers={"ETag": '"v1"'})

    httpserver.expect_request("/story").respond_with_handler(handler)
    url = httpserver.url_for("/story")
    async with ArticleReader(store, FAST, in_process=True) as reader:
        first = await reader.read_url(url)
        again = await reader.read_url(url, refresh=True)
    assert seen == [None, '"v1"']
    assert again.text == first.text and again.source == "extracted"
    assert again.fetched >= first.fetched


async def test_404_falls_back_to_the_feed_and_says_why(
    httpserver: HTTPServer, store: Store
) -> None:
    httpserver.expect_request("/gone").respond_with_data("Not here", status=404)
    httpserver.expect_request("/gone-too").respond_with_data("Not here", status=404)
    story = make_story(httpserver.url_for("/gone"), content=FULL_FEED_CONTENT)
    async with ArticleReader(store, FAST, in_process=True) as reader:
        article = await reader.read_story(story)
        again = await reader.read_story(story)  # a dead page is not asked twice
        await _expect_error(reader, httpserver.url_for("/gone-too"), "HTTP 404 Not Found")
    assert again == article
    assert requests(httpserver, "/gone") == 1
    assert article.source == "feed"
    assert article.reason == "the page could not be fetched: HTTP 404 Not Found"
    assert "The feed carries the whole story." in article.text
    assert article.title == story.title


async def test_a_refused_page_is_asked_again_an_hour_later(
    httpserver: HTTPServer, store: Store
) -> None:
    """A story's page that 404s (or is blocked) when first read: the feed's text stands
    in, the page is not asked again at once, and the first read an hour later asks the
    site again and shows the article it now serves. It kept the feed's text for good."""
    answers = iter([Response("Not yet", status=404), Response("Blocked", status=403)])

    def handler(request: Request) -> Response:
        return next(answers, None) or Response(page("seed-world-news.html"), content_type=HTML)

    httpserver.expect_request("/breaking").respond_with_handler(handler)
    url = httpserver.url_for("/breaking")
    story = make_story(url, content=FULL_FEED_CONTENT)
    async with ArticleReader(store, FAST, in_process=True) as reader:
        first = await reader.read_story(story)
        assert (first.source, first.reason) == (
            "feed",
            "the page could not be fetched: HTTP 404 Not Found",
        )
        assert await reader.read_story(story) == first
        assert requests(httpserver, "/breaking") == 1
        store.touch_article(url, first.fetched - cache.RETRY_FAILED_AFTER)
        blocked = await reader.read_story(story)  # asked again: refused again, kept anew
        assert blocked.reason == "the page could not be fetched: HTTP 403 Forbidden"
        assert await reader.read_story(story) == blocked
        assert requests(httpserver, "/breaking") == 2
        store.touch_article(url, blocked.fetched - cache.RETRY_FAILED_AFTER)
        served = await reader.read_story(story)
    assert requests(httpserver, "/breaking") == 3
    assert served.source == "extracted" and served.reason == ""
    assert len(served.related) == 16  # the seed page's "Latest World News"


async def test_not_html_falls_back(httpserver: HTTPServer, store: Store) -> None:
    httpserver.expect_request("/report.pdf").respond_with_data(
        b"%PDF-1.7 binary", content_type="application/pdf"
    )
    story = make_story(httpserver.url_for("/report.pdf"), summary="<p>Only a summary.</p>")
    async with ArticleReader(store, FAST, in_process=True) as reader:
        article = await reader.read_story(story)
        httpserver.expect_request("/other.pdf").respond_with_data(
            b"%PDF-1.7", content_type="application/pdf"
        )
        await _expect_error(reader, httpserver.url_for("/other.pdf"), "not HTML")
    assert (article.source, article.reason) == ("feed", "the page is not HTML (application/pdf)")
    assert article.text == "Only a summary."


async def test_paywalled_or_script_only_page_uses_the_fuller_feed_text(
    httpserver: HTTPServer, store: Store
) -> None:
    for name in ("paywall.html", "script-only.html"):
        httpserver.expect_request(f"/{name}").respond_with_data(page(name), content_type=HTML)
    async with ArticleReader(store, FAST, in_process=True) as reader:
        for name in ("paywall.html", "script-only.html"):
            story = make_story(httpserver.url_for(f"/{name}"), content=FULL_FEED_CONTENT)
            article = await reader.read_story(story)
            assert article.source == "feed", name
            assert article.reason.startswith("the page had too little text"), article.reason
            assert article.word_count > 400
        # without a feed to fall back on, a teaser is still shown; an empty shell is an error
        teaser = await reader.read_url(httpserver.url_for("/paywall.html"), refresh=True)
        assert teaser.source == "extracted" and "Warehouses" in teaser.text
        await _expect_error(reader, httpserver.url_for("/script-only.html"), "no article text")


async def test_a_page_that_breaks_the_extractor_falls_back(
    httpserver: HTTPServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(service, "extract_article", broken)
    url = serve_seed(httpserver)
    async with ArticleReader(store, FAST, in_process=True) as reader:
        article = await reader.read_story(make_story(url, content=FULL_FEED_CONTENT))
        await _expect_error(reader, url, "could not be extracted (RecursionError)")
    assert (article.source, article.reason) == (
        "feed",
        "the article could not be extracted (RecursionError)",
    )


async def test_timeouts_are_reported_and_not_cached(httpserver: HTTPServer, store: Store) -> None:
    url = "http://127.0.0.1:9/never"  # discard port: nothing listens, connection refused
    story = make_story(url, content=FULL_FEED_CONTENT)
    async with ArticleReader(store, FAST, in_process=True) as reader:
        article = await reader.read_story(story)
    assert article.source == "feed"
    assert article.reason.startswith("the page could not be fetched: connection refused")
    assert ArticleReader(store, FAST).cached(url) is None  # transient: try again next time


async def test_read_story_indexes_the_article_for_search(
    httpserver: HTTPServer, store: Store
) -> None:
    url = serve_seed(httpserver)
    feed = store.add_feed("https://feed.test/rss", title="World")
    entry = ParsedEntry(key="k1", url=url, title="Little ground", summary="<p>Teaser.</p>")
    record_fetch(store, feed.id, entry, at=1.0)
    story = store.stories()[0]
    assert store.story_ids(StoryFilter(search="Kaliningrad")) == []
    async with ArticleReader(store, FAST, in_process=True) as reader:
        await reader.read_story(story)
    assert store.story_ids(StoryFilter(search="Kaliningrad")) == [story.id]


async def test_prefetch_reads_many_and_summarises(httpserver: HTTPServer, store: Store) -> None:
    urls = [serve_seed(httpserver, f"/s/{n}") for n in range(3)]
    httpserver.expect_request("/s/missing").respond_with_data("", status=404)
    stories = [make_story(u, story_id=n + 1) for n, u in enumerate(urls)]
    stories.append(make_story(httpserver.url_for("/s/missing"), story_id=9, content="<p>x</p>"))
    stories.append(make_story("", story_id=10, summary="<p>No link at all.</p>"))
    async with ArticleReader(store, FAST, in_process=True) as reader:
        summary = await reader.prefetch(stories, concurrency=2)
        again = await reader.prefetch(stories[:3], concurrency=2)
    assert (summary.total, summary.extracted, summary.from_feed, summary.failed) == (5, 3, 2, 0)
    assert (again.cached, again.extracted) == (3, 0)
    assert "3 extracted" in str(summary)


async def test_one_shot_prefetch_closes_its_session(httpserver: HTTPServer, store: Store) -> None:
    reader = ArticleReader(store, FAST, in_process=True)
    summary = await reader.prefetch([make_story(serve_seed(httpserver))])
    assert summary.extracted == 1
    assert reader._fetcher is None  # nothing left open for `asyncio.run(...prefetch(...))`


async def test_extraction_runs_in_the_shared_process_pool(
    httpserver: HTTPServer, store: Store, stop_pool: None
) -> None:
    url = serve_seed(httpserver)
    async with ArticleReader(store, FAST) as reader:
        reader.prestart()
        article = await reader.read_url(url)
    assert article.source == "extracted" and len(article.related) == 16
    assert service.shared_pool().uses_processes


def requests(httpserver: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in httpserver.log if request.path == path)


async def _expect_error(reader: ArticleReader, url: str, words: str) -> None:
    try:
        await reader.read_url(url, refresh=True)
    except ReadError as error:
        assert words in error.message
    else:
        raise AssertionError(f"no ReadError for {url}")
