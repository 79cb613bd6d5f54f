"""The refresh engine: check many feeds concurrently and politely, store what changed.

Network I/O runs on one asyncio loop (limits live in `Fetcher`). A fetched body goes
to a process pool (`CpuPool`; small documents on a thread until the pool is up) that
parses it and stores it there (`ingest.parse_and_store`), so the loop never waits on
CPU and the parsed entries never travel back. The small writes (a 304, an error) run
on one dedicated thread, so the loop never blocks on another process holding the
write lock. The store must be a file (workers open their own connections). Each feed
ends in exactly one `FeedOutcome`; a failure is recorded on that feed and touches
nothing else.
The engine knows nothing of Textual: the TUI runs `Refresher.refresh` in a thread worker,
with its own `Store`, and may call `cancel()` from any thread.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from tui_news.core.cpu_pool import CpuPool, WorkTimeoutError, call_by_name
from tui_news.core.errors import CacheError, error_text
from tui_news.core.models import Feed
from tui_news.core.net.errors import FetchError
from tui_news.core.net.fetch import Fetcher, FetchResult
from tui_news.core.net.limits import FetchLimits
from tui_news.core.refresh import schedule
from tui_news.core.refresh.outcomes import (
    FeedOutcome,
    OutcomeStatus,
    ProgressCallback,
    RefreshSummary,
)
from tui_news.core.storage import AmbiguousFeedError, FeedNotFoundError, Store
from tui_news.core.urls import redact_url

if TYPE_CHECKING:
    # Not imported at run time: it pulls in the parsers, which a warm refresh never needs.
    from tui_news.core.refresh.ingest import StoredFeed

T = TypeVar("T")

# Imported by name, in the process that parses and stores: see `cpu_pool.call_by_name`.
PARSE_MODULE = "tui_news.core.refresh.ingest"
PARSE_AND_STORE = f"{PARSE_MODULE}:parse_and_store"
# Where parsing runs (measured with bench/refresh.py, see bench/README.md): the process
# pool uses the second core, but takes a few tenths of a second to start. It starts at
# once when several feeds will surely send a body (they have no validators); until it
# is up, bodies up to INLINE_PARSE_BYTES (~3.5 ms of parsing) parse on a thread here.
INLINE_PARSE_BYTES = 128 * 1024
PRESTART_BODIES = 4


# `_follow_move`'s answer when a feed moved onto another subscription.
_DUPLICATE = "\0duplicate"


class Refresher:
    """Refresh feeds of one `Store`. `min_interval` is in seconds."""

    def __init__(
        self,
        store: Store,
        limits: FetchLimits | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        min_interval: float = schedule.DEFAULT_MIN_INTERVAL,
        clock: Callable[[], float] = time.time,
        parse_timeout: float = 30.0,
        parse_workers: int = 2,
        prune_after_days: int = 0,
        parse_here: bool = True,
        update: int | None = None,
    ) -> None:
        self.store = store
        # The update this refresh is part of: its new stories are owed their full text.
        self.update = update
        self.limits = limits or FetchLimits()
        self.on_progress = on_progress
        self.min_interval = min_interval
        self.clock = clock
        self.parse_timeout = parse_timeout
        self.parse_workers = parse_workers
        self.prune_after_days = prune_after_days
        # Whether small documents may parse on a thread of this process while the pool
        # starts. Not in the app: its keyboard shares this process's interpreter lock.
        self.parse_here = parse_here
        self._cancel_requested = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    def cancel(self) -> None:
        """Stop a running refresh from any thread; finished feeds stay stored."""
        self._cancel_requested = True
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)

    def run(
        self, feed_ids: Iterable[int] | None = None, *, explicit: bool = True
    ) -> RefreshSummary:
        """Synchronous wrapper: a fresh event loop on the calling thread."""
        return asyncio.run(self.refresh(feed_ids, explicit=explicit))

    async def refresh(
        self, feed_ids: Iterable[int] | None = None, *, explicit: bool = True
    ) -> RefreshSummary:
        """Check the selected (default: all) feeds; see `schedule.should_check`."""
        started = time.monotonic()
        summary = RefreshSummary()
        with ThreadPoolExecutor(1, thread_name_prefix="newsterm-db") as db_thread:
            run = _Run(self, summary, db_thread)
            self._loop = asyncio.get_running_loop()
            self._task = asyncio.ensure_future(run.execute(feed_ids, explicit))
            try:
                await asyncio.shield(self._task)
            except asyncio.CancelledError:
                # Our own cancel() ends the run with a partial summary; anyone else
                # cancelling us gets the usual CancelledError once the run has stopped.
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)
                if not self._cancel_requested:
                    raise
            finally:
                self._task = None
        # A cancel() that came before the run started stops it before any fetch, too.
        summary.cancelled, self._cancel_requested = self._cancel_requested, False
        if self.prune_after_days > 0 and not summary.cancelled:
            cut_off = self.clock() - self.prune_after_days * 86_400.0
            summary.pruned = self.store.prune(older_than=cut_off).stories
        summary.elapsed = time.monotonic() - started
        return summary


class _Run:
    """The state of one refresh: its summary, pools and progress counter."""

    def __init__(self, owner: Refresher, summary: RefreshSummary, db: ThreadPoolExecutor) -> None:
        self.owner = owner
        self.store = owner.store
        self.summary = summary
        self.db = db
        self.done = 0
        self.total = 0
        self.notes: dict[int, str] = {}  # feed id → what its check overrode
        self.pool = CpuPool(
            owner.parse_workers, timeout=owner.parse_timeout, preload=[PARSE_MODULE]
        )
        self._inline: ThreadPoolExecutor | None = None

    async def _db(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.db, partial(fn, *args, **kwargs))

    async def execute(self, feed_ids: Iterable[int] | None, explicit: bool) -> None:
        named = feed_ids is not None
        feeds = await self._db(_select_feeds, self.store, feed_ids)
        now = self.owner.clock()
        to_check: list[Feed] = []
        for feed in feeds:
            reason = schedule.should_check(feed, now, explicit=explicit, named=named)
            if reason is None:
                to_check.append(feed)
                if named and (note := schedule.overridden_wait(feed, now)):
                    self.notes[feed.id] = note
            else:
                self.summary.outcomes.append(_outcome(feed, OutcomeStatus.SKIPPED, reason))
        if self.owner._cancel_requested or not to_check:
            return
        self.total = len(to_check)
        sure_bodies = sum(feed.etag is None and feed.last_modified is None for feed in to_check)
        if sure_bodies >= PRESTART_BODIES:
            self.pool.prestart()
        try:
            async with Fetcher(self.owner.limits) as fetcher:
                tasks = [asyncio.ensure_future(self._one(fetcher, feed)) for feed in to_check]
                try:
                    await asyncio.gather(*tasks)
                finally:
                    # If one task raised (a progress callback's bug), stop the rest before
                    # the session closes under them.
                    for task in tasks:
                        task.cancel()
                    await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            self.pool.close()
            if self._inline is not None:
                self._inline.shutdown(wait=False, cancel_futures=True)

    async def _parse_and_store(
        self, feed: Feed, result: FetchResult, now: float, interval: float
    ) -> StoredFeed:
        """In the pool once it is up; before that, small documents on a thread."""
        job = partial(
            call_by_name,
            PARSE_AND_STORE,
            str(self.store.path),
            feed.id,
            result.body,
            url=result.final_url,
            content_type=result.content_type,
            checked_at=now,
            etag=result.etag,
            last_modified=result.last_modified,
            min_interval=interval,
            max_age=result.cache_max_age,
            update=self.owner.update,
        )
        if not self.owner.parse_here or self.pool.started or len(result.body) > INLINE_PARSE_BYTES:
            return await self.pool.run(job)
        if self._inline is None:
            self._inline = ThreadPoolExecutor(1, thread_name_prefix="newsterm-parse")
        return await asyncio.get_running_loop().run_in_executor(self._inline, job)

    async def _one(self, fetcher: Fetcher, feed: Feed) -> None:
        try:
            outcome = await self._check(fetcher, feed)
        except (CacheError, OSError) as error:
            outcome = _outcome(
                feed, OutcomeStatus.FAILED, f"cache error: {error_text(error, limit=300)}"
            )
        except Exception as error:  # a bug met on this feed's input: it fails, the run goes on
            outcome = await self._unexpected(feed, error)
        self.done += 1
        outcome = _at(outcome, self.done, self.total, self.notes.get(feed.id))
        self.summary.outcomes.append(outcome)
        if self.owner.on_progress is not None:
            self.owner.on_progress(outcome)

    async def _check(self, fetcher: Fetcher, feed: Feed) -> FeedOutcome:
        now = self.owner.clock()
        try:
            result = await fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        except FetchError as error:
            return await self._failed(feed, error.message, now, error=error)
        moved_to = await self._follow_move(feed, result)
        if moved_to == _DUPLICATE:
            # Storing here too would show every story twice: say so, and keep nothing.
            target = redact_url(result.permanent_url or "")
            return await self._failed(
                feed, f"moved permanently to {target}, which is subscribed too", now
            )
        if result.not_modified and feed.etag is None and feed.last_modified is None:
            # Nothing was compared, so nothing is "not modified": a broken server or proxy.
            message = "HTTP 304 Not Modified to a request that was not conditional"
            return await self._failed(feed, message, now, moved_to=moved_to)
        interval = schedule.min_interval_for(feed, self.owner.min_interval)
        if result.not_modified:
            next_due = schedule.after_success(
                now,
                min_interval=interval,
                max_age=result.cache_max_age,
                ttl_seconds=feed.ttl_seconds,
            )
            await self._db(
                self.store.record_not_modified, feed.id, checked_at=now, next_due=next_due
            )
            return _outcome(feed, OutcomeStatus.NOT_MODIFIED, moved_to=moved_to)
        try:
            stored = await self._parse_and_store(feed, result, now, interval)
        except WorkTimeoutError as error:
            return await self._failed(feed, f"parsing {error}", now, moved_to=moved_to)
        except CacheError:
            raise  # the cache's problem, not the feed's: reported as such by _one
        except Exception as error:  # not a feed, or a parser crash: this feed alone fails
            return await self._failed(feed, _parse_failure(error), now, moved_to=moved_to)
        return _outcome(
            feed,
            OutcomeStatus.OK,
            stored.warning,
            new_stories=stored.new,
            new_story_ids=stored.new_story_ids,
            moved_to=moved_to,
        )

    async def _unexpected(self, feed: Feed, error: Exception) -> FeedOutcome:
        """Record a failure nobody foresaw on the feed, so that its next check backs off
        like any other failure's, rather than meeting it again at once."""
        message = f"internal error ({type(error).__name__}): {error_text(error, limit=200)}"
        try:
            return await self._failed(feed, message, self.owner.clock())
        except Exception:  # the cache cannot take even that: the outcome still says why
            return _outcome(feed, OutcomeStatus.FAILED, message)

    async def _follow_move(self, feed: Feed, result: FetchResult) -> str | None:
        """A permanent redirect moves the subscription; `_DUPLICATE` when the target
        is already another subscription."""
        if result.permanent_url is None or not worth_moving(feed.url, result.permanent_url):
            return None
        moved = await self._db(_move_feed, self.store, feed.id, result.permanent_url)
        return result.permanent_url if moved else _DUPLICATE

    async def _failed(
        self,
        feed: Feed,
        message: str,
        now: float,
        *,
        error: FetchError | None = None,
        moved_to: str | None = None,
    ) -> FeedOutcome:
        interval = schedule.min_interval_for(feed, self.owner.min_interval)
        dead = error is not None and error.status == 410
        retry_after = (
            error.retry_after if error is not None and error.status in (429, 503) else None
        )
        if retry_after is not None and retry_after < 1:
            retry_after = None  # "0" or a date already past asks for no wait: back off
        if retry_after is not None:
            message += schedule.retry_after_note(retry_after)
        next_due = None
        if not dead:
            next_due = schedule.after_error(
                now,
                error_count=feed.error_count + 1,
                min_interval=interval,
                retry_after=retry_after,
            )
        await self._db(
            self.store.record_error, feed.id, message, checked_at=now, next_due=next_due, dead=dead
        )
        kind = error.kind if error is not None else None
        return _outcome(feed, OutcomeStatus.FAILED, message, moved_to=moved_to, error_kind=kind)


