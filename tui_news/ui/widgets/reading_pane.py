"""The reading pane: an article's header, a notice when needed, and its Markdown body.

It shows what the screen hands it and nothing else: a placeholder, a "loading" state
with the header already filled in from the feed, the article, or a calm error. Link
clicks become `LinkClicked` messages (saying whether the link is one of the article's
"[Photo: …]" lines); the screen decides what opening means.

The Markdown widget (and markdown-it and Pygments behind it, ~60 ms of imports) is
built when the first article arrives, never for the first frame.

A long article is shown a part at a time (`PART_CHARS`): Textual lays out a widget per
paragraph on the event loop, and a 1 MB page froze the app for 0.7 s on opening and on
every resize (5 MB: 6.6 s). Moving on at the end of a part (j, space, G) adds the next.
"""

from __future__ import annotations

import asyncio
import re
from bisect import bisect_right
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urljoin

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tui_news.core.text import strip_escapes
from tui_news.reader.markdown import first_part
from tui_news.reader.pictures import Picture, in_markdown, label
from tui_news.ui.bindings import pane_binding
from tui_news.ui.history import TOP, Place
from tui_news.ui.text import inert, is_web_url
from tui_news.ui.widgets.article_lines import FittedUrl, Units

if TYPE_CHECKING:
    from textual.widgets import Markdown

# Markdown keeps newlines and tabs; every other control is dropped before display.
_BODY_CONTROLS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# About 8,000 words: a long read, and a few hundred paragraphs for Textual to lay out.
PART_CHARS = 50_000

PICTURE_ROWS = 14  # a lead picture's height where the pane is tall enough
PICTURE_MIN_ROWS = 4
ROOM_FOR_TEXT = 12  # rows kept for the heading (about 6) and the first lines of text

PLACEHOLDER = (
    "Nothing open yet.\n\n"
    "Move through the story list with j / k or the arrow keys and press enter to read a "
    "story here. Press ? for every key."
)


@dataclass(frozen=True, slots=True)
class Heading:
    """The lines above an article: known from the feed before the page arrives."""

    title: str
    url: str = ""
    source: str = ""
    author: str = ""
    date: str = ""
    minutes: int | None = None


