"""Messages from background work to the main screen (refresh runs on its own thread), and
the service's update told in them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from tui_news.service import UpdateEvents

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
    from tui_news.core.sync.engine import SyncSummary
    from tui_news.reader.prefetch import PrefetchSummary


@dataclass
class RefreshProgress(Message, bubble=False):
    """One feed of a running refresh is done."""

    outcome: FeedOutcome


@dataclass
class RefreshFinished(Message, bubble=False):
    """A refresh ended: `summary` on success, `error` if the refresh itself broke."""

    summary: RefreshSummary | None
    error: str = ""


@dataclass
class SyncProgress(Message, bubble=False):
    """A step of a running sync with the `[sync]` server ("120 items")."""

    step: str


@dataclass
class SyncFinished(Message, bubble=False):
    """A sync ended: `summary` on success, else `error`, one line for the user."""

    summary: SyncSummary | None
    error: str = ""


@dataclass
class PrefetchProgress(Message, bubble=False):
    """Articles fetched after a refresh (or an add): `latest()` takes the newest
    (done, total), None if an earlier message took it already."""

    latest: Callable[[], tuple[int, int] | None]


@dataclass
class PrefetchFinished(Message, bubble=False):
    """The articles are fetched (`summary` None: there were none, or it was stopped)."""

    summary: PrefetchSummary | None


class PostedUpdate(UpdateEvents):
    """An update's reports (`Newsterm.update`), posted to `target` as the messages above:
    thread safe, and never blocking the update. `reported` says the refresh or sync has
    ended well, so that a failure after it is not one of the refresh."""

    def __init__(self, target: MessagePump) -> None:
        self.target = target
        self.reported = False
        self._lock = threading.Lock()
        self._prefetched: tuple[int, int] | None = None  # posted, not yet taken

    def refresh_progress(self, outcome: FeedOutcome) -> None:
        self.target.post_message(RefreshProgress(outcome))

    def sync_progress(self, step: str) -> None:
        self.target.post_message(SyncProgress(step))

    def refreshed(self, summary: RefreshSummary) -> None:
        self.reported = True
        self.target.post_message(RefreshFinished(summary))

    def synced(self, summary: SyncSummary) -> None:
        self.reported = True
        self.target.post_message(SyncFinished(summary))

    def prefetch_progress(self, done: int, total: int) -> None:
        """A prefetch reports every article, hundreds a second when they are cached or
        fail at once, and each message woke the app's loop: one is in flight at a time,
        and the loop takes the newest count when it gets to it."""
        with self._lock:
            in_flight = self._prefetched is not None
            self._prefetched = (done, total)
        if not in_flight:
            self.target.post_message(PrefetchProgress(self._take_prefetched))

    def _take_prefetched(self) -> tuple[int, int] | None:
        with self._lock:
            latest, self._prefetched = self._prefetched, None
        return latest

    def prefetched(self, summary: PrefetchSummary | None) -> None:
        self.target.post_message(PrefetchFinished(summary))
