"""TUI benchmark: first paint with 10k / 50k cached stories, and key-press latency.

    python bench/tui.py            # full run (builds two synthetic caches, ~1 min)
    python bench/tui.py --quick    # 10k only, fewer key presses

First paint is measured from the parent: from spawning `newsterm` (a child running
the real app headless, imports included) until the story list has drawn its first
row. Key latency is measured in-process: from a key press to the moment the list
repaints the new cursor line, first idle, then while a 200-feed refresh runs
against a local HTTP server in another process (so the server does not share our
GIL). Nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path
from typing import Any

from textual import events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FEEDS = 200
NOW = time.time()
TERMINAL = (160, 48)


# -- synthetic data -----------------------------------------------------------------------


def build_cache(data_dir: Path, stories: int, base_url: str) -> None:
    """`stories` stories over 200 feeds, through the store's own ingest path."""
    from tui_news.core.models import ParsedEntry, ParsedFeed
    from tui_news.core.storage import Store

    per_feed = stories // FEEDS
    data_dir.mkdir(parents=True, exist_ok=True)
    with Store(data_dir / "newsterm.db") as store:
        for f in range(FEEDS):
            feed = store.add_feed(
                f"{base_url}/feed{f}.xml", title=f"Feed {f:03d}", tags=[f"t{f % 9}"]
            )
            entries = tuple(
                ParsedEntry(
                    key=f"{base_url}/a/{f}/{i}",
                    url=f"{base_url}/a/{f}/{i}",
                    title=f"Story {i} from feed {f}: something happened somewhere today",
                    published=NOW - (i * FEEDS + f) * 60,
                    summary="A summary of the story. " * 8,
                )
                for i in range(per_feed)
            )
            store.record_feed_update(
                feed.id,
                ParsedFeed(title=f"Feed {f:03d}", entries=entries),
                checked_at=NOW,
                etag=None,
                last_modified=None,
                next_due=NOW,
            )


