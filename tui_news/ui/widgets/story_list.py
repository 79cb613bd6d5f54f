"""The story list: one line per story, built only for the lines on screen.

A view may hold every story ever cached (50,000 or more), so this is a Line-API
`ScrollView` in the manner of toolong: it keeps the view's ids (cheap ints), asks its
data source for the rows of the visible window, keeps them in a small LRU cache, and
renders lines on demand. Nothing here knows about the store; it posts intent up.
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_news.core.dates import age
from tui_news.core.models import StoryRow
from tui_news.ui.bindings import list_pane_bindings
from tui_news.ui.story_line import ONE_LINE, line_parts

RowSource = Callable[[Sequence[int]], list[StoryRow]]

# Rows fetched around the visible window on a cache miss, so scrolling rarely waits.
MARGIN = 40
# How often the ages ("5m") are redrawn; only lines whose age changed are rendered.
AGE_TICK = 60.0


@dataclass(frozen=True, slots=True)
class _Line:
    """Everything a rendered line depends on: the key of the strip cache."""

    row: StoryRow
    age: str
    width: int
    cursor: bool
    focused: bool
    feed_column: int
    line: int  # ONE_LINE, or which of a two-line row's lines


class StoryList(ScrollView, can_focus=True, inherit_bindings=False):
    """The stories of the current view, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *list_pane_bindings(),
        Binding("shift+up", "cursor_up", show=False),
        Binding("shift+down", "cursor_down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-list--cursor",
        "story-list--unread",
        "story-list--read",
        "story-list--mark",
        "story-list--star",
        "story-list--source",
        "story-list--age",
        "story-list--empty",
    }

    @dataclass
    class Highlighted(Message):
        """The cursor rests on another story (or on none: the view is empty)."""

        story_id: int | None

    @dataclass
    class Selected(Message):
        """The user asked to open a story (enter or a click)."""

        story_id: int

    cursor: var[int] = var(0)
    empty_text: var[str] = var("")  # blank until the first ids arrive
    feed_column: var[int] = var(16, init=False)  # feed names' width; 0: one feed, no names
    two_line: var[bool] = var(False, init=False)  # title, then a dim line: feed and age

    def __init__(
        self,
        rows: RowSource,
        *,
        clock: Callable[[], float] = time.time,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._source = rows
        self._clock = clock
        self._ids: list[int] = []
        self._rows: LRUCache[int, StoryRow] = LRUCache(1024)
        self._strips: LRUCache[_Line, Strip] = LRUCache(512)
        self._last_highlighted: int | None = None

    def on_mount(self) -> None:
        self.set_interval(AGE_TICK, self.refresh)

    # -- what the screen uses ----------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    @property
    def highlighted_id(self) -> int | None:
        return self._ids[self.cursor] if self._ids else None

    def highlighted_row(self) -> StoryRow | None:
        return self._row_at(self.cursor) if self._ids else None

    def set_ids(self, ids: list[int], *, keep: int | None = None, reset: bool = False) -> None:
        """Show a new id list.

        With `reset` the list starts from the top, the cursor on `keep` if given (else on
        the first story). Otherwise the cursor stays on `keep` (or on the same index),
        and on the same screen line: stories arriving above it push the list, not the
        reader's place in it.
        """
        old_cursor, old_top = (0, 0) if reset else (self.cursor, self.scroll_offset.y)
        self._ids = ids
        self.virtual_size = Size(0, len(ids) * self.row_height)
        index = self._index_of(keep)
        if index is None:
            index = min(old_cursor, max(len(ids) - 1, 0))
        self.set_reactive(StoryList.cursor, index)
        top = 0 if reset else old_top + (index - old_cursor) * self.row_height
        self.scroll_to(y=max(0, top), animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self._strips.clear()
        self.refresh()
        self._post_highlight()

    def contains(self, story_id: int) -> bool:
        return self._index_of(story_id) is not None

    def move_to(self, story_id: int) -> bool:
        index = self._index_of(story_id)
        if index is not None:
            self.cursor = index
        return index is not None

    def update_row(self, row: StoryRow) -> None:
        """A story's flags changed: redraw its line from the new row."""
        if row.id in self._rows:
            self._rows.discard(row.id)  # LRUCache.set keeps an existing value
            self._rows[row.id] = row
        index = self._index_of(row.id)
        if index is not None:
            self.refresh_row(index)

    def set_flags(
        self, story_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        row = self._rows.get(story_id)
        if row is None:
            return
        self.update_row(
            replace(
                row,
                read=row.read if read is None else read,
                starred=row.starred if starred is None else starred,
            )
        )

    def forget_rows(self) -> None:
        """Drop cached rows (after a refresh, titles and flags may have changed)."""
        self._rows.clear()
        self._strips.clear()
        self.refresh()

    def rows(self, ids: Sequence[int]) -> list[StoryRow]:
        """Rows for `ids`, from the cache when possible."""
        missing = [i for i in ids if i not in self._rows]
        if missing:
            for row in self._source(missing):
                self._rows[row.id] = row
        found = (self._rows.get(story_id) for story_id in ids)
        return [row for row in found if row is not None]

    # -- rendering ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    @property
    def row_height(self) -> int:
        return 2 if self.two_line else 1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, self.row_height)
        if index >= len(self._ids):
            return self._blank_line(y, width)
        row = self._row_at(index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        line = _Line(
            row,
            age(row.sort_time, self._clock()),
            width,
            index == self.cursor,
            self.has_focus,
            self.feed_column,
            part if self.two_line else ONE_LINE,
        )
        strip = self._strips.get(line)
        if strip is None:
            strip = self._strips[line] = self._render_row(line)
        return strip

    def _blank_line(self, y: int, width: int) -> Strip:
        if not self._ids:
            lines = textwrap.wrap(self.empty_text, max(10, width - 4))
            if 1 <= y <= len(lines):
                style = self.get_component_rich_style("story-list--empty")
                return Strip([Segment(set_cell_size("  " + lines[y - 1], width), style)], width)
        return Strip.blank(width, self.rich_style)

    def _row_at(self, index: int) -> StoryRow | None:
        story_id = self._ids[index]
        row = self._rows.get(story_id)
        if row is None:
            top = self.scroll_offset.y // self.row_height
            window = self._ids[
                max(0, min(index, top) - MARGIN) : max(index, top) + self.size.height + MARGIN
            ]
            self.rows(window)
            row = self._rows.get(story_id)
        return row

    def _render_row(self, line: _Line) -> Strip:
        row = line.row
        base = self.get_component_rich_style(
            "story-list--read" if row.read else "story-list--unread"
        )
        if line.cursor:
            base += self.get_component_rich_style("story-list--cursor")

        def part(name: str) -> Style:
            # On the cursor line the cursor's colours win: an accent-coloured mark can
            # vanish into a theme's cursor colour, and the glyphs already tell them apart.
            # Off it, the full style (not partial): `auto` colours such as $text-muted
            # resolve only against the list's background (partial ones come out white).
            return base if line.cursor else base + self.get_component_rich_style(name)

        parts = line_parts(row, line.width, line.age, feed_column=line.feed_column, line=line.line)
        segments = [
            Segment(text, part(f"story-list--{name}") if name else base) for text, name in parts
        ]
        return Strip(segments).adjust_cell_length(line.width, base)

    # -- actions and events ------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._ids) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self._scroll_cursor_into_view()
        self._post_highlight()

    def watch_empty_text(self) -> None:
        self.refresh()

    def watch_feed_column(self) -> None:
        self._strips.clear()
        self.refresh()

    def watch_two_line(self, two_line: bool) -> None:
        """Same rows, new height: the cursor's row stays where it was on screen."""
        old_height = 1 if two_line else 2
        on_screen = self.cursor - self.scroll_offset.y // old_height
        self.virtual_size = Size(0, len(self._ids) * self.row_height)
        top = (self.cursor - on_screen) * self.row_height
        self.scroll_to(y=max(0, top), animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self._strips.clear()
        self.refresh()

    def refresh_row(self, index: int) -> None:
        for line in range(index * self.row_height, (index + 1) * self.row_height):
            self.refresh_line(line)

    def on_resize(self, event: events.Resize) -> None:
        # A smaller terminal (or the search box opening) must not hide the cursor.
        self.call_after_refresh(self._scroll_cursor_into_view)

    def on_focus(self) -> None:
        self.refresh_row(self.cursor)

    def on_blur(self) -> None:
        self.refresh_row(self.cursor)

    def _post_highlight(self) -> None:
        story_id = self.highlighted_id
        if story_id != self._last_highlighted:
            self._last_highlighted = story_id
            self.post_message(self.Highlighted(story_id))

    def _scroll_cursor_into_view(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        first = self.cursor * self.row_height
        last = first + self.row_height - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    def _page(self) -> int:
        """Rows per page: one fewer than fit, so the last row stays in view."""
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        lines = self._page() * self.row_height
        self.scroll_to(y=self.scroll_offset.y + lines, animate=False, immediate=True)
        self.cursor += self._page()

    def action_page_up(self) -> None:
        lines = self._page() * self.row_height
        self.scroll_to(y=self.scroll_offset.y - lines, animate=False, immediate=True)
        self.cursor -= self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_select(self) -> None:
        if (story_id := self.highlighted_id) is not None:
            self.post_message(self.Selected(story_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // self.row_height
        if 0 <= index < len(self._ids):
            self.cursor = index
            self.action_select()

    def _index_of(self, story_id: int | None) -> int | None:
        if story_id is None:
            return None
        try:
            return self._ids.index(story_id)
        except ValueError:
            return None
