"""`kill -9` of `newsterm sync` at random moments, then sync again: nothing lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.test_sync_fever import configure, server_state, stories
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store

KILLS = 6


def _sync(data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_mid_sync_loses_no_change_and_doubles_no_story(
    coldsweat: Coldsweat, tmp_path: Path
) -> None:
    now = time.time()
    feeds = {
        f"crash{n}": [(f"c{n}-{i}", f"crash {n}.{i}", now - 600 - 60 * i) for i in range(80)]
        for n in range(4)
    }
    account = coldsweat.account(feeds, {"crash0": "A", "crash1": "B"})
    configure(tmp_path, account)
    seed = int(os.environ.get("NEWSTERM_CRASH_SEED", time.time_ns() % 10_000))
    chance = random.Random(seed)
    wanted: dict[str, tuple[bool, bool]] = {}
    for round_ in range(KILLS):
        process = _sync(tmp_path)
        time.sleep(chance.uniform(0.2, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Marks made between the crashes, on whatever stories got here so far.
        with Store(tmp_path / "newsterm.db") as store:
            here = store.stories(StoryFilter(), limit=100_000)
            for story in chance.sample(here, min(len(here), 3)):
                read, starred = chance.random() < 0.5, chance.random() < 0.5
                store.set_read([story.id], read)
                store.set_starred(story.id, starred)
                wanted[story.title] = (read, starred)
        assert round_ >= 0
    done = subprocess.run(
        [sys.executable, "-m", "tui_news", "--data-dir", str(tmp_path), "sync"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (seed, done.stderr)
    local, remote = stories(tmp_path), server_state(account)
    with Store(tmp_path / "newsterm.db") as store:
        count = len(store.stories(StoryFilter(), limit=100_000))
        assert store.sync_pending() == 0
    assert count == len(local) == len(remote) == 320, seed  # no story twice
    assert local == remote, seed
    for title, state in wanted.items():
        assert remote[title] == state, (seed, title)
