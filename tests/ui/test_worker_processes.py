"""Inside the running app, parsing and extraction happen in worker processes.

Textual replaces sys.stderr with a capture whose fileno() is -1, and multiprocessing
spawns its resource tracker with that descriptor: the spawn failed, the pool quietly
fell back to threads in the app's own process, and every feed parsed and article
extracted during a refresh held the interpreter lock the keyboard needs (key presses
waited 0.1-0.3 s behind them). A fresh interpreter, because a resource tracker started
earlier by another test would hide the failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import asyncio, os, sys, tempfile
from pathlib import Path
from tui_news.config import Config
from tui_news.core.cpu_pool import CpuPool
from tui_news.paths import AppPaths
from tui_news.ui.app import build_app

async def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        paths = AppPaths.default(Path(work)).ensure()
        app = build_app(paths, Config(refresh_on_start=False), remember_theme=False)
        async with app.run_test():
            pool = CpuPool(1)
            try:
                worker = await pool.run(os.getpid)
            finally:
                pool.close()
        print("same process" if worker == os.getpid() else "a worker process",
              file=sys.__stdout__, flush=True)

asyncio.run(main())
"""


def test_the_apps_cpu_pool_runs_jobs_in_worker_processes(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "a worker process"
    assert "Traceback" not in done.stderr, done.stderr
