"""The article cache's table: one row per URL a reader asked for.

The page's canonical URL sits beside it, so a later request for either finds it. What an
article holds is the reader's business: it is stored as the reader's JSON record, which
lets the record grow without a migration.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_news.core.storage.base import StorageBase


@dataclass(frozen=True, slots=True)
class CachedArticle:
    """One stored answer for `url`: the reader's record and how it was fetched."""

    url: str
    data: str
    fetched: float
    etag: str | None
    last_modified: str | None


class ArticleStorage(StorageBase):
    """Stored article pages, by the URL asked for and by their canonical URL."""

    def cached_articles(self, url: str) -> list[CachedArticle]:
        """Rows stored for `url` or claiming it as their canonical URL; `url`'s own first."""
        rows = self._query(
            """SELECT url, data, fetched, etag, last_modified FROM articles
               WHERE url = ? OR canonical_url = ?
               ORDER BY url = ? DESC, fetched DESC""",
            (url, url, url),
        )
        return [
            CachedArticle(
                row["url"], row["data"], float(row["fetched"]), row["etag"], row["last_modified"]
            )
            for row in rows
        ]

    def save_article(
        self,
        url: str,
        *,
        canonical_url: str | None,
        fetched: float,
        etag: str | None,
        last_modified: str | None,
        data: str,
        extracted: bool = False,
    ) -> None:
        """Remember `data` as the answer for `url` (and, through it, its canonical URL);
        `extracted`: it holds the page's own text, not the feed's stand-in."""
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO articles
                     (url, canonical_url, fetched, etag, last_modified, data, extracted)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (url) DO UPDATE SET
                     canonical_url = excluded.canonical_url, fetched = excluded.fetched,
                     etag = excluded.etag, last_modified = excluded.last_modified,
                     data = excluded.data, extracted = excluded.extracted""",
                (url, canonical_url, fetched, etag, last_modified, data, int(extracted)),
            )

    def touch_article(self, url: str, fetched: float) -> None:
        """A conditional re-fetch said "not modified": only the check time changes."""
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET fetched = ? WHERE url = ?", (fetched, url))
