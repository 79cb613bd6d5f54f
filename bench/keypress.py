"""Key press → repaint, measured in process: from handing `j` to the app as a terminal
driver does until the story list draws the line its cursor moved to.

Not run alone: `prefetch.py` and `tui.py` press keys while their work runs.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from textual import events


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
            # A story takes two lines in a narrow list (its title, then feed and age).
            if self.ids and (self.scroll_offset.y + y) // self.row_height == self.cursor:
                clock.drawn.setdefault(self.ids[self.cursor], time.perf_counter())
            return strip

        StoryList.render_line = render_line  # type: ignore[method-assign,assignment]


async def press_j(app: Any, clock: RepaintClock) -> float | None:
    """One `j`: seconds until the next story's line is drawn (None after 2 s)."""
    stories = app.main_screen.stories
    target = stories.ids[stories.cursor + 1]
    clock.drawn.pop(target, None)
    started = time.perf_counter()
    # As a terminal driver does: hand the key to the app and return at once.
    app._driver.send_message(events.Key("j", "j"))
    while target not in clock.drawn and time.perf_counter() - started < 2:
        await asyncio.sleep(0.0005)
    return clock.drawn[target] - started if target in clock.drawn else None


def describe(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (
        f"median {statistics.median(ms):5.1f} ms · p95 {p95:5.1f} ms · max {ms[-1]:5.1f} ms"
        f" (n={len(ms)})"
    )
