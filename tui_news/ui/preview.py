"""The first frame, drawn before Textual: the newest stories, where the app will put them.

Importing Textual and starting the app take 0.3 s on an idle 2-core machine and over
1 s on a busy one; the top of the story list is one small query away (~20 ms). So
`newsterm` draws the header and the list pane of the app's first frame with plain
escape codes (no colours: the app's own frame brings them), then starts the app, which
draws over it in place. Keys typed meanwhile are not echoed; they wait in the terminal
and reach the app as soon as it reads them.

No Textual import here: that is the point.
"""

from __future__ import annotations

import os
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tui_news.core.dates import age
from tui_news.core.errors import NewstermError
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.models import StoryFilter, StoryRow
from tui_news.core.storage import Store
from tui_news.ui.pane_widths import STACKED_WIDTH, default_panes, pane_widths
from tui_news.ui.story_line import ONE_LINE, feed_column, line_parts
from tui_news.ui.text import inert

TITLE = "newsterm"
DEFAULT_MEASURE = 78  # the text_width setting's default

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_ENTER = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"  # alternate screen, no cursor, cleared
_LEAVE = "\x1b[?25h\x1b[?1049l"


def frame(
    rows: list[StoryRow],
    width: int,
    height: int,
    now: float,
    *,
    feed_column: int = 0,
    measure: int = DEFAULT_MEASURE,
) -> str | None:
    """The escape codes that draw the header and the list pane (None: nothing to draw).

    `rows` are the newest stories, one more than the pane shows if there are more: then
    the list has a scrollbar, which takes a column from the lines. `feed_column` is the
    width of the feed names, as the list has it (`all_feed_names`); `measure` the
    reading pane's text width, which decides the list's (`pane_widths`).
    """
    if not rows or width < STACKED_WIDTH or height < 6:
        return None
    feeds, related = default_panes(width)
    widths = pane_widths(width, feeds=feeds, related=related, measure=measure)
    pane, x = widths.list, widths.list_x
    visible = height - 4  # the header, the footer and the pane's two borders
    per_row = 2 if widths.two_line else 1
    scrollbar = 1 if len(rows) * per_row > visible else 0
    inner = pane - 2 - scrollbar
    lines = [_at(1, max(0, (width - len(TITLE)) // 2 - 1), TITLE)]
    top = "╭─ All " + "─" * (pane - 8) + "╮"
    lines.append(_at(2, x, _BOLD + top + _RESET))
    for y in range(visible):
        index, part = divmod(y, per_row)
        if index < len(rows):
            row = rows[index]
            parts = line_parts(
                row,
                inner,
                age(row.sort_time, now),
                feed_column=feed_column,
                line=part if widths.two_line else ONE_LINE,
            )
            text = (_DIM if row.read else _BOLD) + "".join(t for t, _ in parts) + _RESET
        else:
            text = " " * inner
        lines.append(_at(3 + y, x, f"│{text}{' ' * scrollbar}│"))
    lines.append(_at(height - 1, x, "╰" + "─" * (pane - 2) + "╯"))
    return _ENTER + "".join(lines)


def _at(line: int, column: int, text: str) -> str:
    return f"\x1b[{line};{column + 1}H{text}"


def newest_rows(store: Store, count: int) -> list[StoryRow]:
    """The first `count` lines of the All view: the query the preview needs."""
    return store.story_rows(store.story_head(StoryFilter(), limit=count))


def all_feed_names(store: Store) -> list[str]:
    """The names the All view's feed column is sized to."""
    return [inert(feed.display_title) for feed in store.feeds()]


@contextmanager
def preview(
    database: Path, ignore_rules: Sequence[IgnoreRule] = (), *, measure: int = DEFAULT_MEASURE
) -> Iterator[None]:
    """Draw the preview on the terminal (if stdin and stdout are one), hold typed keys
    unechoed while the body runs (the app's imports and set-up), then give the terminal
    back as it was, for the app to take over. On an error, leave the alternate screen."""
    fd = _terminal()
    if fd is None:
        yield
        return
    saved = termios.tcgetattr(fd)
    size = os.get_terminal_size(sys.stdout.fileno())
    quiet = list(saved)
    quiet[3] &= ~termios.ECHO  # lflag: typed keys stay in the buffer, unshown
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    drawn = False
    try:
        drawn = _draw(database, ignore_rules, size.columns, size.lines, measure)
        yield
    except BaseException:
        if drawn:
            sys.stdout.write(_LEAVE)
            sys.stdout.flush()
        raise
    finally:
        # Textual saves the terminal's modes when it starts and restores them at exit:
        # it must find them as the user had them.
        termios.tcsetattr(fd, termios.TCSANOW, saved)


def _terminal() -> int | None:
    """stdin's descriptor when stdin and stdout are a terminal (the app's own test
    harnesses and pipes are not)."""
    try:
        fd = sys.stdin.fileno()
        return fd if os.isatty(fd) and sys.stdout.isatty() else None
    except (AttributeError, ValueError, OSError):
        return None


def _draw(
    database: Path, ignore_rules: Sequence[IgnoreRule], width: int, height: int, measure: int
) -> bool:
    """Best effort: a cache that cannot be read, or a terminal that cannot take these
    characters, leaves the screen to the app (which says what is wrong)."""
    try:
        with Store(database, ignore_rules=ignore_rules) as store:
            rows = newest_rows(store, height - 3)
            column = feed_column(all_feed_names(store))
        text = frame(rows, width, height, time.time(), feed_column=column, measure=measure)
        if text is None:
            return False
        sys.stdout.write(text)
        sys.stdout.flush()
    except (NewstermError, OSError, UnicodeError):
        return False
    return True
