"""How the main screen's panes share the terminal's width: the reading pane first.

Plain Python (no Textual), so the preview drawn before the app starts lays the list
out exactly where the app will. Side by side, left to right: the feed list, the story
list, the reading pane, the related sidebar. The reading pane gets its measure (the
text width a setting asks for, about 78 characters, plus its border and padding)
before anything else; the story list takes up to a third of the terminal from what is
left, and never less than `LIST_MIN` (then the reader gives way). So showing a sidebar
takes its width from the list first. A narrow list draws each story on two lines.

Which panes show unless the user says otherwise: the feed list from 140 columns; the
related sidebar from 110 columns, and beside the feed list only from 180 (below that
the two would leave the list or the text too little room); below 70 columns the panes
stack (the list above the reading pane).

Below 110 columns the list, a readable reader (`READER_MIN`) and the sidebar do not fit
side by side: the sidebar, shown there, takes the list's place (as a phone's reader
swaps its columns) instead of squeezing the article to 42 columns, and the feed list
and the sidebar fold each other away (the screen sees to that).
"""

from __future__ import annotations

from dataclasses import dataclass

FEEDS_WIDTH = 26  # the feed list, borders included
RELATED_WIDTH = 28  # the related sidebar, borders included
LIST_MIN = 30  # the story list never gets narrower than this, side by side
READER_MIN = 52  # beside the sidebar, a reading pane this narrow (47 columns of text) at least
READER_CHROME = 5  # the reading pane's borders, padding and scrollbar around the text
TWO_LINE_BELOW = 60  # a list narrower than this draws each story on two lines
FEEDS_FROM = 140  # the feed list shows from this width unless toggled
# Below this the related sidebar folds away (t or 3 shows it, in the list's place).
NARROW_WIDTH = LIST_MIN + READER_MIN + RELATED_WIDTH
ALL_FOUR_FROM = 180  # from here the related sidebar shows beside the feed list too
STACKED_WIDTH = 70  # below this the list sits above the reading pane
MEDIUM_WIDTH = 140  # below this the footer's hints are compact


@dataclass(frozen=True, slots=True)
class Widths:
    """Each pane's width in columns (0: not shown); stacked panes take the full width."""

    feeds: int
    list: int
    reader: int
    related: int
    stacked: bool = False

    @property
    def two_line(self) -> bool:
        return not self.stacked and self.list < TWO_LINE_BELOW

    @property
    def list_folded(self) -> bool:
        """The sidebar has taken the list's place (a narrow terminal)."""
        return not self.stacked and self.list == 0

    @property
    def list_x(self) -> int:
        """Where the story list starts, from the left edge."""
        return 0 if self.stacked else self.feeds


def default_panes(width: int) -> tuple[bool, bool]:
    """Whether the feed list and the related sidebar show at `width`, unless toggled."""
    feeds = width >= FEEDS_FROM
    related = width >= NARROW_WIDTH and (not feeds or width >= ALL_FOUR_FROM)
    return feeds, related


def pane_widths(width: int, *, feeds: bool, related: bool, measure: int) -> Widths:
    """The panes' widths at a terminal `width`, with the reading pane's text `measure`."""
    if width < STACKED_WIDTH:
        return Widths(width if feeds else 0, width, width, width if related else 0, stacked=True)
    feeds_width = FEEDS_WIDTH if feeds else 0
    related_width = RELATED_WIDTH if related else 0
    room = width - feeds_width - related_width
    wanted = measure + READER_CHROME
    story_list = max(LIST_MIN, min(round(width / 3), room - wanted))
    if related and not feeds and room - story_list < _readable(measure):
        story_list = 0
    return Widths(feeds_width, story_list, max(0, room - story_list), related_width)


def crowded(width: int, *, measure: int) -> bool:
    """Whether the feed list and the sidebar, side by side, leave the text unreadable."""
    both = pane_widths(width, feeds=True, related=True, measure=measure)
    return not both.stacked and both.reader < _readable(measure)


def _readable(measure: int) -> int:
    """The narrowest reading pane the sidebar may leave: `READER_MIN`, or the measure
    itself when a setting asks for narrower text."""
    return min(READER_MIN, measure + READER_CHROME)
