"""Which stories' full text an update fetches, how much of it, and a prefetch that stops
when its caller closes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tui_news.core.models import Story

if TYPE_CHECKING:
    from tui_news.config import Config
    from tui_news.core.storage import Store


def by_feed(store: Store, story_ids: Iterable[int]) -> dict[int, list[int]]:
    """The stories still here, by feed id (what `wanting_full_text` takes)."""
    grouped: dict[int, list[int]] = {}
    for story in filter(None, map(store.story, story_ids)):
        grouped.setdefault(story.feed_id, []).append(story.id)
    return grouped


def wanted(
    store: Store, config: Config, new: Iterable[tuple[int, Iterable[int]]], full_text: bool | None
) -> list[Story]:
    """Of the stories (by feed id), those whose article should be fetched now: those of
    feeds that ask for full text (their own setting, else the config's
    `full_text_prefetch`), the newest `full_text_per_feed` of each feed. `full_text` True
    asks it of every feed, False of none."""
    from tui_news.core.refresh.outcomes import wanting_full_text

    if full_text is False:
        return []
    ids = wanting_full_text(store, new, default=config.full_text_prefetch, force=bool(full_text))
    stories = [story for story in map(store.story, ids) if story is not None]
    return newest_per_feed(stories, max(1, config.full_text_per_feed))


def newest_per_feed(stories: list[Story], limit: int) -> list[Story]:
    """At most `limit` stories of each feed, its newest; the order otherwise kept."""
    by_feed: dict[int, list[Story]] = {}
    for story in stories:
        by_feed.setdefault(story.feed_id, []).append(story)
    kept = {
        story.id
        for group in by_feed.values()
        for story in sorted(group, key=lambda s: (s.sort_time, s.id), reverse=True)[:limit]
    }
    return [story for story in stories if story.id in kept]


async def until_stopped(work: Awaitable[object], stop: Callable[[], bool]) -> object:
    """`work`'s result, or None once `stop()` says so (asked ten times a second)."""
    task = asyncio.ensure_future(work)
    while not task.done():
        if stop():
            task.cancel()
        await asyncio.wait({task}, timeout=0.1)
    if task.cancelled():
        return None
    return task.result()  # a failure is the caller's to see


class Unsubscribed:
    """Feeds unsubscribed while prefetches run, told to each of them: a running prefetch
    fetches no more of their pages (their stories are gone), and others go on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: list[set[int]] = []  # per prefetch, the feeds gone since it began

    @contextmanager
    def watching(self) -> Iterator[Callable[[Story], bool]]:
        """For one prefetch: whether a story's feed was unsubscribed since it began."""
        gone: set[int] = set()
        with self._lock:
            self._running.append(gone)
        try:
            yield lambda story: story.feed_id in gone
        finally:
            with self._lock:
                self._running = [other for other in self._running if other is not gone]

    def tell(self, feed_ids: Iterable[int]) -> None:
        ids = set(feed_ids)
        with self._lock:
            for gone in self._running:
                gone.update(ids)
