"""An update is at work while the process that began it is: a `newsterm refresh` killed
(SIGKILL) mid-full-text leaves its stories owed, and the next update takes them over even
when the killed process's id is in use again (ids are reused: in a container every run
may be process 1), but never those of a refresh still running in another process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.service.harbour import Harbour, update, with_full_text
from tui_news.core.storage import Store


@contextmanager
def refresh_process(harbour: Harbour, data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`newsterm refresh` in a process of its own, held on its second article page; killed
    at the end of the block if it still runs."""
    harbour.held.clear()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), "refresh"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(harbour.pages) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(harbour.pages) >= 2, "the refresh never reached its full text"
        yield process
    finally:
        process.kill()
        process.wait(30)
        harbour.held.set()


def killed_refresh(harbour: Harbour, data_dir: Path) -> list[int]:
    """A `newsterm refresh` killed while its full text was under way: its stories' ids."""
    with refresh_process(harbour, data_dir):
        pass
    with Store(data_dir / "newsterm.db") as store:
        return sorted(story.id for story in store.stories(limit=10))


def give_updates_pid(cache: Path, pid: int, *, began_earlier: float = 0.0) -> None:
    """The killed refresh's process id is now `pid`'s (the system handed it out again);
    `began_earlier`: the refresh is dated that many seconds further back."""
    with sqlite3.connect(cache) as conn:
        conn.execute("UPDATE updates SET pid = ?, began = began - ?", (pid, began_earlier))
    conn.close()


def test_a_killed_refresh_whose_process_id_is_now_this_process_s_is_taken_over(
    harbour: Harbour, cache: Path, tmp_path: Path
) -> None:
    owed = killed_refresh(harbour, tmp_path)
    assert len(owed) == 3
    give_updates_pid(cache, os.getpid())

    done = update(cache)
    assert done.earlier_story_ids == owed
    assert sorted(with_full_text(cache, harbour)) == ["0", "1", "2"]
    assert update(cache).earlier_story_ids == []  # taken over once


def test_a_killed_refresh_whose_process_id_another_program_now_has_is_taken_over(
    harbour: Harbour, cache: Path, tmp_path: Path
) -> None:
    owed = killed_refresh(harbour, tmp_path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        # The other program starts well after the refresh began (more than the 5 s the
        # system's start time may be off by): the refresh is dated 6 s back rather than
        # waited 6 s for.
        give_updates_pid(cache, other.pid, began_earlier=6.0)
        done = update(cache)
    finally:
        other.kill()
        other.wait(30)
    assert done.earlier_story_ids == owed
    assert sorted(with_full_text(cache, harbour)) == ["0", "1", "2"]


def test_a_refresh_running_in_another_process_keeps_its_stories(
    harbour: Harbour, cache: Path, tmp_path: Path
) -> None:
    with refresh_process(harbour, tmp_path):
        # This process refreshes too (the app, while cron runs `newsterm refresh`).
        done = update(cache)
        assert done.earlier_story_ids == []
