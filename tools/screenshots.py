"""Regenerate the README screenshots from the demo: `python tools/screenshots.py`.

Runs the real app headless (Textual's `run_test`) on the bundled demo sites served
from 127.0.0.1, waits for the demo refresh, the articles it fetches and an opened
article with its related links, then writes screenshots/*.svg:

    main.svg     160 columns: the feed list, the stories (two lines each), an article
                 with its lead picture (half-blocks)
    feeds.svg    200 columns: all four panes, the feed list focused
    narrow.svg   a 100-column terminal: the sidebar folded away
    stacked.svg  a 64-column terminal: the list above the reading pane
    help.svg     every key
    views.svg    the view chooser (tags, feeds, the failing demo feed's error)

The pictures are the same every run: the demo server takes the demo's fixed port
(`DEMO_PORT`, so the story links in the reading pane do not change), and the app's
clock, the demo's dates and the time zone are pinned, so ages ("3h") and dates do
not follow the day the tool runs. Regenerating changes a file only when the UI does.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from tui_news.config import Config  # noqa: E402
from tui_news.core.storage import Store  # noqa: E402
from tui_news.demo.session import DEMO_PORT, demo_session  # noqa: E402
from tui_news.paths import AppPaths  # noqa: E402
from tui_news.ui import images  # noqa: E402
from tui_news.ui.app import NewstermApp, build_app  # noqa: E402
from tui_news.ui.messages import PrefetchFinished, RefreshFinished  # noqa: E402
from tui_news.ui.screens.help import HelpScreen  # noqa: E402
from tui_news.ui.screens.view_chooser import ViewChooser  # noqa: E402

WIDE = (160, 44)
ALL_FOUR = (200, 44)  # wide enough for the feed list and the related sidebar
ARTICLE = "Terminal apps and the [bold] problem"
# Three hours after the newest bundled story: the demo is shown as written. (In the
# past, too: page extraction ignores dates later than the real clock.)
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC).timestamp()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the demo did not get there in time")
        await pilot.pause(0.05)
    await pilot.pause(0.2)


async def take(app: NewstermApp, out: Path, title: str) -> None:
    path = app.save_screenshot(filename=f"{title}.svg", path=str(out))
    print(f"wrote {Path(path).relative_to(ROOT) if ROOT in Path(path).parents else path}")


async def shoot(app: NewstermApp, out: Path) -> None:
    finished: list[RefreshFinished] = []
    fetched: list[PrefetchFinished] = []

    def hook(message: object) -> None:
        if isinstance(message, RefreshFinished):
            finished.append(message)
        elif isinstance(message, PrefetchFinished):
            fetched.append(message)  # every article cached: the list's marks are final

    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        screen = app.main_screen
        assert screen is not None
        await until(pilot, lambda: bool(finished) and len(screen.stories.ids) > 10)
        await until(pilot, lambda: bool(fetched))
        await pilot.pause(1.5)  # the list redraws its marks
        rows = screen.stories.rows(screen.stories.ids)
        target = next(row for row in rows if row.title.startswith(ARTICLE))
        screen.stories.move_to(target.id)
        await pilot.press("enter")
        await until(pilot, lambda: "Most read" in _sidebar(app))
        await until(pilot, lambda: bool(screen.reader.query("#article-picture > *")))
        await take(app, out, "main")

        await pilot.resize_terminal(*ALL_FOUR)
        await pilot.press("0")
        await until(pilot, lambda: screen.related.display and screen.feed_list.has_focus)
        await take(app, out, "feeds")

        await pilot.resize_terminal(100, 36)
        await until(pilot, lambda: not screen.related.display)
        await pilot.press("1")
        await take(app, out, "narrow")
        await pilot.resize_terminal(64, 40)
        await pilot.pause(0.3)
        await take(app, out, "stacked")

        await pilot.resize_terminal(*WIDE)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await take(app, out, "help")
        await pilot.press("escape", "f")
        await until(pilot, lambda: isinstance(app.screen, ViewChooser) and app.screen.loaded)
        await take(app, out, "views")


def _sidebar(app: NewstermApp) -> str:
    assert app.main_screen is not None
    sidebar = app.main_screen.related
    return "\n".join(
        str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="output folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ["TZ"] = "UTC"  # dates on screen are local time
    time.tzset()
    with demo_session(now=NOW, port=DEMO_PORT) as session:
        if not session.server.base_url.endswith(f":{DEMO_PORT}"):
            print(
                f"warning: port {DEMO_PORT} is taken (another demo?); the story links "
                f"will show {session.server.base_url} instead",
                file=sys.stderr,
            )
        paths = AppPaths.default(session.data_dir).ensure()
        with Store(paths.database) as store:
            session.subscribe(store)
        images.assume(images.HALF_BLOCKS)  # what a terminal without Kitty or Sixel shows
        app = build_app(
            paths,
            Config(refresh_on_start=True, auto_refresh_minutes=0),
            clock=lambda: NOW,
            title="newsterm demo",
            remember_theme=False,
        )
        asyncio.run(shoot(app, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
