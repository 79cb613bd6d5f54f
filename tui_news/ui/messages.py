"""Messages from background work to the main screen (refresh runs on its own thread)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary


@dataclass
class RefreshProgress(Message, bubble=False):
    """One feed of a running refresh is done."""

    outcome: FeedOutcome


@dataclass
class RefreshFinished(Message, bubble=False):
    """A refresh ended: `summary` on success, `error` if the refresh itself broke."""

    summary: RefreshSummary | None
    error: str = ""
