"""What a refresh reports: one outcome per feed and a summary of them all.

Plain records, so the CLI and the UI can read a refresh's results without
importing the network stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from tui_news.core.storage import Store

# `FetchError.kind`s of a fetch that never reached its server (no aiohttp import here).
UNREACHED = frozenset({"dns", "connect", "refused"})


class OutcomeStatus(StrEnum):
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What happened to one feed; `message` is the error or the reason for skipping."""

    feed_id: int
    url: str
    title: str
    status: OutcomeStatus
    message: str | None = None
    new_stories: int = 0
    new_story_ids: tuple[int, ...] = ()
    moved_to: str | None = None
    error_kind: str | None = None  # a failed fetch's `FetchError.kind`
    note: str | None = None  # something the user asked for that a server had not (a wait)
    position: int = 0  # 1-based count of checked feeds finished so far (progress)
    total: int = 0  # how many feeds this refresh checks


@dataclass(slots=True)
class RefreshSummary:
    outcomes: list[FeedOutcome] = field(default_factory=list)
    elapsed: float = 0.0
    cancelled: bool = False
    pruned: int = 0  # old stories deleted afterwards (the `prune_after_days` setting)
    # Stories a refresh cut short before this one stored (it, or its full text, was
    # stopped): not this refresh's new stories, but their full text is fetched now.
    earlier_story_ids: list[int] = field(default_factory=list)
    earlier_left: int = 0  # of those, left by an update told to fetch none (--no-full-text)

    def count(self, status: OutcomeStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def ok(self) -> int:
        return self.count(OutcomeStatus.OK)

    @property
    def not_modified(self) -> int:
        return self.count(OutcomeStatus.NOT_MODIFIED)

    @property
    def failed(self) -> int:
        return self.count(OutcomeStatus.FAILED)

    @property
    def skipped(self) -> int:
        return self.count(OutcomeStatus.SKIPPED)

    @property
    def failures(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.status is OutcomeStatus.FAILED]

    @property
    def offline(self) -> bool:
        """Every feed checked failed without reaching its server (a DNS or connect
        error), on more than one server: the network is down, which is one message, not
        one per feed. Feeds all on one server that is down are that server's trouble,
        and its own error says so better."""
        failures = self.failures
        return (
            bool(failures)
            and not self.ok
            and not self.not_modified
            and all(outcome.error_kind in UNREACHED for outcome in failures)
            and len({urlsplit(outcome.url).hostname for outcome in failures}) > 1
        )

    @property
    def new_stories(self) -> int:
        return sum(outcome.new_stories for outcome in self.outcomes)

    @property
    def new_story_ids(self) -> list[int]:
        return [story_id for outcome in self.outcomes for story_id in outcome.new_story_ids]


ProgressCallback = Callable[[FeedOutcome], None]

OFFLINE_MESSAGE = "No network: no feed could be reached (every server name or connection failed)."


def wanting_full_text(
    store: Store,
    new: Iterable[tuple[int, Iterable[int]]],
    *,
    default: bool,
    force: bool = False,
) -> list[int]:
    """Of the new stories (by feed id), those whose article text should be prefetched.

    A feed's own setting wins over `default` (the config's); `force` means every one.
    """
    with_new = [(feed_id, list(ids)) for feed_id, ids in new]
    with_new = [(feed_id, ids) for feed_id, ids in with_new if ids]
    if not with_new:
        return []
    settings = {} if force else {feed.id: feed.full_text for feed in store.feeds()}
    wanted: list[int] = []
    for feed_id, ids in with_new:
        if not force:
            if feed_id not in settings:
                continue  # unsubscribed while refreshing
            setting = settings[feed_id]
            if not (default if setting is None else setting):
                continue
        wanted.extend(ids)
    return wanted


def owed_words(earlier: int, left: int) -> str:
    """ "3 more owed their full text (cut short earlier)": the stories of earlier updates
    whose full text comes now, and why they owed it: an update cut short (stopped,
    Ctrl-C, a crash), or `left` by one told to fetch none (`--no-full-text`)."""
    cut = earlier - left
    if not left:
        why = "cut short earlier"
    elif not cut:
        why = "left by --no-full-text"
    else:
        why = f"{cut:,} cut short earlier, {left:,} left by --no-full-text"
    return f"{earlier:,} more owed their full text ({why})"


def kept_words(kept: int) -> str:
    """ "2 changes refused there, kept for the next sync": marks a sync server answered
    with an error of its own (HTTP 5xx); said, or the user would think them sent."""
    noun = "change" if kept == 1 else "changes"
    return f"{kept:,} {noun} refused there, kept for the next sync"
