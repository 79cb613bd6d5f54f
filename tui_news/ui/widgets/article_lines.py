"""Two lines of the article header that fit themselves to the pane's width.

The meta line ("World Wire · A. Reporter · Tue 4 Mar 2024, 14:05 · 3 min read") wraps
only between its parts, so no part is ever split across lines. The URL stays on one
line: without scheme, "www." and tracking parameters, its path shortened in the
middle when the pane is narrow. Both are Rich renderables, measured at the width
they are drawn in; `str()` gives the whole text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from tui_news.ui.text import short_url

SEPARATOR = " · "


def pack(units: Sequence[str], width: int) -> list[str]:
    """`units` joined by the separator, a new line wherever the next one would not fit."""
    lines: list[str] = []
    for unit in units:
        if lines and cell_len(lines[-1] + SEPARATOR + unit) <= width:
            lines[-1] += SEPARATOR + unit
        else:
            lines.append(unit)
    return lines


class Units:
    """Parts of one line of facts, wrapped only between parts."""

    def __init__(self, units: Sequence[str]) -> None:
        self.units = [unit for unit in units if unit]

    def __str__(self) -> str:
        return SEPARATOR.join(self.units)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # A part wider than the pane itself still folds: nothing is lost.
        yield Text("\n".join(pack(self.units, options.max_width)))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(unit) for unit in self.units), default=0)
        return Measurement(min(widest, options.max_width), cell_len(str(self)))


class FittedUrl:
    """A link shown on one line, as much of it as fits."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return self.url

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(short_url(self.url, options.max_width), no_wrap=True, overflow="ellipsis")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, cell_len(short_url(self.url, options.max_width)))
