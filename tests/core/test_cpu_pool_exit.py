"""A refresh that ends while its worker pool is still starting leaves no trace behind.

On a first run with no network every feed fails within milliseconds, while the parse
workers (started early because no feed has validators yet) are still being spawned.
The command must not exit under them: a worker that finds its parent's semaphores gone
prints a traceback onto the user's terminal after the prompt has come back.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tui_news.core.storage import Store

REPO = Path(__file__).resolve().parents[2]


def _closed_port() -> int:
    """A loopback port with nothing listening: every fetch is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


NO_NETWORK = (
    "newsterm: no network: no feed could be reached (every server name or connection failed)\n"
)

# Widens a race to certainty: a thread other than the main one that drops a
# multiprocessing semaphore pauses between unlinking it and telling the resource
# tracker. If the exit does not wait for that thread, the tracker finds the name
# registered and gone, and warns of a "leaked semaphore" on the user's terminal.
SLOW_SEMAPHORE_CLEANUP = """
import threading, time
from multiprocessing import resource_tracker, synchronize

def _cleanup(name):
    synchronize.sem_unlink(name)
    if threading.current_thread() is not threading.main_thread():
        time.sleep(0.3)
    resource_tracker.unregister(name, "semaphore")

synchronize.SemLock._cleanup = staticmethod(_cleanup)
"""


def _data_dir_of_unreachable_feeds(tmp_path: Path) -> Path:
    port = _closed_port()
    with Store(tmp_path / "newsterm.db") as store:
        # On two loopback addresses: all on one, that server's refusal would be named.
        store.add_feeds(
            (f"http://127.0.0.{n % 2 + 1}:{port}/feed{n}.xml", "", ()) for n in range(8)
        )
    return tmp_path


def _refresh(data_dir: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    python_path = [*map(str, paths), str(REPO), os.environ.get("PYTHONPATH")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, python_path))}
    command = [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), "refresh"]
    # capture_output waits for EOF on the pipes, which the pool's processes hold
    # too: anything they print after the command exits is caught here.
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_a_refresh_of_failing_feeds_exits_without_worker_tracebacks(tmp_path: Path) -> None:
    data_dir = _data_dir_of_unreachable_feeds(tmp_path)
    for _ in range(3):  # the race is in the timing: give it several chances
        done = _refresh(data_dir)
        assert done.returncode == 1
        assert "8 failed" in done.stdout
        assert "Traceback" not in done.stderr, done.stderr
        # Every feed unreachable reads as no network: one line, nothing else.
        assert done.stderr == NO_NETWORK


def test_the_exit_waits_for_the_pool_threads_that_free_its_semaphores(tmp_path: Path) -> None:
    data_dir = _data_dir_of_unreachable_feeds(tmp_path / "data")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SLOW_SEMAPHORE_CLEANUP)
    done = _refresh(data_dir, site)
    assert done.returncode == 1
    assert done.stderr == NO_NETWORK
