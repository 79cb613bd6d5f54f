"""Draw first, load later: the preview is the app's first frame, keys typed meanwhile
work, the start-up refresh and the heavy imports wait until the list is on screen."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

from tests.ui.conftest import NOW, AppFactory, World, wait_for
from tui_news.core.storage import Store
from tui_news.ui import preview
from tui_news.ui.screens.main import MainScreen
from tui_news.ui.story_line import feed_column
from tui_news.ui.views import search_view
from tui_news.ui.widgets.story_list import StoryList

ROOT = Path(__file__).resolve().parents[2]
_ESCAPES_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def preview_lines(text: str, height: int) -> list[str]:
    """The preview's escape codes played onto a blank screen of `height` lines."""
    screen = [""] * (height + 1)
    for line, column, chunk in re.findall(
        r"\x1b\[(\d+);(\d+)H([^\x1b]*(?:\x1b\[[0-9;]*m[^\x1b]*)*)", text
    ):
        plain = _ESCAPES_RE.sub("", chunk)
        row = screen[int(line)]
        screen[int(line)] = row.ljust(int(column) - 1) + plain
    return screen[1:]


async def test_the_preview_draws_the_lines_the_app_draws_first(
    make_app: AppFactory, world: World
) -> None:
    width, height = 160, 45
    with Store(world.paths.database) as store:
        rows = preview.newest_rows(store, height - 3)
        column = feed_column(preview.all_feed_names(store))
    drawn = preview_lines(preview.frame(rows, width, height, NOW, feed_column=column) or "", height)
    app = make_app()
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        stories = app.query_one(StoryList)
        pane = app.query_one("#list-pane")
        x = pane.region.x  # the feed list (drawn by the app alone) is on its left
        app_lines = [stories.render_line(y).text for y in range(len(rows))]
        assert pane.region.width == len(drawn[1]) - x  # the same pane, the same width
    for y, text in enumerate(app_lines):
        assert drawn[2 + y][x:] == f"│{text}│", f"line {y} differs"
    assert "Harbour cranes return to the old port" in drawn[2]
    assert "World Wire · 5m" in drawn[3]  # a 160-column list draws two lines a story


def test_no_preview_where_the_app_would_stack_its_panes_or_nothing_is_cached() -> None:
    assert preview.frame([], 160, 45, NOW) is None


def test_keys_typed_during_the_preview_wait_unechoed_and_the_terminal_comes_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    master, slave = pty.openpty()
    termios.tcsetattr(slave, termios.TCSANOW, termios.tcgetattr(slave))
    os.set_blocking(master, False)
    before = termios.tcgetattr(slave)
    with open(slave, closefd=False) as tty_in, open(slave, "w", closefd=False) as tty_out:
        monkeypatch.setattr(sys, "stdin", tty_in)
        monkeypatch.setattr(sys, "stdout", tty_out)
        monkeypatch.setattr(os, "get_terminal_size", lambda fd=0: os.terminal_size((160, 45)))
        with preview.preview(world.paths.database):
            shown = os.read(master, 65536).decode()
            assert "Harbour cranes return to the old port" in shown
            assert not termios.tcgetattr(slave)[3] & termios.ECHO
            os.write(master, b"j")  # the user presses j while the app loads
            # The tty takes the byte in on a kernel worker, later: restoring ECHO before
            # then echoes it (a race this test lost on every run on a loaded machine).
            time.sleep(0.2)
        monkeypatch.undo()
    assert termios.tcgetattr(slave) == before  # as Textual must find it
    try:
        echoed = os.read(master, 100)
    except BlockingIOError:
        echoed = b""
    assert b"j" not in echoed
    raw = termios.tcgetattr(slave)
    raw[3] &= ~(termios.ICANON | termios.ECHO)  # as the app's driver sets it
    termios.tcsetattr(slave, termios.TCSANOW, raw)
    os.set_blocking(slave, False)
    assert os.read(slave, 10) == b"j"  # it was waiting for the app to read it
    os.close(master)
    os.close(slave)


