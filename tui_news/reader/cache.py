"""The article cache as the reader sees it: Articles in and out, trusted only on their site.

The rows themselves live in `core.storage.articles`; this module turns them into
`Article`s and decides which stored page may answer for a URL.
"""

from __future__ import annotations

import json

from tui_news.core.storage import Store
from tui_news.core.storage.articles import CachedArticle
from tui_news.reader import urls
from tui_news.reader.article import Article


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
            return article
    return None


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
