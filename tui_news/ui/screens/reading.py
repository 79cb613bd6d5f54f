"""Reading: open a story or a link, extract it in a worker, fill the sidebar, go back.

Extraction is awaited in an exclusive async worker, so opening something else
cancels the stale load; a cached article is shown at once without a loading flash.
This helper owns the history; the reading pane and the sidebar only show what it
hands them.
"""

from __future__ import annotations

import asyncio
import sys
from functools import partial
from typing import TYPE_CHECKING

from tui_news.core.dates import long_date
from tui_news.core.urls import bare_host, without_userinfo
from tui_news.ui.backend import import_off_loop
from tui_news.ui.history import TOP, History, Location, Place
from tui_news.ui.related import build_groups, find_related
from tui_news.ui.text import error_message, inert
from tui_news.ui.widgets.reading_pane import Heading

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui_news.core.models import Story
    from tui_news.reader.article import Article
    from tui_news.reader.service import ArticleReader
    from tui_news.ui.screens.main import MainScreen

READER_MODULE = "tui_news.reader.service"
PREFETCH_DELAY = 0.6
NOTHING_OPEN = "Related links appear here when you open a story."


def heading_for(location: Location, story: Story | None, article: Article | None = None) -> Heading:
    """The article header from whatever is known yet: the article, the story, the link."""
    title = (article.title if article else "") or (story.title if story else "")
    source = (article.sitename if article else "") or (story.feed_title if story else "")
    author = (article.author if article else "") or (story.author if story else "")
    date = long_date(article.date) if article and article.date else ""
    if not date and story is not None:
        date = long_date(story.published)
    url = without_userinfo(location.url or (article.url if article else ""))
    return Heading(
        title=title or location.title or url,
        url=url,
        source=source or bare_host(url),
        author=author,
        date=date,
        minutes=article.reading_minutes if article else None,
    )


def notice_for(article: Article) -> str:
    """What the reader should know about the text below, if anything."""
    unsaved = f" {inert(article.unsaved).capitalize()}." if article.unsaved else ""
    if article.source != "feed":
        return unsaved.strip()
    reason = inert(article.reason) or "the full article could not be extracted"
    if not article.text.strip():
        return (
            f"Only the headline is available ({reason}). Press o to open it in the browser."
            + unsaved
        )
    return f"Showing the feed's summary, not the full article: {reason}.{unsaved}"


