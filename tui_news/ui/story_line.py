"""One line of the story list as plain text parts, for the list widget and the preview.

The parts are named after the list's component classes ("mark", "source", …) so that
the widget can style them from the theme, and the preview frame drawn before the app
starts (`ui.preview`) can lay out the very same characters without Textual.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from tui_news.core.models import StoryRow
from tui_news.ui.text import inert

UNREAD_MARK, STAR_MARK = "●", "★"
AGE_WIDTH = 6

Part = tuple[str, str]  # (text, part name: "", "mark", "star", "source", "age")


def line_parts(row: StoryRow, width: int, age: str) -> list[Part]:
    """`row` laid out in `width` cells: marks, source, title cut to fit, age on the right."""
    source_width = 0 if width < 50 else min(18, max(12, width // 5))
    title_width = max(0, width - 4 - source_width - AGE_WIDTH - 1)
    parts = [
        (" ", ""),
        (" " if row.read else UNREAD_MARK, "mark"),
        (STAR_MARK if row.starred else " ", "star"),
        (" ", ""),
    ]
    if source_width:
        parts.append((fit(inert(row.feed_title), source_width - 2) + "  ", "source"))
    parts.append((fit(inert(row.title), title_width), ""))
    parts.append((" " + age.rjust(AGE_WIDTH), "age"))
    return parts


def fit(text: str, width: int) -> str:
    """Pad or cut `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
