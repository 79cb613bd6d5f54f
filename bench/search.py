"""Search in the store at scale, and the upgrade of a large cache to schema 11.

    python bench/search.py CACHE.db [--runs 5] [--upgrade]

CACHE.db is a cache `tui.py` built (`--workdir DIR`: DIR/cache-200000/newsterm.db). The
searches are timed on the cache as it is (nothing written): for each search, the head
the app draws first (`story_head`, 45 lines), the whole list with its unread count
(`listing`, what the app reads next on its store thread) and the 50 stories `newsterm
stories --search` prints, as CPU time of this thread (medians of `--runs`; SQLite runs
in this thread, so the load of the machine hardly moves them), with the wall time.

`--upgrade` first copies CACHE.db, at schema 8, 9 or 10, and times opening the
copy (the migration every command waits for), then the app's background filling of the
new search index batch by batch (the longest batch is how long the write lock is held
at once), and runs the searches on the upgraded copy too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store, db

# Made-up words of caches.py's vocabulary: three-letter prefixes of many words ("fai":
# 68 words, "sou": 65), of few ("hon", "lel"), a longer prefix, one-letter "o" (152,601
# of 200,000 stories), two-letter "er", and two words.
SEARCHES = ("fai", "sou", "hon", "lel", "fain", "lelvit", "o", "er", "gi ro")


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median CPU and wall milliseconds of `work`."""
    cpu, wall = [], []
    for _ in range(runs):
        started, clock = time.thread_time(), time.perf_counter()
        work()
        cpu.append(time.thread_time() - started)
        wall.append(time.perf_counter() - clock)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def searches(store: Store, runs: int) -> None:
    print(f"  {'search':8} {'matches':>8}  head (CPU / wall)   listing            stories 50")
    for words in SEARCHES:
        view = StoryFilter(search=words)
        head = timed(lambda view=view: store.story_head(view, limit=45), runs)
        listing = timed(lambda view=view: store.listing(view), runs)
        stories = timed(lambda view=view: store.stories(view, limit=50), runs)
        total = store.listing(view)[1]
        print(
            f"  {words:8} {total:8,}  {head[0]:5.1f} / {head[1]:5.1f} ms  "
            f"{listing[0]:6.1f} / {listing[1]:6.1f} ms  {stories[0]:5.1f} / {stories[1]:5.1f} ms"
        )


def upgrade(source: Path, copy: Path) -> None:
    shutil.copy(source, copy)
    with closing(sqlite3.connect(copy)) as conn:
        before = db.schema_version(conn)
    load = os.getloadavg()[0]
    started, clock = time.process_time(), time.perf_counter()
    with Store(copy) as store:
        took = time.perf_counter() - clock, time.process_time() - started
        print(
            f"  open + migrate {before} → "
            f"{db.schema_version(store.conn)}: {took[0]:.2f} s wall, {took[1]:.2f} s CPU "
            f"(load {load:.1f})"
        )
        batches: list[float] = []
        started, clock = time.process_time(), time.perf_counter()
        done = not store.search_index_filling()
        while not done:
            batch = time.perf_counter()
            done = store.fill_search_index()
            batches.append(time.perf_counter() - batch)
        batches.sort()
        if batches:
            print(
                f"  background fill: {len(batches)} batches, {time.perf_counter() - clock:.1f} s "
                f"wall, {time.process_time() - started:.1f} s CPU; a batch: median "
                f"{statistics.median(batches) * 1000:.0f} ms, p95 "
                f"{batches[int(len(batches) * 0.95)] * 1000:.0f} ms, longest "
                f"{batches[-1] * 1000:.0f} ms (load {os.getloadavg()[0]:.1f})"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--upgrade", action="store_true", help="time the upgrade on a copy first")
    args = parser.parse_args()
    print(f"{args.cache} (load {os.getloadavg()[0]:.1f}, schema {db.SCHEMA_VERSION} newsterm)")
    if args.upgrade:
        with tempfile.TemporaryDirectory(prefix="newsterm-search-") as tmp:
            upgrade(args.cache, Path(tmp) / "newsterm.db")
            with Store(Path(tmp) / "newsterm.db") as store:
                searches(store, args.runs)
        return 0
    with Store(args.cache) as store:
        searches(store, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
