"""Reading: open a story or a link, extract it in a worker, fill the sidebar, go back.

Extraction is awaited in an exclusive async worker, so opening something else
cancels the stale load; a cached article is shown at once without a loading flash.
"""

from __future__ import annotations

import asyncio
import sys
import webbrowser
from typing import TYPE_CHECKING

from textual import work
from textual.app import SuspendNotSupported
from textual.timer import Timer

from tui_news.core.urls import bare_host
from tui_news.ui.backend import import_off_loop
from tui_news.ui.browser import find_browser, open_with, runs_in_terminal
from tui_news.ui.commands import LIST, RELATED
from tui_news.ui.history import Location
from tui_news.ui.related import build_groups, find_related
from tui_news.ui.screens.main_state import MainState
from tui_news.ui.text import inert, is_web_url, long_date, without_credentials
from tui_news.ui.widgets.reading_pane import Heading, ReadingPane
from tui_news.ui.widgets.related_sidebar import RelatedSidebar
from tui_news.ui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from tui_news.core.models import Story
    from tui_news.reader.article import Article
    from tui_news.reader.service import ArticleReader

READER_MODULE = "tui_news.reader.service"
PREFETCH_DELAY = 0.6


def heading_for(location: Location, story: Story | None, article: Article | None = None) -> Heading:
    """The article header from whatever is known yet: the article, the story, the link."""
    title = (article.title if article else "") or (story.title if story else "")
    source = (article.sitename if article else "") or (story.feed_title if story else "")
    author = (article.author if article else "") or (story.author if story else "")
    date = long_date(article.date) if article and article.date else ""
    if not date and story is not None:
        date = long_date(story.published)
    url = without_credentials(location.url or (article.url if article else ""))
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
    if article.source != "feed":
        return ""
    reason = inert(article.reason) or "the full article could not be extracted"
    if not article.text.strip():
        return f"Only the headline is available ({reason}). Press o to open it in the browser."
    return f"Showing the feed's summary, not the full article: {reason}."


