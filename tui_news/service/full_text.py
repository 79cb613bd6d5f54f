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
    ids = list(story_ids)
    places = store.story_places(ids)
    grouped: dict[int, list[int]] = {}
    for story_id in ids:
        if (place := places.get(story_id)) is not None:
            grouped.setdefault(place[0], []).append(story_id)
    return grouped


def wanted(
    store: Store, config: Config, new: Iterable[tuple[int, Iterable[int]]], full_text: bool | None
) -> list[Story]:
    """Of the stories (by feed id), those whose article should be fetched now: those of
    feeds that ask for full text (their own setting, else the config's
    `full_text_prefetch`), the newest `full_text_per_feed` of each feed. `full_text` True
    asks it of every feed, False of none."""
    return [story for story in map(store.story, wanted_ids(store, config, new, full_text)) if story]


def wanted_ids(
    store: Store, config: Config, new: Iterable[tuple[int, Iterable[int]]], full_text: bool | None
) -> list[int]:
    """`wanted`, by id: only the stories chosen are read whole, and what updates owe may be
    the whole cache."""
    from tui_news.core.refresh.outcomes import wanting_full_text

    if full_text is False:
        return []
    ids = wanting_full_text(store, new, default=config.full_text_prefetch, force=bool(full_text))
    return newest_per_feed(ids, store.story_places(ids), max(1, config.full_text_per_feed))


def newest_per_feed(ids: list[int], places: dict[int, tuple[int, float]], limit: int) -> list[int]:
    """Of the stories `ids` (`places`: each one's feed id and sort time), at most `limit`
    of each feed, its newest; the order otherwise kept, those not in `places` left out."""
    grouped: dict[int, list[tuple[float, int]]] = {}
    for story_id in ids:
        if (place := places.get(story_id)) is not None:
            grouped.setdefault(place[0], []).append((place[1], story_id))
    kept = {story_id for group in grouped.values() for _, story_id in sorted(group)[-limit:]}
    return [story_id for story_id in ids if story_id in kept]


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
