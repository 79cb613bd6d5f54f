"""The article cache: the only place SQL for the `articles` table lives.

One row per URL a reader asked for, with the page's canonical URL beside it, so a
later request for either finds it. The article itself is JSON (`Article.to_record`),
which lets the record grow without a migration.
"""

from __future__ import annotations

import json
import sqlite3

from tui_news.core.store import Store
from tui_news.reader import urls
from tui_news.reader.article import Article


def load(store: Store, url: str) -> Article | None:
    """The cached article asked for as `url`, or whose canonical URL is `url`.

    A canonical URL is only what the page claims: it counts for a page on the same site
    as `url`, so that no page can stand in for another site's story.
    """
    if not url:
        return None
    with store.lock:
        rows = store.conn.execute(
            """SELECT url, data, fetched, etag, last_modified FROM articles
               WHERE url = ? OR canonical_url = ?
               ORDER BY url = ? DESC, fetched DESC""",
            (url, url, url),
        )
        for row in rows:  # one at a time: a site may give every page the same canonical
            article = _article(row)
            if article is not None and (
                row["url"] == url or urls.same_site(article.url or row["url"], url)
            ):
                return article
    return None


def _article(row: sqlite3.Row) -> Article | None:
    try:
        record = json.loads(row["data"])
        article = Article.from_record(record)
    except (ValueError, TypeError, KeyError):
        return None  # written by an incompatible version: fetch again
    return article.with_fetch(
        input=article.input,
        fetched=float(row["fetched"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
    )


def save(store: Store, url: str, article: Article) -> None:
    """Remember `article` as the answer for `url` (and, through it, its canonical URL)."""
    data = json.dumps(article.to_record(), ensure_ascii=False)
    with store.transaction() as conn:
        conn.execute(
            """INSERT INTO articles (url, canonical_url, fetched, etag, last_modified, data)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET
                 canonical_url = excluded.canonical_url, fetched = excluded.fetched,
                 etag = excluded.etag, last_modified = excluded.last_modified,
                 data = excluded.data""",
            (
                url,
                article.canonical_url or None,
                article.fetched,
                article.etag,
                article.last_modified,
                data,
            ),
        )


def touch(store: Store, url: str, fetched: float) -> None:
    """A conditional re-fetch said "not modified": only the check time changes."""
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET fetched = ? WHERE url = ?", (fetched, url))
