"""Lead images: the picture an article opens with, fetched once and kept in the cache.

An article's pictures are "[Photo: caption](url)" lines in its text; the lead one is
`pictures.lead_picture`. `ImageLoader` hands back its bytes from the
cache, or fetches them (an image type, at most `MAX_IMAGE_BYTES`) and caches them.
Headless: the reading pane decides whether and how the terminal can show them.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import replace

from tui_news.core.errors import NewstermError
from tui_news.core.net.fetch import Fetcher
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,image/*;q=0.8"


class ImageLoader:
    """`await loader.load(url)`: an image's bytes, from the cache or the network."""

    def __init__(self, store: Store | None, limits: FetchLimits) -> None:
        self.store = store
        self.limits = replace(limits, max_bytes=min(limits.max_bytes, MAX_IMAGE_BYTES))
        self._fetcher: Fetcher | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def load(self, url: str) -> bytes | None:
        """The image at `url`, or None when it cannot be had (not an image, too big,
        the network): a picture is an extra, and its caption line says what it shows."""
        if self.store is not None:
            cached = await asyncio.to_thread(self.store.cached_image, url)
            if cached is not None:
                return cached
        try:
            fetcher = await self._session()
            result = await fetcher.get(url, accept=IMAGE_ACCEPT)
        except NewstermError:
            return None
        if not result.mime_type.startswith("image/") or not result.body:
            return None
        if self.store is not None:
            # A full disk costs the offline copy, not the picture.
            with contextlib.suppress(NewstermError):
                await asyncio.to_thread(self._save, url, result.body)
        return result.body

    def _save(self, url: str, body: bytes) -> None:
        assert self.store is not None
        self.store.save_image(url, body, fetched=time.time())

    async def _session(self) -> Fetcher:
        loop = asyncio.get_running_loop()
        if self._fetcher is None or self._loop is not loop:
            self._fetcher = Fetcher(self.limits)
            await self._fetcher.open()
            self._loop = loop
        return self._fetcher

    async def close(self) -> None:
        fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            await fetcher.close()