def worth_moving(subscribed: str, target: str) -> bool:
    """Whether a permanent redirect should change the stored URL. Not onto itself, and
    never from https to http: that would send every later request in the clear, on a
    redirect that anyone between us and the server could have forged. The redirect is
    still followed on each refresh."""
    if target == subscribed:
        return False
    return not (subscribed.lower().startswith("https:") and target.lower().startswith("http:"))


def _select_feeds(store: Store, feed_ids: Iterable[int] | None) -> Sequence[Feed]:
    if feed_ids is None:
        return store.feeds()
    feeds: list[Feed] = []
    for feed_id in dict.fromkeys(feed_ids):
        try:
            feeds.append(store.feed(feed_id))
        except FeedNotFoundError:
            continue  # removed since the caller looked; nothing to refresh
    return feeds


def _move_feed(store: Store, feed_id: int, url: str) -> bool:
    """`Store.move_feed`, where another spelling of a subscribed URL is taken too."""
    try:
        other = store.feed_matching_url(url)
    except AmbiguousFeedError:
        return False
    if other is not None and other.id != feed_id:
        return False
    return store.move_feed(feed_id, url)


def _outcome(
    feed: Feed, status: OutcomeStatus, message: str | None = None, **extra: object
) -> FeedOutcome:
    # The title is printed; a feed without one is shown by its URL, password hidden.
    title = feed.title or redact_url(feed.url)
    return FeedOutcome(feed.id, feed.url, title, status, message, **extra)  # type: ignore[arg-type]


def _at(outcome: FeedOutcome, position: int, total: int, note: str | None) -> FeedOutcome:
    from dataclasses import replace

    return replace(outcome, position=position, total=total, note=note)


def _parse_failure(error: Exception) -> str:
    from tui_news.core.feeds.parse import NotAFeedError  # loaded already: the error unpickled it

    text = error_text(error, limit=300)
    if not isinstance(error, NotAFeedError):
        return f"could not parse: {text}"
    return text if text.lower().startswith("not a feed") else f"not a feed: {text}"
