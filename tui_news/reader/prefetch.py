"""Fetching many stories' articles in the background, politely.

The reader's fetcher holds the limits (a global and a per-host number of connections,
timeouts, the size cap), and its polite reads leave a host that answered 429 or 503
alone until its Retry-After (`politeness.HostPauses`). This adds what only a batch
needs: stories are taken round-robin by host, so that a feed's twenty stories on one
site do not hold every slot while that site answers one request at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import zip_longest
from typing import TYPE_CHECKING, Literal

from tui_news.core.models import Story
from tui_news.core.urls import host

if TYPE_CHECKING:
    from tui_news.reader.service import ArticleReader

PrefetchProgress = Callable[[int, int], None]
"""Called with (stories done, stories in the batch) as each one finishes; the batch
shrinks as stories are withdrawn."""

Withdrawn = Callable[[Story], bool]
"""Whether a story was withdrawn from the batch since it began (its feed unsubscribed):
asked as its turn comes, and of those waiting or being read, ten times a second."""

Outcome = Literal["extracted", "feed", "cached", "failed", "deferred", "withdrawn"]

WITHDRAWN_POLL = 0.1


@dataclass(frozen=True, slots=True)
class PrefetchSummary:
    """What a prefetch did: `deferred` stories were on a site that asked us to wait, or
    had just let a page time out."""

    total: int = 0
    extracted: int = 0
    from_feed: int = 0
    cached: int = 0
    failed: int = 0
    deferred: int = 0
    withdrawn: int = 0

    def __str__(self) -> str:
        text = (
            f"{self.extracted} extracted, {self.from_feed} from the feed, "
            f"{self.cached} already cached, {self.failed} failed"
        )
        if self.deferred:
            why = "the site asked us to wait, or did not answer"
            text += f", {self.deferred} left for later ({why})"
        if self.withdrawn:
            text += f", {self.withdrawn} not fetched (their feed was unsubscribed)"
        return f"{text} (of {self.total})"


def by_host_in_turn(stories: Iterable[Story]) -> list[Story]:
    """The stories reordered so that consecutive ones are on different hosts where they
    can be, each host's own stories keeping their order."""
    queues: dict[str, list[Story]] = {}
    for story in stories:
        queues.setdefault(host(story.url), []).append(story)
    rounds = zip_longest(*queues.values())
    return [story for round_ in rounds for story in round_ if story is not None]


async def prefetch_stories(
    reader: ArticleReader,
    stories: list[Story],
    *,
    concurrency: int,
    refresh: bool = False,
    on_progress: PrefetchProgress | None = None,
    withdrawn: Withdrawn | None = None,
) -> PrefetchSummary:
    """Read (fetch, extract, cache and index) each story's article, `concurrency` at a
    time; a story `withdrawn` is not read, or no longer (its read is cancelled), and
    leaves the batch's count."""
    from tui_news.reader.service import HostPausedError, ReadError

    gate = asyncio.Semaphore(max(1, concurrency))
    total = len(stories)
    done = 0
    gone = withdrawn or (lambda story: False)

    async def one(story: Story) -> Outcome:
        async with gate:
            if gone(story):
                return "withdrawn"
            if not refresh and story.url:
                cached = await asyncio.to_thread(reader.cached, story.url)
                if cached is not None:
                    return "cached"
            try:
                article = await reader.read_story(story, refresh=refresh, polite=True)
            except HostPausedError:
                return "deferred"
            except ReadError:
                return "failed"
            if article.unsaved:
                return "failed"  # read, but not kept: prefetching it was for nothing
            return "feed" if article.source == "feed" else "extracted"

    async def counted(story: Story) -> Outcome:
        nonlocal done, total
        try:
            outcome = await one(story)
        except asyncio.CancelledError:
            if not gone(story):
                raise  # the whole prefetch is stopped
            outcome = "withdrawn"
        if outcome == "withdrawn":
            total -= 1
        else:
            done += 1
        if on_progress is not None:
            on_progress(done, total)
        return outcome

    ordered = by_host_in_turn(stories)
    tasks = [asyncio.ensure_future(counted(story)) for story in ordered]
    watch = asyncio.ensure_future(_cancel_withdrawn(ordered, tasks, gone)) if withdrawn else None
    try:
        outcomes = await asyncio.gather(*tasks)
    finally:
        if watch is not None:
            watch.cancel()
    return PrefetchSummary(
        total=total,
        extracted=outcomes.count("extracted"),
        from_feed=outcomes.count("feed"),
        cached=outcomes.count("cached"),
        failed=outcomes.count("failed"),
        deferred=outcomes.count("deferred"),
        withdrawn=outcomes.count("withdrawn"),
    )


async def _cancel_withdrawn(
    stories: list[Story], tasks: list[asyncio.Task[Outcome]], gone: Withdrawn
) -> None:
    """Cancel the reads of stories withdrawn meanwhile, those waiting for a turn too (the
    count shrinks at once, and a page already asked for is not waited for)."""
    pending = list(zip(stories, tasks, strict=True))
    while pending:
        await asyncio.sleep(WITHDRAWN_POLL)
        for story, task in pending:
            if not task.done() and gone(story):
                task.cancel()
        pending = [(story, task) for story, task in pending if not task.done()]
