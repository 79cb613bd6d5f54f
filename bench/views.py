"""How long each view takes to open, in the app and from the shell, at any cache size.

In the app (run headless, in this process): from choosing a view (or a search being
applied, after the search box's debounce) until the list has drawn the view's first
line. Timing starts once the app's start-up work is over (the whole first view listed
and counted, the warm-up imports done): the view timed first used to carry it (All,
47.2 ms against 38-39 ms for the others in one idle run; its first samples took 0.4-0.8 s
at load 7-8, warm-up or not). The views take turns, one sample each per round, so that
what else the app does falls on all of them alike. From the shell: `newsterm stories
--search WORD` as a whole process, interpreter start included, with the installed
newsterm. Both on the cache as it is: nothing is written.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caches import WORDS

TERMINAL = (160, 45)
# Search words by how common they are in the synthetic titles and texts (Zipf ranks):
# the 4th most common word, then ranks 30, 300 and 3,000, and two words together.
SEARCHES = (WORDS[3], WORDS[30], WORDS[300], WORDS[3000], f"{WORDS[40]} {WORDS[90]}")


@dataclass(frozen=True, slots=True)
class Opened:
    name: str
    stories: int
    seconds: list[float]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000


def open_views(data_dir: Path, runs: int = 3) -> list[Opened]:
    """Open each view `runs` times in the app; time choice → first line drawn."""
    return asyncio.run(_open_views(data_dir, runs))


async def _open_views(data_dir: Path, runs: int) -> list[Opened]:
    from tui_news.config import Config
    from tui_news.core.models import StoryFilter
    from tui_news.paths import AppPaths
    from tui_news.ui.app import build_app
    from tui_news.ui.screens.warmup import HEAVY_MODULES
    from tui_news.ui.views import ALL, STARRED, UNREAD, View, search_view
    from tui_news.ui.widgets.story_list import StoryList

    drawn: list[float] = []
    armed: list[bool] = [False]  # the new view's ids have reached the list
    original, original_set_ids = StoryList.render_line, StoryList.set_ids

    def set_ids(self: StoryList, ids: list[int], **kwargs: object) -> None:
        armed[0] = True
        original_set_ids(self, ids, **kwargs)  # type: ignore[arg-type]

    def render_line(self: StoryList, y: int) -> object:
        if y == 0 and self.ids and armed[0]:
            drawn.append(time.perf_counter())
        return original(self, y)

    StoryList.render_line = render_line  # type: ignore[method-assign,assignment]
    StoryList.set_ids = set_ids  # type: ignore[method-assign,assignment]
    app = build_app(
        AppPaths.default(data_dir),
        Config(refresh_on_start=False, auto_refresh_minutes=0),
        remember_theme=False,
    )
    results: list[Opened] = []
    try:
        async with app.run_test(size=TERMINAL) as pilot:
            screen = app.main_screen
            assert screen is not None
            while len(screen.stories.ids) < 2:
                await pilot.pause(0.01)
            store = app.backend.store
            feed = store.feeds()[len(store.feeds()) // 2]
            tag = feed.tags[0]
            views: list[View] = [
                ALL,
                UNREAD,
                View(f"#{tag}", StoryFilter(tag=tag)),
                View(feed.title, StoryFilter(feed_id=feed.id)),
                STARRED,
                *(search_view(words) for words in SEARCHES),
            ]
            await _settled(pilot, screen)
            deadline = time.perf_counter() + 30
            while not set(HEAVY_MODULES) <= set(sys.modules) and time.perf_counter() < deadline:
                await pilot.pause(0.1)
            await pilot.pause(1.0)
            times: dict[View, list[float]] = {view: [] for view in views}
            totals: dict[View, int] = {}
            for _ in range(runs):
                for view in views:
                    screen.set_view(STARRED if view != STARRED else UNREAD)
                    await _settled(pilot, screen)
                    drawn.clear()
                    armed[0] = False
                    started = time.perf_counter()
                    screen.set_view(view)
                    while not drawn and time.perf_counter() - started < 10:
                        await asyncio.sleep(0.001)
                    times[view].append(drawn[0] - started if drawn else float("nan"))
                    await _settled(pilot, screen)  # the whole view and its counts
                    totals[view] = screen.counts.total
            results += [Opened(view.name, totals[view], times[view]) for view in views]
    finally:
        StoryList.render_line = original  # type: ignore[method-assign]
        StoryList.set_ids = original_set_ids  # type: ignore[method-assign]
    return results


async def _settled(pilot: Any, screen: Any) -> None:
    """Until the view shown is listed whole and counted (its store work is done)."""
    deadline = time.perf_counter() + 20
    while time.perf_counter() < deadline:
        counts = screen.counts
        if not counts.counting and len(screen.stories.ids) == counts.total:
            break
        await pilot.pause(0.02)
    await pilot.pause(0.2)


def cli_search(newsterm: Path, data_dir: Path, words: str, runs: int = 5) -> tuple[float, int]:
    """Median seconds of `newsterm stories --search WORDS` as a whole process, and how
    many lines it printed (the default limit is 50)."""
    times, lines = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [str(newsterm), "--data-dir", str(data_dir), "stories", "--search", words],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - started)
        lines = len(done.stdout.splitlines())
    return statistics.median(times), lines
