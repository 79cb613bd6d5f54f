"""CPU-bound pure functions off the event loop: a lazy process pool with a thread fallback.

Parsing a feed (or extracting an article) holds the GIL for milliseconds to seconds;
in a process it neither stalls the asyncio loop nor the Textual UI, and both cores
work. Workers come from a *forkserver*, not fork: the caller is usually multi-threaded
(a Textual app, aiohttp's resolver threads) and forking a threaded process can copy
a held lock into the child. Workers watch the process that started them and exit
when it dies, even by SIGKILL: otherwise they would wait forever for work. A job
that overruns its timeout gets its workers killed and the pool restarted, so one
pathological document cannot wedge later jobs.
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing import resource_tracker
from typing import Any, TypeVar

from tui_news.core.errors import NewstermError

T = TypeVar("T")

# The longest `close()` waits for workers that are still starting.
START_TIMEOUT = 10.0


class WorkTimeoutError(NewstermError, TimeoutError):
    """A job ran longer than its timeout; its worker was stopped."""


class _StoppedForAnother(BrokenProcessPool):
    """A job's worker was killed because another job overran its timeout."""


class CpuPool:
    """`await pool.run(fn, *args, **kwargs)`; `fn` and its arguments must pickle.

    Starting the workers blocks (the forkserver imports `preload` before it forks), so
    it happens on a helper thread, never on an event loop; `prestart()` begins it early.
    A pool may be shared by event loops in several threads (the reader's is).
    """

    def __init__(
        self, workers: int = 2, *, timeout: float | None = None, preload: Sequence[str] = ()
    ) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self.preload = list(preload)
        self.uses_processes = True
        self._executor: Executor | None = None
        self._starting: Future[Executor] | None = None
        self._start_thread: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()
        # Per event loop (a pool may serve several): how many jobs may be handed over.
        self._loop_slots: weakref.WeakKeyDictionary[Any, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )
        # Executors killed because a job overran: their other jobs are run again.
        self._stopped: weakref.WeakSet[Executor] = weakref.WeakSet()
        # Per process executor: the semaphore its workers release once they are up.
        self._started_signals: weakref.WeakKeyDictionary[Executor, Any] = (
            weakref.WeakKeyDictionary()
        )

    @property
    def started(self) -> bool:
        """Whether workers are up, so that a job would not wait for them to start."""
        return self._executor is not None

    def prestart(self) -> None:
        """Start the workers in the background so that the first job finds them ready."""
        with self._lock:
            if self._closed or self._executor is not None or self._starting is not None:
                return
            starting: Future[Executor] = Future()
            starting.set_running_or_notify_cancel()  # a waiter's cancel must not cancel it
            self._starting = starting
            # Not a daemon, and neither is the pool's manager thread, which inherits it:
            # the interpreter's exit waits for both to end, see `close()`.
            thread = self._start_thread = threading.Thread(
                target=self._start, args=(starting,), daemon=False, name="newsterm-pool-start"
            )
            thread.start()  # under the lock: `close()` must never join an unstarted thread

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        job = partial(fn, *args, **kwargs)
        # At most one job per worker is handed over, so that the timeout counts the
        # job's own run and not its wait behind others (a cold refresh queues many).
        async with self._slots():
            try:
                return await self._run_once(job)
            except _StoppedForAnother:
                # Its worker was killed for another job's timeout: this job is innocent.
                return await self._run_once(job)

    async def _run_once(self, job: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        executor = await self._ready()
        try:
            future = loop.run_in_executor(executor, job)
        except BrokenProcessPool:
            self._kill(executor)
            executor = await self._ready()
            future = loop.run_in_executor(executor, job)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._kill(executor, timed_out=True)
            raise WorkTimeoutError(f"took longer than {self.timeout:g} s") from None
        except BrokenProcessPool:
            if executor in self._stopped:
                raise _StoppedForAnother("stopped for another job's timeout") from None
            self._kill(executor)  # a worker died (the OOM killer, a C crash): start afresh
            raise

    def _slots(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        with self._lock:
            slots = self._loop_slots.get(loop)
            if slots is None:
                slots = self._loop_slots[loop] = asyncio.Semaphore(self.workers)
        return slots

    def close(self) -> None:
        """Stop the workers (running jobs finish, unwaited for).

        Workers still starting are waited for, and so is a start under way: a worker
        that finds its owner gone before it has read its start-up state prints a
        traceback onto the user's terminal (multiprocessing's semaphores are unlinked
        when the owner exits). The starting thread is waited for to its very end, not
        just until it hands over: it drops the last reference to a pool it shuts down,
        and so unlinks that pool's semaphores. The thread that drops a semaphore unlinks
        it, then tells multiprocessing's resource tracker; a daemon thread frozen by the
        exit between the two (the starting thread, or the pool's manager thread, which
        drops the queues as it ends) makes the tracker warn on the user's terminal of a
        "leaked semaphore" it cannot find.
        """
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
            thread = self._start_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=START_TIMEOUT)  # `_start` then shuts the pool down
        if executor is not None:
            self._shut_down(executor)

    def _shut_down(self, executor: Executor) -> None:
        signal = self._started_signals.pop(executor, None)
        if signal is not None:
            _wait_until_started(executor, signal)
        executor.shutdown(wait=False, cancel_futures=True)

    async def _ready(self) -> Executor:
        self.prestart()
        with self._lock:
            executor, starting = self._executor, self._starting
        if executor is not None:
            return executor
        if starting is None:
            raise RuntimeError("the worker pool is closed")
        return await asyncio.wrap_future(starting)

    def _start(self, starting: Future[Executor]) -> None:
        """On a helper thread: create the pool, spawn its workers, hand it over."""
        try:
            executor = self._create()
            # A job's timeout counts its own run: handed over before its workers are up,
            # a pool would charge their start (a fork and an import of the main module)
            # to the first jobs, and a job re-run after another's timeout could time out
            # in its turn.
            signal = self._started_signals.pop(executor, None)
            if signal is not None:
                _wait_until_started(executor, signal)
        except BaseException as error:
            with self._lock:
                self._starting = None
            starting.set_exception(error)
            return
        with self._lock:
            wanted = not self._closed and self._starting is starting
            if wanted:
                self._executor = executor
            self._starting = None
        if wanted:
            starting.set_result(executor)
        else:
            self._shut_down(executor)
            starting.set_exception(RuntimeError("the worker pool was closed while it started"))

    def _create(self) -> Executor:
        if self.uses_processes:
            try:
                _start_resource_tracker()
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload([_FORKSERVER_FIRST, *self.preload])
                started = context.Semaphore(0)
                executor = ProcessPoolExecutor(
                    self.workers,
                    mp_context=context,
                    initializer=start_worker,
                    initargs=(os.getpid(), started),
                )
                self._started_signals[executor] = started
                for _ in range(self.workers):
                    executor.submit(int)  # each submit spawns a worker while any are missing
                return executor
            except (OSError, NotImplementedError, ValueError, BrokenProcessPool):
                self.uses_processes = False  # no processes here (sandbox, no /dev/shm)
        return ThreadPoolExecutor(self.workers, thread_name_prefix="newsterm-cpu")

    def _kill(self, executor: Executor, *, timed_out: bool = False) -> None:
        """Stop every worker of `executor` now; the next job starts a fresh pool.

        A pool that another job has already replaced is left alone.
        """
        with self._lock:
            if self._executor is not executor:
                return
            self._executor = None
            if timed_out:
                self._stopped.add(executor)
        # The executor has no public way to stop a running job; terminating its
        # processes is the only way to reclaim a worker stuck in C code.
        processes: dict[int, Any] = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr.

    The tracker is spawned with `sys.stderr.fileno()` among the descriptors it keeps.
    Inside a Textual app sys.stderr is the app's capture, whose fileno() is -1: the
    spawn then fails (ValueError), and the pool fell back to threads in the app's own
    process, where every feed parsed and every article extracted held the interpreter
    lock the keyboard needs.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    real = sys.__stderr__
    if real is None:
        return  # nothing to hand it: the pool falls back to threads
    captured = sys.stderr
    sys.stderr = real  # for this call only: the tracker keeps its own copy
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


# Imported by the forkserver before the preload modules; see its docstring.
_FORKSERVER_FIRST = "tui_news.core.pool_signals"


def call_by_name(target: str, *args: Any, **kwargs: Any) -> Any:
    """Call "package.module:function" by name.

    Submitting a name rather than the function spares the submitting process the
    import of the module that does the work (parsers are slow to import; a refresh
    where every feed answers 304 never needs them).
    """
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(*args, **kwargs)


WORKER_NICENESS = 10


def start_worker(owner: int, started: Any) -> None:
    """Worker initializer: follow the owner out, and tell it this worker is up.

    Ctrl-C in a terminal signals the whole process group: the owner handles it and
    stops the pool, while a worker ignores it so that it neither prints a
    KeyboardInterrupt traceback nor abandons a feed half-way through its transaction.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # On two busy cores the owner (the app the user types into) must win the CPU over
    # its own parsing and extraction: a key waited up to 0.25 s behind them.
    os.nice(WORKER_NICENESS)
    exit_with_parent(owner)
    started.release()


def _wait_until_started(executor: Executor, started: Any) -> None:
    """Block until every worker `executor` has spawned is up (or START_TIMEOUT passes)."""
    deadline = time.monotonic() + START_TIMEOUT
    processes: dict[int, Any] = getattr(executor, "_processes", None) or {}
    for _ in range(len(processes)):
        if not started.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return  # a worker that died starting, or a machine far too slow: give up


def exit_with_parent(pid: int) -> None:
    """Worker initializer: exit as soon as process `pid` (the pool's owner) is gone.

    A pool worker blocks reading its task queue, and it holds that queue's write end
    itself, so it never sees EOF when its owner is killed; nor is the owner its parent
    (the forkserver is), so PR_SET_PDEATHSIG would not help.
    """
    threading.Thread(
        target=_wait_for_exit, args=(pid,), daemon=True, name="newsterm-owner-watch"
    ).start()


def _wait_for_exit(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):
        handle = None  # no pidfd (old kernel, not Linux): poll instead
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _alive(pid):
            time.sleep(1.0)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
