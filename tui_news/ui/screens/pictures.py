"""The lead picture above an article, where the terminal can draw one.

Fetched (or read from the cache) and decoded off the event loop, then handed to the
reading pane, which shows it only if the reader is still on that article. The
"[Photo: …]" caption line stays in the text either way.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from tui_news.reader.pictures import lead_picture
from tui_news.ui import images

if TYPE_CHECKING:
    from tui_news.reader.article import Article
    from tui_news.ui.screens.main import MainScreen


class LeadPictures:
    """Shows each article's lead picture, when the setting and the terminal allow."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def show_for(self, page_url: str, article: Article) -> None:
        """`article` is on screen as `page_url`: add its lead picture, if it has one."""
        if not self.screen.config.images or images.kind() is None:
            return
        picture = lead_picture(article.text)
        if picture is not None:
            self.screen.run_job(
                partial(self._show, page_url, picture.url), group="picture", exclusive=True
            )

    async def _show(self, page_url: str, image_url: str) -> None:
        data = await self.screen.backend.images().load(image_url)
        if data is None:
            return
        try:
            image = await asyncio.to_thread(images.decode, data)
        except Exception as error:  # not an image Pillow reads: the caption will do
            self.screen.log.warning(f"lead image {image_url!r} unreadable: {error!r}")
            return
        self.screen.reader.show_picture(images.picture_widget(image), page_url)
