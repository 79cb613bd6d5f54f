"""Nonstop typing and the garbage collector: key press → repaint while `j` keeps coming,
with the full collections the app makes (ui/collector.py) timed one by one.

The app makes a full collection at the latest `LONGEST_WAIT` seconds after the last one
while keys keep coming; `--deadline` shortens that wait, so that a run of a few hundred
presses crosses it several times, as a minute of typing does. Prints the presses'
median, p95 and max, each full collection's CPU time, the process's resident memory
after the presses, the CPU time of the run and the load. Headless, in process, on a
cache built by `bench/tui.py` (`--workdir DIR --keys 50000` leaves one in DIR/cache-50000).

`--churn N` stands in for a refresh and its prefetch on the app's threads: a thread
keeps N small objects in reference cycles alive and replaces a tenth of them every
second, so that a full collection has as much to walk as one during a refresh has (a
full collection's time grows with the objects alive, not with the garbage).

    python bench/nonstop_keys.py DATA_DIR [--presses 200] [--runs 5] [--deadline 3]
                                          [--churn 300000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypress import RepaintClock, describe, press_j  # noqa: E402

TERMINAL = (160, 45)


def resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class FullPasses:
    """The CPU time of each full (generation 2) collection, whoever made it."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.thread_time()
        else:
            self.seconds.append(time.thread_time() - self._started)

    def close(self) -> None:
        gc.callbacks.remove(self)


class Churn(threading.Thread):
    """`count` objects in cycles kept alive, a tenth replaced every second, until `stop`."""

    def __init__(self, count: int) -> None:
        super().__init__(daemon=True)
        self.count = count
        self.stop = threading.Event()

    @staticmethod
    def batch(size: int) -> list[dict[str, object]]:
        items: list[dict[str, object]] = [{"n": n} for n in range(size)]
        for item in items:
            item["self"] = item  # a cycle: only a collection frees it
        return items

    def run(self) -> None:
        tenth = max(1, self.count // 10)
        alive = [self.batch(tenth) for _ in range(10)]
        while not self.stop.wait(1.0):
            alive = [*alive[1:], self.batch(tenth)]


async def typing_run(
    data_dir: Path, presses: int, churn: int
) -> tuple[list[float], list[float], float]:
    from tui_news.config import Config
    from tui_news.paths import AppPaths
    from tui_news.ui.app import build_app

    app = build_app(
        AppPaths.default(data_dir), Config(refresh_on_start=False), remember_theme=False
    )
    clock = RepaintClock()
    async with app.run_test(size=TERMINAL) as pilot:
        screen: Any = app.main_screen
        while len(screen.stories.ids) < presses + 10:
            await pilot.pause(0.01)
        await pilot.pause(3.0)  # the warm-up imports done, the view listed
        background = Churn(churn)
        if churn:
            background.start()
            await pilot.pause(1.0)
        passes = FullPasses()
        latencies: list[float] = []
        try:
            for _ in range(presses):
                if (took := await press_j(app, clock)) is not None:
                    latencies.append(took)
                await asyncio.sleep(0.01)  # a fast typist, never a pause of a second
        finally:
            passes.close()
            background.stop.set()
        memory = resident_mib()
    return latencies, passes.seconds, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deadline", type=float, default=3.0, help="LONGEST_WAIT, seconds")
    parser.add_argument("--churn", type=int, default=0, help="objects alive on a thread")
    args = parser.parse_args()

    from tui_news.ui import collector

    if hasattr(collector, "LONGEST_WAIT"):
        collector.LONGEST_WAIT = args.deadline
    every: list[float] = []
    print(
        f"nonstop typing, {args.presses} presses a run, deadline {args.deadline:g} s, "
        f"{args.churn:,} objects churned"
    )
    for run in range(args.runs):
        load = os.getloadavg()[0]
        cpu = time.process_time()
        latencies, passes, memory = asyncio.run(typing_run(args.data_dir, args.presses, args.churn))
        cpu = time.process_time() - cpu
        every += latencies
        full = ", ".join(f"{1000 * s:.0f}" for s in passes) or "none"
        print(
            f"  run {run + 1}: {describe(latencies)}; full collections (ms CPU): {full}; "
            f"resident {memory:.0f} MiB; run {cpu:.1f} s CPU; load {load:.1f}"
        )
    print(f"  all runs: {describe(every)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident {peak:.0f} MiB; median press {statistics.median(every) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
