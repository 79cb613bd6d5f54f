"""TUI benchmark: what the user sees at 50,000 and 200,000 cached stories, beside newsboat.

    python bench/tui.py                   # the full run (caches, a venv: ~20 min)
    python bench/tui.py --quick           # 10,000 stories, one run each, fewer presses
    python bench/tui.py --workdir DIR     # keep the caches and the venv for the next run
    python bench/tui.py --keys 50000      # only key → repaint during a refresh (minutes)

1. First paint, in a real terminal: tmux at 160×45 runs the newsterm that `pip install`
   makes of this tree (its own venv, byte-compiled), with the default configuration,
   and newsboat on the same stories (its own cache, written in its schema), interleaved,
   `--runs` times each. Times run from launch until the newest story's title is on
   screen (newsboat: the first feed's title, its first screen being the feed list);
   "app" is until Textual's own frame is up (the reading pane's title shows). Resident
   memory is read just after, and again two seconds later (the warm-up imports).
2. Views in the app (headless, this tree) and `newsterm stories --search` as a whole
   process (`bench/views.py`), on the largest cache.
3. Key press → repaint (in process, headless): idle, then while a 200-feed refresh and
   the full-text prefetch of its new stories run against a local server (another
   process, so it does not share our GIL), on a copy of the largest cache.
Nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import caches  # noqa: E402
import terminal  # noqa: E402
import views  # noqa: E402
from keypress import RepaintClock, describe, press_j  # noqa: E402
from loopwatch import LoopWatch  # noqa: E402

TERMINAL = (160, 45)
DEAD_SITE = "http://127.0.0.1:9"  # the caches' own URLs: nothing listens there
# Stories: (feeds, per feed, cached articles)
SIZES = {10_000: (200, 50, 1_000), 50_000: (250, 200, 5_000), 200_000: (1_000, 200, 20_000)}
REFRESH_FEEDS = 200


# -- first paint (a real terminal) --------------------------------------------------------


def first_paints(newsterm: Path, data_dir: Path, runs: int, newsboat: bool) -> dict[str, Any]:
    """Interleaved launches of newsterm and newsboat; medians and all times."""
    feeds = SIZES_BY_DIR[data_dir][0]
    title = caches.newest_title(DEAD_SITE, feeds)[:20]
    urls, config, cache_db = caches.newsboat_files(data_dir / "newsboat")
    home = data_dir / "home"
    home.mkdir(exist_ok=True)
    env = {"HOME": str(home), "TERM": "tmux-256color"}
    seen: dict[str, list[Any]] = {"newsterm": [], "newsboat": []}
    with terminal.Terminal(*TERMINAL) as term:
        for _ in range(runs):
            command = [str(newsterm), "--data-dir", str(data_dir)]
            seen["newsterm"].append(term.first_paint(command, [title, "Article"], env=env))
            if newsboat:
                command = ["newsboat", "-u", str(urls), "-c", str(cache_db), "-C", str(config)]
                seen["newsboat"].append(
                    term.first_paint(command, [caches.feed_title(0)], env=env, settle=0.1)
                )
    return seen


SIZES_BY_DIR: dict[Path, tuple[int, int, int]] = {}


# -- key latency (in process) -------------------------------------------------------------


async def press_latencies(app: Any, clock: RepaintClock, count: int) -> list[float]:
    latencies = []
    for _ in range(count):
        if (took := await press_j(app, clock)) is not None:
            latencies.append(took)
        await asyncio.sleep(0.01)  # a fast typist, not a key-repeat storm
    return latencies


async def latency_run(
    clock: RepaintClock, watch: LoopWatch, data_dir: Path, feed_ids: list[int], presses: int
) -> tuple[list[float], list[float], str]:
    """Presses idle, then during a refresh of `feed_ids` and the prefetch after it."""
    from tui_news.config import Config
    from tui_news.paths import AppPaths
    from tui_news.ui.app import build_app

    app = build_app(
        AppPaths.default(data_dir), Config(refresh_on_start=False), remember_theme=False
    )
    phases: dict[str, float] = {}
    original = app.backend.core.prefetch  # the full-text step of the refresh's update

    def prefetch(*args: Any, **kwargs: Any) -> None:
        phases["prefetch"] = time.perf_counter()
        try:
            original(*args, **kwargs)
        finally:
            phases["done"] = time.perf_counter()

    app.backend.core.prefetch = prefetch  # type: ignore[method-assign]
    async with app.run_test(size=TERMINAL) as pilot:
        screen = app.main_screen
        assert screen is not None
        while len(screen.stories.ids) < presses * 6:
            await pilot.pause(0.01)
        await pilot.pause(1.0)  # the whole view listed
        with watch.phase("idle, presses"):
            idle = await press_latencies(app, clock, presses)
        started = time.perf_counter()
        screen.start_refresh(feed_ids)
        await asyncio.sleep(0.3)  # let the refresh get going (imports, first fetches)
        busy: list[float] = []
        by_phase: dict[str, list[float]] = {}
        for name, until in (("refresh, presses", "prefetch"), ("prefetch, presses", "done")):
            with watch.phase(name):
                seen = by_phase.setdefault(name.split(",")[0], [])
                while until not in phases and len(busy) < presses * 20:
                    if screen.stories.cursor > len(screen.stories.ids) - 20:
                        screen.stories.cursor = 0
                    seen += await press_latencies(app, clock, 10)
                busy += seen
        while "done" not in phases:
            await asyncio.sleep(0.05)
    refresh = phases.get("prefetch", started) - started
    report = (
        f"refresh of {len(feed_ids)} feeds {refresh:.1f} s, "
        f"then prefetch {phases['done'] - phases.get('prefetch', started):.1f} s"
    )
    for name, seen in by_phase.items():
        if seen:
            report += f"\n    during the {name} alone: {describe(seen)}"
    return idle, busy, report


def latency_cache(source: Path, target: Path, site: str, site_dir: Path) -> list[int]:
    """A copy of `source` whose first feeds are served by `site` from `site_dir`, listing
    what the cache holds (so that nothing but the new stories changes); their ids."""
    from tui_news.core.models import StoryFilter
    from tui_news.core.storage import Store

    shutil.rmtree(target, ignore_errors=True)
    shutil.rmtree(site_dir, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy(source / "newsterm.db", target / "newsterm.db")
    with Store(target / "newsterm.db") as store:
        ids, listed = [], []
        for f in range(REFRESH_FEEDS):
            feed = store.feed_by_url(caches.feed_url(DEAD_SITE, f))
            assert feed is not None
            store.move_feed(feed.id, caches.feed_url(site, f))
            ids.append(feed.id)
            stories = store.stories(StoryFilter(feed_id=feed.id), limit=48)
            listed.append([(s.url, s.title, s.published or 0.0, s.summary) for s in stories])
    caches.write_site(site_dir, site, listed, new=2)
    return ids


# -- report -------------------------------------------------------------------------------


def seconds(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s ({', '.join(f'{v:.2f}' for v in values)})"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def up_to_date(data_dir: Path) -> None:
    """The cache at this tree's schema with its search index whole, as a user's is once
    an upgrade's background work is done: a kept cache from an older tree would be
    upgraded by the first launch timed, and filled behind the key presses timed."""
    from tui_news.core.storage import Store

    with Store(data_dir / "newsterm.db") as store:
        while not store.fill_search_index(50_000):
            pass


def build(workdir: Path, size: int) -> Path:
    feeds, per_feed, articles = SIZES[size]
    data_dir = workdir / f"cache-{size}"
    SIZES_BY_DIR[data_dir] = SIZES[size]
    if (data_dir / "built").exists():
        up_to_date(data_dir)
        return data_dir
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    caches.build_newsterm(
        data_dir, feeds=feeds, per_feed=per_feed, articles=articles, base_url=DEAD_SITE
    )
    if shutil.which("newsboat"):
        caches.build_newsboat(
            data_dir / "newsboat", feeds=feeds, per_feed=per_feed, base_url=DEAD_SITE
        )
    (data_dir / "built").write_text(f"{time.perf_counter() - started:.0f} s\n")
    return data_dir


def key_latency(workdir: Path, data_dir: Path, presses: int) -> str:
    """Key press → repaint, idle and then during a refresh and prefetch of the feeds
    served from 127.0.0.1 (a copy of the cache in `data_dir`): the report's lines."""
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    feed_ids = latency_cache(data_dir, workdir / "latency", site, workdir / "site")
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=workdir / "site",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watch = LoopWatch()
    try:
        idle, busy, report = asyncio.run(
            latency_run(RepaintClock(), watch, workdir / "latency", feed_ids, presses)
        )
    finally:
        server.terminate()
        server.wait(timeout=5)
    return (
        f"  idle:                     {describe(idle)}\n"
        f"  during refresh+prefetch:  {describe(busy)}\n"
        f"    ({report})\n"
        f"{watch.report()}"
    )


