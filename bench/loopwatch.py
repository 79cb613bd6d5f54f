"""What runs on the app's event loop, measured in CPU time rather than wall time.

Wall-clock latency on a shared 2-core machine moves with everyone else's load; the
CPU time the UI thread spends in each loop callback, and the CPU time each of the
process's other threads burns (they share the interpreter lock with the UI), hardly
do. A bench wraps a phase in `LoopWatch.phase(name)` and prints `report()`:

- per second of the phase: the UI loop's callbacks' CPU (its *busy* ms/s), their wall
  time, and how many took over 5 ms of CPU;
- the longest callbacks by CPU, named (a task's coroutine, else the callback);
- every thread of the process: CPU ms/s (the refresh's loop, the store thread, …),
  and the worker processes' CPU (children, from /proc).

Patching `asyncio.events.Handle._run` costs a few microseconds a callback; it is the
same in every phase compared, so before/after figures stay comparable.
"""

from __future__ import annotations

import asyncio.events
import gc
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SLOW_CPU = 0.005
TICK = os.sysconf("SC_CLK_TCK")


def _resumed_at(handle: asyncio.events.Handle) -> str:
    """Where a task's step starts: its innermost awaiting frames (the last three),
    read before the step runs (after it, a finished task has no frame left to name)."""
    task = getattr(handle._callback, "__self__", None)  # type: ignore[attr-defined]
    if not isinstance(task, asyncio.Task):
        return ""
    coro, where = task.get_coro(), []
    while coro is not None and (frame := getattr(coro, "cr_frame", None)) is not None:
        where.append(f"{frame.f_code.co_qualname}:{frame.f_lineno}")
        coro = getattr(coro, "cr_await", None)
    return " < ".join(reversed(where[-3:]))


def _callback_name(handle: asyncio.events.Handle, resumed: str = "") -> str:
    callback = handle._callback  # type: ignore[attr-defined]
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro = task.get_coro()
        name = getattr(coro, "__qualname__", repr(coro))
        frame = getattr(coro, "cr_frame", None)
        where = f"@{frame.f_code.co_name}:{frame.f_lineno}" if frame is not None else ""
        resumed = f" (resumed at {resumed})" if resumed else ""
        return f"{task.get_name()} {name}{where}{resumed}"
    name = getattr(callback, "__qualname__", None) or repr(callback)
    return str(name)[:100]


@dataclass
class Phase:
    name: str
    wall: float = 0.0
    busy_cpu: float = 0.0
    busy_wall: float = 0.0
    callbacks: int = 0
    slow: int = 0
    longest: list[tuple[float, float, str]] = field(default_factory=list)
    threads: dict[str, float] = field(default_factory=dict)
    children: float = 0.0
    # Garbage collections, by generation: (how many, CPU seconds, the longest); a
    # collection stops every thread of the process, wherever it was triggered.
    collections: dict[int, list[float]] = field(default_factory=dict)


