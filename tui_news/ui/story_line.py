"""A story of the list as plain text parts, for the list widget and the preview.

One line: marks, the feed's name (in a column as wide as the view's longest name, none
in a feed's own view), the title, the age. Two lines, when the list is narrow: marks
and the whole width for the title, then a dim line with the feed and the age. The
parts are named after the list's component classes ("mark", "source", …) so that the
widget can style them from the theme, and the preview frame drawn before the app
starts (`ui.preview`) can lay out the very same characters without Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size

from tui_news.core.models import StoryRow
from tui_news.ui.text import inert

UNREAD_MARK, STAR_MARK, HIDDEN_MARK = "●", "★", "✗"
CACHED_MARK = "≡"  # the article's own text is cached: it reads offline, search finds it
AGE_WIDTH = 6  # "now", "5m", "27 Jun"; an older date ("27 Jun '17") takes from the title
MARKS_WIDTH = 4
FEED_GAP = 2
MAX_FEED_COLUMN = 16
MIN_FEED_LIST_WIDTH = 50  # below this a one-line row has no room for a feed column
ONE_LINE, TITLE_LINE, META_LINE = -1, 0, 1  # which line of a row is drawn

Part = tuple[str, str]  # (text, part name: "", "mark", "star", "source", "age")


def feed_column(names: Sequence[str]) -> int:
    """The width of the feed column: the longest name, up to 16; none when no names are
    given (a feed's own view: every row would repeat the title above the list)."""
    if not names:
        return 0
    return min(MAX_FEED_COLUMN, max(cell_len(name) for name in names))


def line_parts(
    row: StoryRow,
    width: int,
    age: str,
    *,
    feed_column: int = MAX_FEED_COLUMN,
    line: int = ONE_LINE,
) -> list[Part]:
    """`line` of `row` laid out in `width` cells."""
    if line == META_LINE:
        return _meta_parts(row, width, age, feed_column)
    parts = [
        # A story a kill rule matches (listed only while hidden stories are shown).
        (HIDDEN_MARK, "mark") if row.hidden else (CACHED_MARK if row.cached else " ", "age"),
        (" " if row.read else UNREAD_MARK, "mark"),
        (STAR_MARK if row.starred else " ", "star"),
        (" ", ""),
    ]
    if line == TITLE_LINE:  # the first of two lines: the title takes it all
        parts.append((fit(inert(row.title), width - MARKS_WIDTH), ""))
        return parts
    feed_width = feed_column if width >= MIN_FEED_LIST_WIDTH else 0
    age_width = max(AGE_WIDTH, cell_len(age))
    used = MARKS_WIDTH + (feed_width + FEED_GAP if feed_width else 0) + age_width + 1
    if feed_width:
        parts.append((fit(inert(row.feed_title), feed_width) + " " * FEED_GAP, "source"))
    parts.append((fit(inert(row.title), max(0, width - used)), ""))
    parts.append((" " + age.rjust(age_width), "age"))
    return parts


def _meta_parts(row: StoryRow, width: int, age: str, feed_column: int) -> list[Part]:
    """The second line of a two-line row: "Feed name · 3h", under the title."""
    room = max(0, width - MARKS_WIDTH)
    name = inert(row.feed_title) if feed_column else ""  # one feed: named above the list
    age_text = f" · {age}" if age and name else age
    feed = fit(name, max(0, room - cell_len(age_text))).rstrip() if name else ""
    parts = [(" " * MARKS_WIDTH, ""), (feed, "source"), (age_text, "age")]
    used = sum(cell_len(text) for text, _ in parts)
    return [*parts, (" " * max(0, width - used), "")]


def fit(text: str, width: int) -> str:
    """Pad or cut `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
