"""A damaged cache (random bytes over a few of its pages): one line from the CLI and the
app, never a traceback, and `newsterm recover` saves what can still be read."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.fetches import record_fetch
from tui_news.config import Config
from tui_news.core.errors import CacheDamagedError
from tui_news.core.models import ParsedEntry
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.ui.app import build_app

FEEDS, STORIES = 5, 800


def damaged_cache(data_dir: Path) -> Path:
    """5 feeds of 800 stories, then 4 pages of their rows past the first quarter
    overwritten. Pages of the stories' rows, found by SQLite's own page list: pages taken
    from the whole file at random missed them once a new table moved the file's layout
    (the list then drew every row, and the app never met the damage)."""
    path = data_dir / "newsterm.db"
    with Store(path) as store:
        for f in range(FEEDS):
            feed = store.add_feed(f"https://feed{f}.example/rss", title=f"Feed {f}", tags=["n"])
            entries = tuple(
                ParsedEntry(
                    key=f"k{f}-{i}",
                    url=f"https://feed{f}.example/{i}",
                    title=f"Story {f}-{i} about harbours",
                    published=1.7e9 + i,
                    summary="<p>" + "Words of the summary. " * 20 + "</p>",
                )
                for i in range(STORIES)
            )
            record_fetch(store, feed.id, *entries, at=time.time(), title=f"Feed {f}")
    with sqlite3.connect(path) as conn:
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        leaves = sorted(
            page
            for (page,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'stories' AND pagetype = 'leaf'"
            )
        )
    conn.close()
    rng = random.Random(3)
    with path.open("r+b") as file:
        for page in rng.sample(leaves[len(leaves) // 4 :], 4):
            file.seek((page - 1) * size)
            file.write(rng.randbytes(size))
    return path


def test_the_cli_says_so_in_one_line_and_names_the_way_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = damaged_cache(tmp_path)
    run = newsterm(capsys, tmp_path, "stories", "--limit", "5000")
    assert run.code == 1 and run.err.count("\n") == 1
    assert run.err == (
        f"newsterm: cache error: database disk image is malformed: {path}; run `newsterm "
        "recover` to save what can still be read into a new cache (the damaged file is kept)\n"
    )


async def test_the_app_ends_with_one_line_not_a_traceback(tmp_path: Path) -> None:
    path = damaged_cache(tmp_path)
    app = build_app(
        AppPaths.default(tmp_path).ensure(),
        Config(refresh_on_start=False, auto_refresh_minutes=0),
        remember_theme=False,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(150):  # page through the list until a damaged row is drawn
            await pilot.press("pagedown")
            if app.return_code is not None:
                break
    # It died with a 368-line traceback from StoryList.render_line → Store.story_rows.
    assert app.return_code == 1
    assert app.exit_line == (
        f"newsterm: cache error: database disk image is malformed: {path}; run `newsterm "
        "recover` to save what can still be read into a new cache (the damaged file is kept)"
    )


def test_recover_saves_what_can_be_read_and_keeps_the_damaged_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = damaged_cache(tmp_path)
    damaged_bytes = path.read_bytes()
    run = newsterm(capsys, tmp_path, "recover")
    assert run.code == 0, run.err
    first, second = run.out.splitlines()
    saved = int(first.split(" of ")[0].split(", ")[1].replace(",", ""))
    assert first == (
        f"saved {FEEDS} feeds, {saved:,} of {FEEDS * STORIES:,} stories, 0 cached articles "
        f"into a new cache at {path}"
    )
    assert FEEDS * STORIES * 0.9 < saved < FEEDS * STORIES  # a few pages' worth lost
    (kept,) = tmp_path.glob("newsterm.db.damaged-*")
    assert second == f"the damaged file is kept as {kept}" and kept.read_bytes() == damaged_bytes
    # The new cache works, search index included, and is not damaged.
    listed = newsterm(capsys, tmp_path, "stories", "--limit", "5000")
    assert listed.code == 0 and len(listed.out.splitlines()) == saved
    found = newsterm(capsys, tmp_path, "stories", "--search", "harbours", "--limit", "5000")
    assert len(found.out.splitlines()) == saved
    again = newsterm(capsys, tmp_path, "recover")
    assert again.out == f"the cache at {path} is not damaged: nothing to recover\n"


def test_recover_of_a_file_with_nothing_readable_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "newsterm.db"
    path.write_bytes(random.Random(1).randbytes(64 * 1024))
    run = newsterm(capsys, tmp_path, "recover")
    assert run.code == 1
    assert run.err.startswith(f"newsterm: nothing could be read from {path}: ")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("newsterm.db")] == [
        "newsterm.db"
    ]


def test_recover_steps_over_a_small_table_it_cannot_begin_to_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The index of the feeds' tags (a table without rowids, read through it) lost its
    first page: the tags are gone, but every feed and story is still saved. Before,
    `recover` said nothing could be read, and the cache stayed unusable."""
    path = tmp_path / "newsterm.db"
    with Store(path) as store:
        for f in range(3):
            feed = store.add_feed(f"https://feed{f}.example/rss", title=f"Feed {f}", tags=["n"])
            entry = ParsedEntry(key=f"k{f}", url=f"https://feed{f}.example/1", title=f"Story {f}")
            record_fetch(store, feed.id, entry, at=time.time(), title=f"Feed {f}")
    with sqlite3.connect(path) as conn:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'feed_tags_tag'"
        ).fetchone()
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * 4096)
        file.write(b"\xff" * 4096)
    run = newsterm(capsys, tmp_path, "recover")
    assert run.code == 0, run.err
    assert run.out.startswith("saved 3 feeds, 3 stories, 0 cached articles into a new cache")
    listed = newsterm(capsys, tmp_path, "feeds")
    assert listed.code == 0 and "Feed 2" in listed.out


async def test_a_worker_meeting_a_damaged_cache_ends_the_app_in_one_line(tmp_path: Path) -> None:
    paths = AppPaths.default(tmp_path).ensure()
    app = build_app(
        paths, Config(refresh_on_start=False, auto_refresh_minutes=0), remember_theme=False
    )

    def read_a_damaged_page() -> None:
        raise CacheDamagedError("database disk image is malformed")

    async with app.run_test(size=(120, 40)) as pilot:
        assert app.main_screen is not None
        app.main_screen.run_worker(
            read_a_damaged_page, thread=True, group="story-list", exit_on_error=False
        )
        for _ in range(50):
            await pilot.pause(0.02)
            if app.return_code is not None:
                break
    # A worker's failure used to become a "Something went wrong" notice, the app left
    # running over a cache that fails on every read.
    assert app.return_code == 1
    assert app.exit_line == (
        f"newsterm: cache error: database disk image is malformed: {paths.database}; run "
        "`newsterm recover` to save what can still be read into a new cache (the damaged "
        "file is kept)"
    )
