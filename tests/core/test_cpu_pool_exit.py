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


def test_a_refresh_of_failing_feeds_exits_without_worker_tracebacks(tmp_path: Path) -> None:
    port = _closed_port()
    with Store(tmp_path / "newsterm.db") as store:
        # On two loopback addresses: all on one, that server's refusal would be named.
        store.add_feeds(
            (f"http://127.0.0.{n % 2 + 1}:{port}/feed{n}.xml", "", ()) for n in range(8)
        )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "tui_news", "--data-dir", str(tmp_path), "refresh"]
    for _ in range(3):  # the race is in the timing: give it several chances
        # capture_output waits for EOF on the pipes, which the pool's processes hold
        # too: anything they print after the command exits is caught here.
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 1
        assert "8 failed" in done.stdout
        assert "Traceback" not in done.stderr, done.stderr
        # Every feed unreachable reads as no network: one line, nothing else.
        assert done.stderr == (
            "newsterm: no network: no feed could be reached "
            "(every server name or connection failed)\n"
        )