class Reading:
    """What the reading pane and the sidebar show, and how to move through it."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.history = History()
        self._prefetch_timer: Timer | None = None

    # -- opening -----------------------------------------------------------------------

    def open_location(self, location: Location) -> None:
        self.history.leave(self.screen.reader.place())
        self.history.visit(location)
        self.show(location)

    def open_story(self, story_id: int) -> None:
        story = self.screen.backend.store.story(story_id)
        if story is None:
            self.screen.notify("That story is no longer in the cache.", severity="warning")
            return
        self.open_location(Location.story(story.id, story.url, story.title))

    def open_page(self, url: str, title: str = "") -> None:
        self.open_location(Location.page(url, title))

    def show(self, location: Location) -> None:
        """Show `location` in the reading pane (it is already in the history)."""
        screen = self.screen
        story = screen.backend.store.story(location.story_id) if location.story_id else None
        if (
            story is not None
            and not story.read
            and screen.story_actions.marks_read_on_open(story.id)
        ):
            rows = screen.stories.rows([story.id])
            if rows:
                screen.story_actions.set_read(rows[0], True)
        screen.related.show_message("Looking for related links…")
        cached = self._cached_article(location)
        if cached is not None:
            self._show_article(location, story, cached, self.history.place())
            return
        screen.reader.show_loading(heading_for(location, story))
        screen.run_job(
            partial(self._load_article, location, story),
            group="article",
            exclusive=True,
        )

    def show_nothing(self) -> None:
        self.screen.reader.show_placeholder()
        self.screen.related.show_message(NOTHING_OPEN)

    def _cached_article(self, location: Location) -> Article | None:
        if not location.url or READER_MODULE not in sys.modules:
            return None
        try:
            return self.screen.backend.reader().cached(location.url)
        except Exception:  # a damaged cache entry is simply fetched again
            return None

    async def get_reader(self) -> ArticleReader:
        """The article reader; its first import (trafilatura) happens off the loop."""
        await import_off_loop(READER_MODULE)
        return self.screen.backend.reader()

    async def _load_article(self, location: Location, story: Story | None) -> None:
        heading = heading_for(location, story)
        try:
            reader = await self.get_reader()
            if story is not None:
                article = await reader.read_story(story)
            else:
                article = await reader.read_url(location.url)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if self.history.current == location:
                message = error_message(error)
                self.screen.reader.show_error(heading, f"Could not load this page: {message}")
                self.screen.related.show_message("No related links.")
            return
        if self.history.current == location:
            self._show_article(location, story, article, self.history.place())

    def _show_article(
        self, location: Location, story: Story | None, article: Article, place: Place = TOP
    ) -> None:
        heading = heading_for(location, story, article)
        self.screen.reader.show_article(heading, article.text, notice_for(article), place=place)
        self.screen.pictures.show_for(heading.url, article)
        self.screen.run_job(
            partial(self._find_related, location, story, article),
            group="related",
            exclusive=True,
        )

    async def _find_related(
        self, location: Location, story: Story | None, article: Article
    ) -> None:
        title = story.title if story is not None else article.title
        exclude = story.id if story is not None else None
        try:
            cached = await self.screen.db(
                lambda store: find_related(store, article, title=title, exclude=exclude)
            )
        except Exception as error:
            # The page's own links matter more than the cache's matches: show them anyway.
            self.screen.log.warning(f"related stories lookup failed: {error!r}")
            cached = []
        if self.history.current == location:
            self.screen.related.show_groups(build_groups(article, cached))

    # -- the list's cursor -------------------------------------------------------------

    def highlighted(self, story_id: int | None) -> None:
        """The list's cursor rests on `story_id`: warm the cache for it, if asked to."""
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        if self.screen.config.full_text_prefetch and story_id is not None:
            self._prefetch_timer = self.screen.set_timer(
                PREFETCH_DELAY, partial(self._start_prefetch, story_id)
            )

    def stop_warming(self) -> None:
        """No more warming of the cursor's story: its feed is about to go, and a read
        it joined must not be asked for again once the feed's own prefetch ends."""
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self.screen.workers.cancel_group(self.screen, "prefetch")

    def _start_prefetch(self, story_id: int) -> None:
        self.screen.run_job(partial(self._prefetch, story_id), group="prefetch", exclusive=True)

    async def _prefetch(self, story_id: int) -> None:
        """Nobody asked, so failures stay quiet (opening the story will fetch again and
        say what went wrong)."""
        try:
            story = self.screen.backend.store.story(story_id)
            if story is not None and story.url:
                reader = await self.get_reader()
                await reader.prefetch([story])
        except Exception as error:
            self.screen.log.warning(f"prefetch of story {story_id} failed: {error!r}")

    # -- history -----------------------------------------------------------------------

    def back(self) -> None:
        """Back to what the pane showed before, scrolled to where the reader left it."""
        if self.history.can_go_back:
            self.history.leave(self.screen.reader.place())
            location = self.history.back()
            if location is not None:
                self.show(location)

    def forward(self) -> None:
        if self.history.can_go_forward:
            self.history.leave(self.screen.reader.place())
            location = self.history.forward()
            if location is not None:
                self.show(location)

    def forget_missing(self) -> None:
        """Stories the cache lost (a sync removed their feed, old ones were pruned): out
        of the history and off the pane, as when a feed is deleted here."""
        store = self.screen.backend.store
        gone = {i for i in self.history.story_ids() if store.story(i) is None}
        if gone:
            self.forget_stories(gone)

    def forget_stories(self, story_ids: set[int]) -> None:
        """Those stories are gone (their feed was deleted): out of the history, and off
        the reading pane if it shows one."""
        shown = self.history.current
        self.history.forget_story(story_ids)
        if shown is not None and self.history.current != shown:
            if self.history.current is not None:
                self.show(self.history.current)
            else:
                self.show_nothing()