class LoopWatch:
    """Install once (on the UI's thread, before the app runs); phases after."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.phases: list[Phase] = []
        self._current: Phase | None = None
        original = asyncio.events.Handle._run
        watch = self

        def _run(handle: asyncio.events.Handle) -> None:
            phase = watch._current
            if phase is None or threading.get_ident() != watch.thread:
                original(handle)
                return
            resumed = _resumed_at(handle)
            cpu, wall = time.thread_time(), time.perf_counter()
            original(handle)
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            phase.busy_cpu += cpu
            phase.busy_wall += wall
            phase.callbacks += 1
            if cpu > SLOW_CPU:
                phase.slow += 1
            if len(phase.longest) < 12 or cpu > phase.longest[-1][0]:
                phase.longest.append((cpu, wall, _callback_name(handle, resumed)))
                phase.longest.sort(reverse=True)
                del phase.longest[12:]

        asyncio.events.Handle._run = _run  # type: ignore[method-assign]
        self._gc_started = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, stage: str, info: dict[str, int]) -> None:
        if stage == "start":
            self._gc_started = time.thread_time()
            return
        phase = self._current
        if phase is None:
            return
        took = time.thread_time() - self._gc_started
        seen = phase.collections.setdefault(info["generation"], [0, 0.0, 0.0])
        seen[0] += 1
        seen[1] += took
        seen[2] = max(seen[2], took)

    @contextmanager
    def phase(self, name: str) -> Iterator[Phase]:
        phase = Phase(name)
        sampler = _Sampler()
        started = time.perf_counter()
        self._current = phase
        try:
            yield phase
        finally:
            self._current = None
            phase.wall = time.perf_counter() - started
            phase.threads, phase.children = sampler.stop()
            self.phases.append(phase)

    def report(self) -> str:
        lines = []
        for phase in self.phases:
            per = 1000 / max(phase.wall, 1e-9)
            lines.append(
                f"  [{phase.name}] {phase.wall:.1f} s: UI loop busy {phase.busy_cpu * per:.0f} ms"
                f" CPU/s ({phase.busy_wall * per:.0f} ms wall/s), {phase.callbacks} callbacks,"
                f" {phase.slow} over {SLOW_CPU * 1000:.0f} ms CPU"
            )
            shown = sorted(phase.threads.items(), key=lambda item: -item[1])
            threads = ", ".join(f"{name} {cpu * per:.0f}" for name, cpu in shown if cpu * per >= 1)
            lines.append(f"    threads, ms CPU/s: {threads}; workers {phase.children * per:.0f}")
            collected = ", ".join(
                f"gen {gen}: {int(n)} ({total * 1000:.0f} ms, longest {most * 1000:.1f} ms)"
                for gen, (n, total, most) in sorted(phase.collections.items())
            )
            lines.append(f"    garbage collections: {collected or 'none'}")
            for cpu, wall, name in phase.longest[:8]:
                lines.append(f"    {cpu * 1000:6.1f} ms CPU {wall * 1000:6.1f} ms wall  {name}")
        return "\n".join(lines)


class _Sampler:
    """CPU of each thread and each worker process, read from /proc every 0.2 s (a
    thread or a worker may end before the phase does), as differences over the phase."""

    def __init__(self) -> None:
        self._first_threads = _thread_cpu()
        self._first_children = _children_cpu()
        self._threads = dict(self._first_threads)
        self._children = dict(self._first_children)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="loopwatch", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stopped.wait(0.2):
            self._threads.update(_thread_cpu())
            self._children.update(_children_cpu())

    def stop(self) -> tuple[dict[str, float], float]:
        self._stopped.set()
        self._thread.join()
        self._threads.update(_thread_cpu())
        self._children.update(_children_cpu())
        by_name: dict[str, float] = {}
        for key, cpu in self._threads.items():
            name = key[1]
            by_name[name] = by_name.get(name, 0.0) + cpu - self._first_threads.get(key, 0.0)
        children = sum(
            cpu - self._first_children.get(pid, 0.0) for pid, cpu in self._children.items()
        )
        return by_name, children


def _thread_cpu() -> dict[tuple[int, str], float]:
    """CPU seconds of each live thread of this process, by (id, Python name)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    found: dict[tuple[int, str], float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task.name), "other")
        name = name.split("_")[0] if name.startswith("ThreadPoolExecutor") else name
        name = name.split(" (")[0]
        found[(int(task.name), name)] = (int(fields[11]) + int(fields[12])) / TICK
    return found


def _children_cpu() -> dict[int, float]:
    """CPU seconds of this process's grandchildren, by pid: the pools' workers come from
    a forkserver (a child); a bench's own server, another child, is left out."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(proc.name)] = int(fields[1])
        cpu[int(proc.name)] = (int(fields[11]) + int(fields[12])) / TICK
    me = os.getpid()
    return {pid: used for pid, used in cpu.items() if parents.get(parents.get(pid, 0)) == me}
