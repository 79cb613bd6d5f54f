"""An update (`Newsterm.update`) as `newsterm refresh` and `newsterm sync` show it.

Progress is one line rewritten in place on stderr, and only on a terminal; it is cleared
before anything else is printed. The full text's count goes to stdout. Imported only
when one of those commands runs: it needs the service.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, TextIO

from tui_news.cli.context import error, plural
from tui_news.core.refresh.outcomes import OFFLINE_MESSAGE, OutcomeStatus, kept_words, owed_words
from tui_news.service import Newsterm, UpdateEvents

if TYPE_CHECKING:
    from tui_news.core.models import Story
    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
    from tui_news.core.storage import Store
    from tui_news.core.sync.engine import SyncSummary
    from tui_news.reader.prefetch import PrefetchSummary


class UpdateLines(UpdateEvents):
    """The commands' own summaries are theirs (`refreshed`, `synced`); `clear()` in a
    `finally`, for an update that raised (Ctrl-C)."""

    update = "refresh"  # what the user calls the update

    def __init__(self) -> None:
        terminal = sys.stderr.isatty()
        self.feeds = RefreshProgress(sys.stderr) if terminal else None
        self.syncing = ProgressLine(sys.stderr) if terminal else None
        self.pages = PageProgress(sys.stderr) if terminal else None

    def refresh_progress(self, outcome: FeedOutcome) -> None:
        if self.feeds is not None:
            self.feeds(outcome)

    def sync_progress(self, step: str) -> None:
        if self.syncing is not None:
            self.syncing.show(f"syncing: {step}")

    def prefetch_progress(self, done: int, total: int) -> None:
        if self.pages is not None:
            self.pages(done, total)

    def prefetched(self, summary: PrefetchSummary | None) -> None:
        """'full text: 12 extracted, …' (nothing when there was nothing to fetch)."""
        self.clear()
        if summary is not None:
            print(f"full text: {summary}")

    def full_text_left(self, owed: int) -> None:
        """'full text: not fetched (--no-full-text): the next refresh fetches it for 3
        stories' (nothing when none is owed)."""
        if owed:
            stories = plural(owed, "story", "stories")
            print(
                f"full text: not fetched (--no-full-text): the next {self.update} fetches it "
                f"for {owed:,} {stories}"
            )

    def clear(self) -> None:
        for line in (self.feeds, self.syncing, self.pages):
            if line is not None:
                line.clear()


class RefreshLines(UpdateLines):
    """A refresh's summary on stdout, each failure's reason (or one line when offline)
    on stderr; a feed the user `named` that was not checked says why."""

    def __init__(self, *, named: bool) -> None:
        super().__init__()
        self.named = named
        self.failed = 0

    def refreshed(self, summary: RefreshSummary) -> None:
        self.clear()
        self.failed = summary.failed
        print(summary_line(summary))
        for outcome in summary.outcomes:
            if outcome.note:
                error(f"{outcome.title}: {outcome.note}")
        if summary.offline:
            error(OFFLINE_MESSAGE[:1].lower() + OFFLINE_MESSAGE[1:].rstrip("."))
        else:
            for outcome in summary.failures:
                error(f"{outcome.title}: {outcome.message}")
        if self.named:
            # A feed the user named and we did not check needs its reason; in a refresh
            # of everything the count in the summary is enough.
            for outcome in summary.outcomes:
                if outcome.status is OutcomeStatus.SKIPPED:
                    error(f"{outcome.title}: skipped: {outcome.message}")


class SyncLines(UpdateLines):
    """A sync's summary on stdout, naming the server's software (`service`)."""

    update = "sync"

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def synced(self, summary: SyncSummary) -> None:
        self.clear()
        feeds = f"{summary.feeds:,} {plural(summary.feeds, 'feed', 'feeds')}"
        if summary.feeds_added or summary.feeds_removed:
            feeds += f" ({summary.feeds_added:,} new, {summary.feeds_removed:,} removed)"
        new = f"{summary.new_stories:,} new {plural(summary.new_stories, 'story', 'stories')}"
        if earlier := len(summary.earlier_story_ids):
            new += f" · {owed_words(earlier, summary.earlier_left)}"  # as a refresh's says it
        sent = f"{summary.sent:,} {plural(summary.sent, 'change', 'changes')} sent"
        changed = f"{summary.changed:,} {plural(summary.changed, 'story', 'stories')}"
        line = f"synced with {self.service}: {feeds} · {new} · {sent} · {changed} changed there"
        if summary.kept:
            line += f" · {kept_words(summary.kept)}"
        if summary.pruned:
            line += f" · {summary.pruned:,} old {plural(summary.pruned, 'story', 'stories')} pruned"
        print(line)


def summary_line(summary: RefreshSummary) -> str:
    """'200 feeds: 150 ok, 45 not modified, 5 failed · 1,234 new stories'."""
    total = len(summary.outcomes)
    parts = [f"{summary.ok:,} ok", f"{summary.not_modified:,} not modified"]
    parts.append(f"{summary.failed:,} failed")
    if summary.skipped:
        parts.append(f"{summary.skipped:,} skipped")
    noun = plural(total, "feed", "feeds")
    stories = plural(summary.new_stories, "story", "stories")
    line = f"{total:,} {noun}: {', '.join(parts)} · {summary.new_stories:,} new {stories}"
    if earlier := len(summary.earlier_story_ids):
        # Not new to this refresh, but owed their full text by an earlier one (cut short,
        # or told `--no-full-text`): said apart, and which it was.
        line += f" · {owed_words(earlier, summary.earlier_left)}"
    if summary.pruned:
        line += f" · {summary.pruned:,} old {plural(summary.pruned, 'story', 'stories')} pruned"
    return line


def fetch_full_text(core: Newsterm, store: Store, stories: list[Story]) -> None:
    """The full text of stories a subscription brought, shown as an update's is."""
    if not stories:
        return
    lines = UpdateLines()
    done: PrefetchSummary | None = None
    try:
        done = core.prefetch(store, stories, on_progress=lines.prefetch_progress)
    finally:
        lines.prefetched(done)


class ProgressLine:
    """One line on `stream`, rewritten in place; `clear()` takes it away.

    The line is cut to the terminal's width, read at each redraw (a window may be
    resized meanwhile), less one column: a line that filled the last column, or wrapped,
    would leave a row behind at every redraw, as "\r" only goes back to the start of the
    row the cursor is on.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def show(self, text: str) -> None:
        self.stream.write(f"\r\x1b[K{fitted(text, terminal_columns(self.stream) - 1)}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def terminal_columns(stream: TextIO) -> int:
    """The width of the terminal `stream` writes to, else of the one newsterm runs in."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # not a terminal, or no file at all
        columns = 0
    # 0: a terminal that does not say (a serial line); $COLUMNS or 80 then.
    return columns or shutil.get_terminal_size().columns


def fitted(text: str, width: int) -> str:
    """`text` in at most `width` characters, an ellipsis where it was cut. The progress
    lines are newsterm's own words and numbers: one character, one column."""
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if width > 0 else ""


class RefreshProgress(ProgressLine):
    """'refreshing 37/200 · 2 failed'."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.failed = 0

    def __call__(self, outcome: FeedOutcome) -> None:
        if outcome.status is OutcomeStatus.FAILED:
            self.failed += 1
        line = f"refreshing {outcome.position}/{outcome.total}"
        if self.failed:
            line += f" · {self.failed} failed"
        self.show(line)


class PageProgress(ProgressLine):
    """'full text 12/40'."""

    def __call__(self, done: int, total: int) -> None:
        self.show(f"full text {done}/{total}")