class ReadingPart(MainState):
    """What the reading pane and the sidebar show, and how to move through it."""

    _prefetch_timer: Timer | None = None

    # -- opening -----------------------------------------------------------------------

    def open_location(self, location: Location) -> None:
        self.history.visit(location)
        self.show_location(location)

    def open_story(self, story_id: int) -> None:
        story = self.backend.store.story(story_id)
        if story is None:
            self.notify("That story is no longer in the cache.", severity="warning")
            return
        self.open_location(Location.story(story.id, story.url, story.title))

    def show_location(self, location: Location) -> None:
        story = self.backend.store.story(location.story_id) if location.story_id else None
        if story is not None and self.config.mark_read_on_open and not story.read:
            rows = self.stories.rows([story.id])
            if rows:
                self.set_read(rows[0], True)
        self.related.show_message("Looking for related links…")
        cached = self._cached_article(location)
        if cached is not None:
            self._show_article(location, story, cached)
            return
        self.reader.show_loading(heading_for(location, story))
        self.load_article(location, story)

    def _cached_article(self, location: Location) -> Article | None:
        if not location.url or READER_MODULE not in sys.modules:
            return None
        try:
            return self.backend.reader().cached(location.url)
        except Exception:  # a damaged cache entry is simply fetched again
            return None

    async def get_reader(self) -> ArticleReader:
        """The article reader; its first import (trafilatura) happens off the loop."""
        await import_off_loop(READER_MODULE)
        return self.backend.reader()

    @work(exclusive=True, group="article", exit_on_error=False)
    async def load_article(self, location: Location, story: Story | None) -> None:
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
                message = inert(str(error)) or type(error).__name__
                self.reader.show_error(heading, f"Could not load this page: {message}")
                self.related.show_message("No related links.")
            return
        if self.history.current == location:
            self._show_article(location, story, article)

    def _show_article(self, location: Location, story: Story | None, article: Article) -> None:
        self.reader.show_article(
            heading_for(location, story, article), article.text, notice_for(article)
        )
        self.find_related_stories(location, story, article)

    @work(exclusive=True, group="related", exit_on_error=False)
    async def find_related_stories(
        self, location: Location, story: Story | None, article: Article
    ) -> None:
        title = story.title if story is not None else article.title
        exclude = story.id if story is not None else None
        try:
            cached = await self.db(
                lambda store: find_related(store, article, title=title, exclude=exclude)
            )
        except Exception as error:
            # The page's own links matter more than the cache's matches: show them anyway.
            self.log.warning(f"related stories lookup failed: {error!r}")
            cached = []
        if self.history.current == location:
            self.related.show_groups(build_groups(article, cached))

    # -- messages from the panes -------------------------------------------------------

    def on_story_list_selected(self, message: StoryList.Selected) -> None:
        self.open_story(message.story_id)

    def on_story_list_highlighted(self, message: StoryList.Highlighted) -> None:
        self.note_activity()
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        if self.config.full_text_prefetch and message.story_id is not None:
            story_id = message.story_id
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, lambda: self.prefetch(story_id))

    @work(exclusive=True, group="prefetch", exit_on_error=False)
    async def prefetch(self, story_id: int) -> None:
        """Warm the cache for the highlighted story: nobody asked, so failures stay quiet
        (opening the story will fetch again and say what went wrong)."""
        try:
            story = self.backend.store.story(story_id)
            if story is not None and story.url:
                reader = await self.get_reader()
                await reader.prefetch([story])
        except Exception as error:
            self.log.warning(f"prefetch of story {story_id} failed: {error!r}")

    def on_reading_pane_link_clicked(self, message: ReadingPane.LinkClicked) -> None:
        if message.picture:  # an image: the browser shows it, the reading pane cannot
            self.open_in_browser(without_credentials(message.url))
        else:
            self.open_location(Location.page(message.url, message.title))

    def on_related_sidebar_open_link(self, message: RelatedSidebar.OpenLink) -> None:
        self.open_location(Location.page(message.url, message.title))

    def on_related_sidebar_open_story(self, message: RelatedSidebar.OpenStory) -> None:
        self.open_story(message.story_id)

    # -- history and links -------------------------------------------------------------

    def action_back(self) -> None:
        location = self.history.back()
        if location is not None:
            self.show_location(location)

    def action_forward(self) -> None:
        location = self.history.forward()
        if location is not None:
            self.show_location(location)

    def current_url(self) -> str:
        """The link `o` and `y` act on: whatever the focused pane points at."""
        return without_credentials(self._focused_url())

    def _focused_url(self) -> str:
        """The related link highlighted, the story highlighted, or the page being read (or
        the image of the "[Photo: …]" line whose text is selected in it)."""
        pane = self.focused_pane()
        if pane == RELATED:
            item = self.related.highlighted_item
            return item.url if item is not None else ""
        picture = self.reader.selected_picture if pane != LIST else None
        if picture is not None:
            return picture.url
        if pane != LIST and self.history.current is not None:
            return self.history.current.url
        row = self.stories.highlighted_row()
        return row.url if row is not None else ""

    def action_open_browser(self) -> None:
        self.open_in_browser(self.current_url())

    def open_in_browser(self, url: str) -> None:
        if not is_web_url(url):
            self.notify("There is no web link to open here.", severity="warning")
            return
        self.notify(f"Opening {bare_host(url)} in the browser…", markup=False)
        browser = self.config.browser
        self.run_worker(
            lambda: self._open_url(url, browser), thread=True, group="browser", exit_on_error=False
        )

    def _open_url(self, url: str, browser: str) -> None:
        """On a thread: finding the browser may run programs (xdg-settings)."""
        controller = find_browser(browser)
        if isinstance(controller, str):
            problem = controller
        elif runs_in_terminal(controller):
            problem = self.app.call_from_thread(self._open_in_terminal, controller, url)
        else:
            problem = open_with(controller, url)
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="error", markup=False)

    def _open_in_terminal(self, controller: webbrowser.BaseBrowser, url: str) -> str:
        """A console browser gets the terminal until the user quits it (the app waits)."""
        try:
            with self.app.suspend():
                return open_with(controller, url)
        except SuspendNotSupported:
            return (
                "This terminal cannot be handed to a console browser: set browser to a "
                'command line ending in " &" in the config file.'
            )

    def action_copy_url(self) -> None:
        url = self.current_url()
        if not is_web_url(url):  # a javascript: or file: link is no one's to paste
            self.notify("There is no web link to copy here.", severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify("Copied the link to the clipboard.")
