"""The garbage collector's full passes, moved to moments when the user is not typing.

A full pass walks every object the app's process holds (Textual's widgets, styles and
strips, the modules, the stories listed) with the interpreter lock held: 20-100 ms on
this machine. Python starts one whenever enough objects have survived younger passes,
which a refresh and a full-text prefetch (their allocations on the app's threads) did
every second or so, and a key pressed meanwhile waited for it. So:

- what start-up built lives as long as the app: it is frozen out of the collector's
  reach (`gc.freeze`) after the first frame, and again after the warm-up imports;
- Python's own full passes are off while the app runs; the app makes them itself once
  Python would have, when no key or mouse event came for `IDLE` seconds.
- While keys keep coming, a full pass waits until the process's resident memory grew
  by `GROWTH` since the last one: only then is the garbage worth a frozen key. It used
  to come at the latest 60 s after the last pass, and while a refresh's objects were
  alive that pass took 0.1-0.5 s of CPU, every key typed meanwhile waiting for it
  (bench/nonstop_keys.py). Where the memory cannot be read (no /proc), that minute
  stays the rule.
Younger passes (a fraction of a millisecond each) stay as Python runs them.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable

IDLE = 1.0
CHECK_EVERY = 2.0
GROWTH = 128 * 2**20  # bytes of resident memory
LONGEST_WAIT = 60.0  # where the resident memory cannot be read
OFF = 1 << 30  # a full-pass threshold that is never reached


def full_pass_due(
    *,
    now: float,
    last_input: float,
    last_pass: float,
    pending: int,
    threshold: int,
    grown: int | None,
) -> bool:
    """Whether to make a full pass now: Python would have (`pending` younger passes
    since the last full one reached its `threshold`), and the user is idle, or the
    resident memory `grown` by `GROWTH` bytes since the last pass while keys kept
    coming (None: not known here, and then `LONGEST_WAIT` seconds since it)."""
    if pending < threshold:
        return False
    if now - last_input >= IDLE:
        return True
    if grown is None:
        return now - last_pass >= LONGEST_WAIT
    return grown >= GROWTH


def resident_bytes() -> int | None:
    """The process's resident memory, or None where the system does not say (no /proc)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class Collector:
    """`start()` after the first frame, `input_seen()` on every input event, `tick()`
    every `CHECK_EVERY` seconds, `stop()` when the app ends (Python's passes again)."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        resident: Callable[[], int | None] = resident_bytes,
    ) -> None:
        self.clock = clock
        self.resident = resident
        self.last_input = self.last_pass = clock()
        self.passes = 0
        self.resident_after_pass = self.resident()
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._thresholds is not None:
            return
        gc.freeze()
        self.resident_after_pass = self.resident()
        self._thresholds = gc.get_threshold()
        young, middle, _full = self._thresholds
        gc.set_threshold(young, middle, OFF)

    def input_seen(self) -> None:
        self.last_input = self.clock()

    def tick(self) -> None:
        if self._thresholds is None:
            return
        now = self.clock()
        resident = self.resident()
        before = self.resident_after_pass
        due = full_pass_due(
            now=now,
            last_input=self.last_input,
            last_pass=self.last_pass,
            pending=gc.get_count()[2],
            threshold=self._thresholds[2],
            grown=None if resident is None or before is None else resident - before,
        )
        if due:
            gc.collect()
            self.last_pass = now
            self.resident_after_pass = self.resident()
            self.passes += 1

    def stop(self) -> None:
        """Python's own passes again, over everything (another app may follow in this
        process: tests, the benchmarks)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            gc.unfreeze()
            self._thresholds = None
