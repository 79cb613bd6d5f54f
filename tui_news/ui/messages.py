"""Messages from background work to the main screen (refresh runs on its own thread)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
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
