"""One fetch of a page at a time in this process, whoever asks for it.

The reading pane (on the UI's event loop) and an update's full-text step (on a thread
with a loop of its own) may want the same page at the same moment, and so may two
stories of different feeds that link it. A polite reader asks a site once: the first
asker's fetch-and-extract runs, and every later asker waits for its outcome, the same
article or the same failure.

A read lives as long as someone waits for it. An asker that gives up (the user moved to
another story) stops waiting, not the read: the others still get it, and it is still
cached. Only when every asker has gone is the read itself cancelled. A read whose loop
cancelled it (a finished prefetch's `asyncio.run` cancels what is left on its loop) is
not a failure to share: those still waiting start it again.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Awaitable, Callable, Hashable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from tui_news.core.storage import Store

T = TypeVar("T")


class _Abandoned(Exception):
    """The read was cancelled by its own loop, not by every asker giving up."""


@dataclass(eq=False)
class _Read(Generic[T]):
    outcome: concurrent.futures.Future[T] = field(default_factory=concurrent.futures.Future)
    askers: int = 0
    task: asyncio.Task[T] | None = None
    loop: asyncio.AbstractEventLoop | None = None


_lock = threading.Lock()
_reads: dict[Hashable, _Read[object]] = {}


def page_key(store: Store | None, url: str) -> tuple[str, str]:
    """What makes two reads one: the page, and the cache it is kept in (readers of one
    database share their reads; each in-memory database is its own)."""
    if store is None:
        return ("", url)
    where = str(store.path)
    return (f"memory {id(store)}" if where == ":memory:" else where, url)


def waiting(key: Hashable) -> int:
    """How many askers wait for the read of `key` now (0: none is under way)."""
    with _lock:
        read = _reads.get(key)
        return 0 if read is None else read.askers


async def read_once(key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
    """`work()`'s outcome, run by the first asker of `key`; later askers, from any thread
    or loop, wait for that same outcome instead of running `work` again."""
    while True:
        with _lock:
            read = _reads.get(key)
            if read is not None and read.loop is not None and read.loop.is_closed():
                read = None  # its loop closed without running it to its end
            leading = read is None
            if read is None:
                read = _reads[key] = _Read()
            read.askers += 1
        if leading:
            _start(key, read, work)
        try:
            return await _wait(read.outcome)  # type: ignore[arg-type]
        except _Abandoned:
            continue  # its loop is gone: this asker runs the read itself
        except asyncio.CancelledError:
            _leave(read)
            raise


def _start(key: Hashable, read: _Read[object], work: Callable[[], Awaitable[object]]) -> None:
    loop = asyncio.get_running_loop()

    async def run() -> object:
        return await work()

    task = loop.create_task(run())
    read.task, read.loop = task, loop

    def settle(done: asyncio.Task[object]) -> None:
        with _lock:
            if _reads.get(key) is read:
                del _reads[key]  # a later asker starts a new read (or finds the cache)
        if done.cancelled():
            read.outcome.set_exception(_Abandoned())
        elif (error := done.exception()) is not None:
            read.outcome.set_exception(error)
        else:
            read.outcome.set_result(done.result())

    task.add_done_callback(settle)


def _leave(read: _Read[object]) -> None:
    """One asker stopped waiting; the last one to go takes the read with it."""
    with _lock:
        read.askers -= 1
        last = read.askers == 0
    if last and read.task is not None and read.loop is not None:
        with suppress(RuntimeError):  # its loop has closed: the read has ended with it
            read.loop.call_soon_threadsafe(read.task.cancel)


async def _wait(outcome: concurrent.futures.Future[T]) -> T:
    """Await a thread-safe future without handing it our cancellation (as
    `asyncio.wrap_future` would: it cancels the source when its waiter is cancelled)."""
    loop = asyncio.get_running_loop()
    mine: asyncio.Future[T] = loop.create_future()

    def copy(done: concurrent.futures.Future[T]) -> None:
        if mine.done():
            return
        error = done.exception()
        if error is not None:
            mine.set_exception(error)
        else:
            mine.set_result(done.result())

    def arrived(done: concurrent.futures.Future[T]) -> None:
        with suppress(RuntimeError):  # the waiter's loop has closed: nobody to tell
            loop.call_soon_threadsafe(copy, done)

    outcome.add_done_callback(arrived)
    return await mine
