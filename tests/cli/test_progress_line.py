"""The progress line of `refresh`, `sync` and the full text stays on one row of the
terminal whatever its width, even one resized while the line is shown."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import termios
from collections.abc import Iterator
from typing import TextIO

import pytest

from tui_news.cli.update_lines import PageProgress, ProgressLine, RefreshProgress
from tui_news.core.refresh.outcomes import FeedOutcome, OutcomeStatus


class Terminal:
    """A pseudo-terminal of a given width: what is written to `stream` is read back from
    its other end as a terminal would receive it."""

    def __init__(self, columns: int) -> None:
        self.master, slave = pty.openpty()
        self.stream: TextIO = os.fdopen(slave, "w", encoding="utf-8")
        self.resize(columns)

    def resize(self, columns: int) -> None:
        self.columns = columns
        size = struct.pack("HHHH", 24, columns, 0, 0)
        fcntl.ioctl(self.stream.fileno(), termios.TIOCSWINSZ, size)

    def received(self) -> str:
        self.stream.flush()
        chunks = []
        os.set_blocking(self.master, False)
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()

    def close(self) -> None:
        self.stream.close()
        os.close(self.master)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    opened = Terminal(80)
    yield opened
    opened.close()


def rows_used(output: str, columns: int) -> int:
    """How many rows of a `columns` wide terminal `output` takes: "\\r" goes back to the
    start of the row, "ESC [K" clears to its end, and a character written past the last
    column wraps onto a new row (the row left behind is what the user sees pile up)."""
    rows, column = 1, 0
    output = output.replace("\x1b[K", "")
    for char in output:
        if char == "\r":
            column = 0
        elif column == columns:
            rows, column = rows + 1, 1
        else:
            column += 1
    return rows


def redraws(output: str) -> list[str]:
    return [part for part in output.replace("\x1b[K", "").split("\r") if part]


@pytest.mark.parametrize("columns", [1, 2, 5, 12, 20, 30])
def test_a_long_line_stays_on_one_row_of_a_narrow_terminal(
    terminal: Terminal, columns: int
) -> None:
    terminal.resize(columns)
    progress = RefreshProgress(terminal.stream)
    for position in range(1, 40):
        status = OutcomeStatus.FAILED if position % 3 == 0 else OutcomeStatus.OK
        progress(FeedOutcome(1, "u", "t", status, position=position, total=1200))
    output = terminal.received()
    assert rows_used(output, columns) == 1
    shown = redraws(output)
    assert all(len(line) <= columns - 1 for line in shown)
    if columns > 2:
        # Cut lines end in an ellipsis, so they do not read as the whole message.
        whole = "refreshing 39/1200 · 13 failed"
        assert shown[-1].endswith("…") and whole.startswith(shown[-1][:-1])


def test_a_line_that_fits_is_shown_whole_and_the_width_is_read_at_each_redraw(
    terminal: Terminal,
) -> None:
    line = ProgressLine(terminal.stream)
    line.show("syncing: 1,250 items")
    terminal.resize(12)  # the window made narrower while the sync runs
    line.show("syncing: 2,500 items")
    terminal.resize(40)
    line.show("syncing: read and starred state")
    line.clear()
    assert redraws(terminal.received()) == [
        "syncing: 1,250 items",
        "syncing: 2…",
        "syncing: read and starred state",
    ]


def test_the_full_text_count_fits_too(terminal: Terminal) -> None:
    terminal.resize(10)
    PageProgress(terminal.stream)(123, 4567)
    output = terminal.received()
    assert redraws(output) == ["full tex…"] and rows_used(output, 10) == 1
