"""The image cache's table: the lead images the reading pane showed, by URL.

Only the newest `KEEP` are kept (a few tens of megabytes at most): a picture is worth
keeping for a second look and for reading offline, not for ever.
"""

from __future__ import annotations

from tui_news.core.storage.base import StorageBase

KEEP = 300


class ImageStorage(StorageBase):
    """Stored images, by the URL they were fetched from."""

    def cached_image(self, url: str) -> bytes | None:
        rows = self._query("SELECT body FROM images WHERE url = ?", (url,))
        return bytes(rows[0]["body"]) if rows else None

    def save_image(self, url: str, body: bytes, *, fetched: float) -> None:
        """Keep `body` as the image at `url`; the oldest beyond `KEEP` go."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO images (url, body, fetched) VALUES (?, ?, ?)",
                (url, body, fetched),
            )
            conn.execute(
                """DELETE FROM images WHERE url NOT IN
                   (SELECT url FROM images ORDER BY fetched DESC LIMIT ?)""",
                (KEEP,),
            )
