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
"""Called with (stories done, stories in the batch) as each one finishes."""

Outcome = Literal["extracted", "feed", "cached", "failed", "deferred"]


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

    def __str__(self) -> str:
        text = (
            f"{self.extracted} extracted, {self.from_feed} from the feed, "
            f"{self.cached} already cached, {self.failed} failed"
        )
        if self.deferred:
            why = "the site asked us to wait, or did not answer"
            text += f", {self.deferred} left for later ({why})"
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
) -> PrefetchSummary:
    """Read (fetch, extract, cache and index) each story's article, `concurrency` at a time."""
    from tui_news.reader.service import HostPausedError, ReadError

    gate = asyncio.Semaphore(max(1, concurrency))
    total = len(stories)
    done = 0

    async def one(story: Story) -> Outcome:
        async with gate:
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
        nonlocal done
        outcome = await one(story)
        done += 1
        if on_progress is not None:
            on_progress(done, total)
        return outcome

    outcomes = await asyncio.gather(*(counted(story) for story in by_host_in_turn(stories)))
    return PrefetchSummary(
        total=total,
        extracted=outcomes.count("extracted"),
        from_feed=outcomes.count("feed"),
        cached=outcomes.count("cached"),
        failed=outcomes.count("failed"),
        deferred=outcomes.count("deferred"),
    )