def write_feeds(directory: Path, base_url: str, per_feed: int = 50, new: int = 10) -> None:
    """RSS files for the refresh: `new` fresh items per feed, the rest already cached."""
    directory.mkdir(parents=True, exist_ok=True)
    for f in range(FEEDS):
        items = []
        for i in range(-new, per_feed - new):
            link = f"{base_url}/a/{f}/{i}"
            items.append(
                f"<item><title>Story {i} from feed {f}</title><link>{link}</link>"
                f"<guid>{link}</guid><pubDate>{formatdate(NOW - i * 600)}</pubDate>"
                f"<description>{'Words of the summary. ' * 20}</description></item>"
            )
        (directory / f"feed{f}.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>Feed {f:03d}</title><link>{base_url}/</link>{''.join(items)}"
            "</channel></rss>",
            encoding="utf-8",
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- first paint (child side) -------------------------------------------------------------


def child_first_paint(data_dir: Path) -> None:
    """Run the real app headless; print the time when the first story row is drawn."""
    from tui_news.config import Config
    from tui_news.paths import AppPaths
    from tui_news.ui.app import build_app
    from tui_news.ui.widgets.story_list import StoryList

    original = StoryList.render_line
    app = build_app(
        AppPaths.default(data_dir), Config(refresh_on_start=False), remember_theme=False
    )

    def render_line(self: StoryList, y: int) -> object:
        strip = original(self, y)
        if self.ids and not getattr(app, "_painted", False):
            app._painted = True  # type: ignore[attr-defined]
            print("PAINTED", flush=True)
            app.call_later(app.exit)
        return strip

    StoryList.render_line = render_line  # type: ignore[method-assign,assignment]

    async def run() -> None:
        async with app.run_test(size=TERMINAL) as pilot:
            while not getattr(app, "_painted", False):
                await pilot.pause(0.005)

    asyncio.run(run())


def first_paint(data_dir: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child-first-paint", str(data_dir)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("PAINTED"):
                times.append(time.perf_counter() - started)
                break
        child.wait(timeout=30)
    return times


# -- key latency (in process) -------------------------------------------------------------


class RepaintClock:
    """Notes when the story list draws its cursor line, by story id.

    By id rather than by index: a refresh merging new stories above the cursor
    moves its index, never its story.
    """

    def __init__(self) -> None:
        from tui_news.ui.widgets.story_list import StoryList

        self.drawn: dict[int, float] = {}
        original = StoryList.render_line
        clock = self

        def render_line(self: StoryList, y: int) -> object:
            strip = original(self, y)
            if self.scroll_offset.y + y == self.cursor and self.ids:
                clock.drawn.setdefault(self.ids[self.cursor], time.perf_counter())
            return strip

        StoryList.render_line = render_line  # type: ignore[method-assign,assignment]


async def press_latencies(app: Any, clock: RepaintClock, count: int) -> list[float]:
    stories = app.main_screen.stories
    latencies = []
    for _ in range(count):
        target = stories.ids[stories.cursor + 1]
        clock.drawn.pop(target, None)
        started = time.perf_counter()
        # As a terminal driver does: hand the key to the app and return at once.
        app._driver.send_message(events.Key("j", "j"))
        while target not in clock.drawn and time.perf_counter() - started < 2:
            await asyncio.sleep(0.0005)
        if target in clock.drawn:
            latencies.append(clock.drawn[target] - started)
        await asyncio.sleep(0.01)  # a fast typist, not a key-repeat storm
    return latencies


async def latency_run(
    clock: RepaintClock, data_dir: Path, presses: int
) -> tuple[list[float], list[float], str]:
    from tui_news.config import Config
    from tui_news.paths import AppPaths
    from tui_news.ui.app import build_app
    from tui_news.ui.messages import RefreshFinished

    app = build_app(
        AppPaths.default(data_dir), Config(refresh_on_start=False), remember_theme=False
    )
    finished: list[RefreshFinished] = []

    def hook(message: object) -> None:
        if isinstance(message, RefreshFinished):
            finished.append(message)

    async with app.run_test(size=TERMINAL, message_hook=hook) as pilot:
        screen = app.main_screen
        assert screen is not None
        while not screen.stories.ids:
            await pilot.pause(0.01)
        idle = await press_latencies(app, clock, presses)
        started = time.perf_counter()
        screen.start_refresh(None)
        await asyncio.sleep(0.3)  # let the refresh get going (imports, first fetches)
        busy: list[float] = []
        while not finished and len(busy) < presses * 4:
            busy += await press_latencies(app, clock, 10)
        while not finished:
            await asyncio.sleep(0.05)
        took = time.perf_counter() - started
        summary = finished[0].summary
        report = f"refresh of {FEEDS} feeds: {took:.1f} s"
        if summary is not None:
            report += f" ({summary.new_stories} new, {summary.failed} failed)"
    return idle, busy, report


# -- report -------------------------------------------------------------------------------


def describe(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (
        f"median {statistics.median(ms):5.1f} ms · p95 {p95:5.1f} ms · max {ms[-1]:5.1f} ms"
        f" (n={len(ms)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k stories only, fewer presses")
    parser.add_argument("--child-first-paint", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_first_paint:
        child_first_paint(args.child_first_paint)
        return 0

    sizes = [10_000] if args.quick else [10_000, 50_000]
    presses = 30 if args.quick else 100
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    clock = RepaintClock()
    with tempfile.TemporaryDirectory(prefix="newsterm-bench-") as tmp:
        root = Path(tmp)
        write_feeds(root / "site", base)
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=root / "site",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            width, height = TERMINAL
            print(f"newsterm TUI benchmark ({os.cpu_count()} CPUs, terminal {width}x{height})")
            for size in sizes:
                data_dir = root / f"cache-{size}"
                started = time.perf_counter()
                build_cache(data_dir, size, base)
                print(f"\n{size:,} stories (cache built in {time.perf_counter() - started:.1f} s)")
                paints = first_paint(data_dir, 3 if args.quick else 5)
                print(f"  first paint:          {describe(paints)}")
                idle, busy, report = asyncio.run(latency_run(clock, data_dir, presses))
                print(f"  key → repaint, idle:  {describe(idle)}")
                print(f"  key → repaint, busy:  {describe(busy)}")
                print(f"    during the {report}")
        finally:
            server.terminate()
            server.wait(timeout=5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