def keys_during_refresh(workdir: Path, size: int, presses: int) -> None:
    """Key press → repaint only (`--keys`): idle, then during a 200-feed refresh and its
    prefetch, on a cache of `size` stories; no terminal, no newsboat, a few minutes."""
    report = key_latency(workdir, build(workdir, size), presses)
    load = os.getloadavg()[0]
    print(f"key → repaint at {size:,} stories, {TERMINAL[0]}x{TERMINAL[1]} (load {load:.1f})")
    print(report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k stories, one run each")
    parser.add_argument("--runs", type=int, default=3, help="first paints of each (3)")
    parser.add_argument("--workdir", type=Path, help="keep caches and the venv here")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--keys", type=int, metavar="STORIES", help="only key → repaint, at this cache size"
    )
    args = parser.parse_args()
    if args.keys:
        with tempfile.TemporaryDirectory(prefix="newsterm-bench-") as tmp:
            workdir = args.workdir or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            keys_during_refresh(workdir, args.keys, 100)
        return 0
    sizes = [10_000] if args.quick else [50_000, 200_000]
    runs = 1 if args.quick else args.runs
    presses = 30 if args.quick else 100
    newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    with tempfile.TemporaryDirectory(prefix="newsterm-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        load = os.getloadavg()[0]
        print(f"newsterm TUI benchmark ({os.cpu_count()} CPUs, load {load:.1f}, 160x45)")
        newsterm = terminal.installed_newsterm(workdir / "venv")
        dirs = {size: build(workdir, size) for size in sizes}
        for size, data_dir in dirs.items():
            print(f"\n{size:,} stories ({SIZES[size][0]:,} feeds, {SIZES[size][2]:,} articles)")
            seen = first_paints(newsterm, data_dir, runs, newsboat)
            ours = seen["newsterm"]
            print(f"  newsterm, title on screen: {seconds([p.seconds[0] for p in ours])}")
            print(f"  newsterm, the app's frame: {seconds([p.seconds[1] for p in ours])}")
            if seen["newsboat"]:
                boat = [p.seconds[0] for p in seen["newsboat"]]
                ratio = statistics.median(p.seconds[0] for p in ours) / statistics.median(boat)
                print(f"  newsboat, feed list:       {seconds(boat)}  → newsterm {ratio:.2f}×")
            rss = statistics.median(p.rss_mib for p in ours)
            later = statistics.median(p.rss_later_mib for p in ours)
            print(f"  newsterm resident: {rss:.0f} MiB once drawn, {later:.0f} MiB 2 s later")
        largest = dirs[max(dirs)]
        print(f"\nviews at {max(dirs):,} stories (in the app: choice → first line drawn)")
        for opened in views.open_views(largest):
            print(f"  {opened.name:24s} {opened.stories:9,} stories  {opened.median_ms:6.1f} ms")
        for words in views.SEARCHES[1:3]:
            took, lines = views.cli_search(newsterm, largest, words)
            print(f"  `newsterm stories --search {words}`: {took:.3f} s ({lines} lines)")
        report = key_latency(workdir, largest, presses)
        print(f"\nkey → repaint at {max(dirs):,} stories")
        print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