async def test_the_first_key_pressed_works_before_the_whole_view_is_read(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j")  # at once: the first frame's lines are all the list has
        screen = app.main_screen
        assert screen is not None
        await wait_for(pilot, lambda: len(screen.stories.ids) == 7)  # the whole view
        assert screen.stories.cursor == 1
        assert (
            screen.stories.highlighted_id == world.stories["Terminal apps learn to escape markup"]
        )


async def test_the_start_up_refresh_begins_after_the_first_frame(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    original_render, original_refresh = StoryList.render_line, MainScreen.start_refresh

    def render_line(self: StoryList, y: int) -> object:
        if self.ids and "painted" not in events:
            events.append("painted")
        return original_render(self, y)

    def start_refresh(self: MainScreen, *args: object, **kwargs: object) -> bool:
        events.append("refresh")
        return original_refresh(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StoryList, "render_line", render_line)
    monkeypatch.setattr(MainScreen, "start_refresh", start_refresh)
    app = make_app(refresh_on_start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: "refresh" in events)
    assert events[:2] == ["painted", "refresh"]


def test_the_first_frame_imports_neither_network_nor_reader_nor_markdown(
    world: World, tmp_path: Path
) -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from pathlib import Path
        from tui_news.config import Config
        from tui_news.paths import AppPaths
        from tui_news.ui.app import build_app
        from tui_news.ui.widgets.story_list import StoryList

        app = build_app(AppPaths.default(Path({str(world.paths.data_dir)!r})), Config(),
                        remember_theme=False)
        seen = []
        original = StoryList.render_line
        def render_line(self, y):
            if self.ids and not seen:
                seen.extend(m for m in ("aiohttp", "trafilatura", "markdown_it",
                            "tui_news.core.refresh.refresher", "tui_news.reader.service")
                            if m in sys.modules)
                seen.append("painted")
            return original(self, y)
        StoryList.render_line = render_line

        async def run():
            async with app.run_test(size=(120, 30)) as pilot:
                while not seen:
                    await pilot.pause(0.01)
        asyncio.run(run())
        print(" ".join(seen))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["painted"], done.stderr[-2000:]


def test_plain_newsterm_starts_the_app_without_the_subcommands_imports(
    world: World,
) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        import tui_news.ui.launch as launch
        from tui_news.entry import main

        def run_tui(data_dir, demo):
            heavy = ("asyncio", "tui_news.cli.subscriptions", "tui_news.cli.read")
            print(data_dir.name, demo, [m for m in heavy if m in sys.modules])
            return 0

        launch.run_tui = run_tui
        sys.stdin.isatty = sys.stdout.isatty = lambda: True  # the app needs a terminal
        sys.exit(main(["--data-dir", {str(world.paths.data_dir)!r}]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [world.paths.data_dir.name, "False", "[]"]


async def test_another_view_shows_its_newest_lines_then_all_of_it_and_its_counts(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.main_screen
        assert screen is not None
        await wait_for(pilot, lambda: len(screen.stories.ids) == 7)
        screen.view = search_view("harbour")
        await wait_for(pilot, lambda: not screen.counts.counting and screen.counts.total == 2)
        assert screen.stories.ids == [
            world.stories["Harbour cranes return to the old port"],
            world.stories["Harbour cranes go electric at the old port"],
        ]
        assert "2 unread · 2" in str(screen.list_pane.border_subtitle)


def test_the_preview_is_drawn_before_textual_is_imported(world: World) -> None:
    script = textwrap.dedent(
        f"""
        import contextlib, sys
        from pathlib import Path
        import tui_news.ui.launch as launch

        seen = []

        @contextlib.contextmanager
        def preview(database, *args, **kwargs):
            seen.append("textual" in sys.modules)
            yield
            sys.modules["tui_news.ui.app"].NewstermApp.run = lambda self: None

        launch.preview = preview
        launch.run_tui(Path({str(world.paths.data_dir)!r}), demo=False)
        print(seen)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["[False]"], done.stderr[-2000:]
