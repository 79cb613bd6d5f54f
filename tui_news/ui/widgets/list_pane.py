"""The list pane: the search box over the story list, titled with the view and its counts.

The screen binds its `view` and `counts` down; the pane only shows them. What the user
types in the box goes up as `SearchChanged`, debounced, so a fast typist does not
make the store search once per letter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Input

from tui_news.ui.views import ALL, Counts, View
from tui_news.ui.widgets.story_list import RowSource, StoryList
from tui_news.ui.widgets.text_box import TextBox

SEARCH_DELAY = 0.3


class ListPane(Vertical):
    """The story list and its search box."""

    @dataclass
    class SearchChanged(Message):
        """The search text changed (`submitted`: the user pressed enter in the box)."""

        text: str
        submitted: bool = False

    view: var[View] = var(ALL)
    counts: var[Counts] = var(Counts())
    unread_only: var[bool] = var(False)
    searching: var[bool] = var(False, toggle_class="-searching")

    def __init__(
        self, rows: RowSource, *, clock: Callable[[], float] = time.time, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._rows = rows
        self._clock = clock
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TextBox(placeholder="Search titles and article text…", id="search")
        yield StoryList(self._rows, clock=self._clock, id="stories")

    @property
    def stories(self) -> StoryList:
        return self.query_one(StoryList)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    def watch_view(self) -> None:
        self._title()

    def watch_unread_only(self) -> None:
        self._title()

    def _title(self) -> None:
        suffix = " · unread only" if self.unread_only else ""
        self.border_title = Text(self.view.title + suffix)  # type: ignore[assignment]

    def watch_counts(self, counts: Counts) -> None:
        self.border_subtitle = Text(counts.title)  # type: ignore[assignment]

    # -- search ------------------------------------------------------------------------

    def open_search(self) -> None:
        self.searching = True
        self.screen.set_focus(self.search_input)  # at once: the keys typed after / go in

    def close_search(self) -> None:
        """Empty and hide the box, dropping a search still waiting to be applied (so it
        cannot replace a view chosen another way a moment later)."""
        self._stop_timer()
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = ""
        if self.screen.focused is self.search_input:
            self.stories.focus()  # before it is hidden, or focus would be lost
        self.searching = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_timer()
        value = event.value
        self._search_timer = self.set_timer(
            SEARCH_DELAY, lambda: self.post_message(self.SearchChanged(value))
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._stop_timer()
        self.post_message(self.SearchChanged(event.value, submitted=True))

    def _stop_timer(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