class ReadingPane(VerticalScroll, can_focus=True, inherit_bindings=False):
    """Scrolls through one article; j/k scroll, space/b page, g/G jump."""

    BINDINGS: ClassVar[list[BindingType]] = [
        pane_binding("down", "scroll_down"),
        pane_binding("up", "scroll_up"),
        pane_binding("page_down", "page_or_read_on", show=True),
        pane_binding("page_up", "page_up"),
        pane_binding("top", "scroll_home"),
        pane_binding("bottom", "scroll_end"),
    ]

    @dataclass
    class LinkClicked(Message):
        """A link in the article body was clicked: a page, or the image of a picture line."""

        url: str
        title: str = ""
        picture: bool = False

    class ReadOn(Message):
        """`space` at the end of an article: the reader wants the next unread story."""

    def __init__(self, *, measure: int = 78, id: str | None = None) -> None:
        """`measure`: the most characters a line of the article holds."""
        super().__init__(id=id)
        self._measure = measure
        self._showing_article = False
        self._url = ""
        self._pictures: list[Picture] = []
        self._body: Markdown | None = None
        self._rest = ""  # the part of a long article not shown yet
        self._mounted: Awaitable[object] | None = None  # the body's first mount
        self._place = TOP  # where the reader is, as of the last scroll
        self._width = self._height = 0  # the size last laid out

    def compose(self) -> ComposeResult:
        yield Static(id="article-title", markup=False)
        yield Static(id="article-meta", markup=False)
        yield Static(id="article-url", markup=False)
        yield Vertical(id="article-picture")
        yield Static(id="article-notice", markup=False)

    def on_mount(self) -> None:
        self._set_measure()
        self.show_placeholder()

    def _set_measure(self) -> None:
        """Lines of a comfortable length, however wide the pane: the text keeps to the
        left and the rest of a wide pane stays empty."""
        for child in self.children:
            child.styles.max_width = self._measure

    @property
    def body(self) -> Markdown:
        return self._body_with("")

    def _body_with(self, markdown: str) -> Markdown:
        """The body, built (holding `markdown`) and mounted the first time it is needed."""
        if self._body is None:
            from textual.widgets import Markdown

            self._body = Markdown(markdown, id="article-body", open_links=False)
            self._mounted = self.mount(self._body)
            self.mount(Static(id="article-more", markup=False))
            self._set_measure()
        return self._body

    @property
    def more(self) -> str:
        """The note below a long article's shown part ("" when all of it is shown)."""
        if self._body is None:
            return ""
        return str(self.query_one("#article-more", Static).render()) if self._rest else ""

    @property
    def notice(self) -> str:
        return str(self.query_one("#article-notice", Static).render())

    def show_placeholder(self) -> None:
        self._showing_article = False
        self._set_heading(Heading(title=""))
        self._set_notice(PLACEHOLDER, "-placeholder")
        self._set_body("")

    def show_loading(self, heading: Heading) -> None:
        self._showing_article = False
        self._set_heading(heading)
        self._set_notice("Loading the full article…", "-loading")
        self._set_body("")

    def show_article(
        self, heading: Heading, markdown: str, notice: str = "", *, place: Place = TOP
    ) -> None:
        """`notice` (e.g. "this is the feed's summary, because…") sits above the text;
        `place` is where the reader was when they last left this article."""
        self._showing_article = True
        self._set_heading(heading)
        self._set_notice(notice, "-summary" if notice else "")
        shown = self._set_body(markdown)
        if place != TOP:
            self.run_worker(self._return_to(shown, place), group="scroll", exclusive=True)

    def place(self) -> Place:
        """Where the reader is: the body block at the top of the pane, and how far in.
        (A binary search: it runs on every scroll, and a long read has many blocks.)"""
        y = self.scroll_y
        if self._body is not None and self._body.display:
            top = self._body.virtual_region.y
            blocks = self._body.children
            index = bisect_right(blocks, y - top, key=_block_top) - 1
            if index >= 0:
                return Place(index, y - top - _block_top(blocks[index]))
        return Place(-1, y)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._place = self.place()

    def on_resize(self, event: events.Resize) -> None:
        """A new width wraps the text anew, a new height gives the lead picture another
        height: either way the text read stays at the top of the pane (its old scroll
        offset would show text further up or further on)."""
        pictures = self.query_one("#article-picture", Vertical).children
        moved = event.size.width != self._width or (
            bool(pictures) and event.size.height != self._height
        )
        if moved and self._showing_article and self._place != TOP:
            # Two refreshes on: the picture's height, set below, is laid out in the second
            # (after one, the text under it had not moved yet).
            place = self._place
            self.call_after_refresh(self.call_after_refresh, self._scroll_to_place, place)
        self._width, self._height = event.size.width, event.size.height
        for picture in pictures:
            picture.styles.height = self._picture_rows()

    async def _return_to(self, shown: Awaitable[object] | None, place: Place) -> None:
        """Back to `place`, once the body's blocks are laid out (and as many parts of a
        long article as reach that far)."""
        if shown is not None:
            await shown
        while self._rest and self._body is not None and place.block >= len(self._body.children):
            await self._add_part()
            await asyncio.sleep(0)  # let the new blocks be mounted
        self.call_after_refresh(self._scroll_to_place, place)

    def _scroll_to_place(self, place: Place) -> None:
        y = place.offset
        if self._body is not None and 0 <= place.block < len(self._body.children):
            block = self._body.children[place.block]
            y += self._body.virtual_region.y + block.virtual_region_with_margin.y
        self.scroll_to(y=y, animate=False, immediate=True)

    def show_error(self, heading: Heading, message: str) -> None:
        self._showing_article = False
        self._set_heading(heading)
        self._set_notice(message, "-error")
        self._set_body("")

    def show_picture(self, picture: Widget, url: str) -> None:
        """The lead picture above the text, if the pane still shows the article at `url`
        (the reader may have moved on while it was fetched)."""
        if url != self._url or not self._showing_article:
            return
        frame = self.query_one("#article-picture", Vertical)
        frame.remove_children()
        picture.styles.height = self._picture_rows()
        frame.mount(picture)
        frame.display = True

    def _picture_rows(self) -> int:
        """A picture's height: what the pane has left beside the heading and the first
        lines of text, so that in a short terminal the text begins on the first screen."""
        return max(PICTURE_MIN_ROWS, min(PICTURE_ROWS, self.size.height - ROOM_FOR_TEXT))

    def _set_heading(self, heading: Heading) -> None:
        frame = self.query_one("#article-picture", Vertical)
        frame.display = False
        frame.remove_children()
        self.query_one("#article-title", Static).update(Text(inert(heading.title)))
        meta = [inert(heading.source), inert(heading.author), heading.date]
        if heading.minutes:
            meta.append(f"{heading.minutes} min read")
        self.query_one("#article-meta", Static).update(Units(meta))
        self.query_one("#article-url", Static).update(FittedUrl(inert(heading.url)))
        self.set_class(not heading.title, "-empty")
        self._url = heading.url

    def _set_notice(self, text: str, kind: str) -> None:
        notice = self.query_one("#article-notice", Static)
        notice.update(Text(text))
        notice.set_classes(kind)
        notice.display = bool(text)

    def _set_body(self, markdown: str) -> Awaitable[object] | None:
        """Show `markdown`; what it returns is done once the body is laid out."""
        self.scroll_home(animate=False, immediate=True)
        if self._body is None and not markdown:
            return None  # nothing to show yet, so no Markdown widget yet
        shown, self._rest = first_part(markdown, PART_CHARS)
        shown = _displayable(shown)
        self._pictures = list(in_markdown(shown))
        fresh = self._body is None
        body = self._body_with(shown)
        body.display = bool(markdown)
        self._show_more_note()
        return self._mounted if fresh else body.update(shown)

    def _show_more_note(self) -> None:
        note = self.query_one("#article-more", Static)
        note.display = bool(self._rest)
        if self._rest:
            words = len(self._rest.split())
            note.update(Text(f"… {words:,} more words: j, space or G here shows the next part."))

    def _next_part(self) -> bool:
        """Show the next part of a long article if the end of the shown one is reached."""
        if not self._rest or not self.is_vertical_scroll_end:
            return False
        self._add_part()
        return True

    def _add_part(self) -> Awaitable[object]:
        part, self._rest = first_part(self._rest, PART_CHARS)
        part = _displayable(part)
        self._pictures += in_markdown(part)
        added = self.body.append("\n\n" + part)
        self._show_more_note()
        return added

    def action_scroll_down(self) -> None:
        if not self._next_part():
            super().action_scroll_down()

    def action_page_or_read_on(self) -> None:
        """Page down; at the end of an article (its last part), ask for the next unread
        story."""
        if self._next_part():
            return
        if self._showing_article and self.scroll_y >= self.max_scroll_y:
            self.post_message(self.ReadOn())
        else:
            self.scroll_page_down(animate=False)

    def action_scroll_end(self) -> None:
        if not self._next_part():
            super().action_scroll_end()

    @property
    def selected_picture(self) -> Picture | None:
        """The picture whose line holds the text selected in the body, if any: text
        selected in a picture line's own block, not a word of the article that a caption
        happens to hold too ("the" in the text is no picture)."""
        for widget, selection in self.screen.selections.items():
            if widget is not self and self not in widget.ancestors:
                continue
            selected = "".join(widget.get_selection(selection) or ()).strip()
            lines = in_markdown(str(getattr(widget, "source", "") or ""))
            picture = next((p for p in lines if selected and selected in label(p.caption)), None)
            if picture is not None:
                return picture
        return None

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        url = urljoin(self._url, event.href)
        if is_web_url(url):
            picture = any(url == p.url for p in self._pictures)
            self.post_message(self.LinkClicked(url, picture=picture))
        else:
            self.notify(f"Not a web link: {inert(event.href)}", severity="warning", markup=False)


def _block_top(block: Widget) -> int:
    """Where a block of the body starts, from the body's top."""
    return block.virtual_region_with_margin.y


def _displayable(markdown: str) -> str:
    """Markdown with escapes and controls out (done a part at a time: see PART_CHARS)."""
    return _BODY_CONTROLS_RE.sub("", strip_escapes(markdown))
