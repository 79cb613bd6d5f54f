"""Messages from background work to the main screen (refresh runs on its own thread), and
the service's update told in them."""

from __future__ import annotations

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
    """Articles fetched after a refresh (or an add): `done` of `total`."""

    done: int
    total: int


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
        self.target.post_message(PrefetchProgress(done, total))

    def prefetched(self, summary: PrefetchSummary | None) -> None:
        self.target.post_message(PrefetchFinished(summary))
