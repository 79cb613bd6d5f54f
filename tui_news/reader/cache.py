"""The article cache as the reader sees it: Articles in and out, trusted only on their site.

The rows themselves live in `core.storage.articles`; this module turns them into
`Article`s and decides which stored page may answer for a URL.
"""

from __future__ import annotations

import json
import time

from tui_news.core.storage import Store
from tui_news.core.storage.articles import CachedArticle
from tui_news.reader import urls
from tui_news.reader.article import Article

# The reason a story's own text stands in for a page the site refused (404, 403, 410…).
FETCH_FAILED = "the page could not be fetched: "
# Such a stand-in answers for the page this long; the next read after asks the site
# again: a story's page often 404s for its first minutes, and a block may lift.
RETRY_FAILED_AFTER = 3600.0


def load(store: Store, url: str) -> Article | None:
    """The cached article asked for as `url`, or whose canonical URL is `url`.

    A canonical URL is only what the page claims: it counts for a page on the same site
    as `url`, so that no page can stand in for another site's story.
    """
    if not url:
        return None
    for row in store.cached_articles(url):  # a site may give every page the same canonical
        article = _article(row)
        if article is not None and (row.url == url or urls.same_site(article.url or row.url, url)):
            return None if _failed_long_ago(article) else article
    return None


def _failed_long_ago(article: Article) -> bool:
    """A stand-in for a page the site refused, kept long enough to ask again."""
    return (
        article.source == "feed"
        and article.reason.startswith(FETCH_FAILED)
        and time.time() - article.fetched >= RETRY_FAILED_AFTER
    )


def _article(row: CachedArticle) -> Article | None:
    try:
        article = Article.from_record(json.loads(row.data))
    except (ValueError, TypeError, KeyError):
        return None  # written by an incompatible version: fetch again
    return article.with_fetch(
        input=article.input, fetched=row.fetched, etag=row.etag, last_modified=row.last_modified
    )


def save(store: Store, url: str, article: Article) -> None:
    """Remember `article` as the answer for `url` (and, through it, its canonical URL)."""
    store.save_article(
        url,
        canonical_url=article.canonical_url or None,
        fetched=article.fetched,
        etag=article.etag,
        last_modified=article.last_modified,
        data=json.dumps(article.to_record(), ensure_ascii=False),
        extracted=article.source == "extracted",
    )


def touch(store: Store, url: str, fetched: float) -> None:
    """A conditional re-fetch said "not modified": only the check time changes."""
    store.touch_article(url, fetched)
