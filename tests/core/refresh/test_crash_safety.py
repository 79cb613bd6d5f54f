"""Real `newsterm refresh` processes: killed with SIGKILL mid-refresh, or two at once.

Whatever moment a refresh dies at, the cache must pass SQLite's integrity check and
each feed's stories must be all-or-nothing (one transaction per feed), and no helper
process (the parse pool) may outlive it. Two refreshes of the same cache at once must
both succeed and never duplicate a story.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news.core.storage import Store

REPO = Path(__file__).resolve().parents[3]
FEEDS = 40
ROUNDS = 6


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def serve_round(server: LocalServer, round_number: int) -> dict[str, int]:
    """Each round the feeds grow, so a refresh always has something to write."""
    sizes: dict[str, int] = {}
    for i in range(FEEDS):
        size = 20 + 5 * round_number + i % 7
        path = f"/feed{i}.xml"
        server.feeds[path] = rss(f"Feed {i}", size, prefix=f"f{i}")
        sizes[server.url(path)] = size
    return sizes


def newsterm(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def prepare(tmp_path: Path, server: LocalServer) -> Path:
    # The feeds link to example.test: no articles are fetched, the refresh is the subject.
    (tmp_path / "config.toml").write_text(
        "timeout_seconds = 5\nfull_text_prefetch = false\n", encoding="utf-8"
    )
    with Store(tmp_path / "newsterm.db") as store:
        store.add_feeds((server.url(f"/feed{i}.xml"), "", ()) for i in range(FEEDS))
    return tmp_path


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (Linux /proc)."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    pending.append(child)
    return found


def assert_all_exit(pids: set[int], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if Path(f"/proc/{pid}").exists() and not zombie(pid)}
        time.sleep(0.05)
    survivors = {pid: command_line(pid) for pid in alive}
    for pid in alive:  # clean up before failing, so a failure leaks nothing
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    survivors = {pid: line for pid, line in survivors.items() if line}
    assert not survivors, f"helper processes outlived a killed refresh: {survivors}"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:200]
    except OSError:
        return ""


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return False


def total_stories(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
    finally:
        conn.close()


def wait_for_write(database: Path, before: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while total_stories(database) == before and process.poll() is None:
        assert time.monotonic() < deadline, "the refresh wrote nothing"
        time.sleep(0.01)


def check_consistent(database: Path, allowed: dict[str, set[int]]) -> dict[str, int]:
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = dict(
            conn.execute(
                "SELECT f.url, count(s.id) FROM feeds f LEFT JOIN stories s ON s.feed_id = f.id "
                "GROUP BY f.id"
            ).fetchall()
        )
        indexed = conn.execute("SELECT count(*) FROM story_search").fetchone()[0]
        assert indexed == sum(counts.values()), "search index out of step with stories"
    finally:
        conn.close()
    for url, count in counts.items():
        assert count in allowed[url], f"{url}: {count} stories, expected one of {allowed[url]}"
    return counts


def test_kill_9_mid_refresh_leaves_every_feed_whole(tmp_path: Path, server: LocalServer) -> None:
    server.delay = 0.05  # stretch a refresh to about a second, so kills land inside it
    data_dir = prepare(tmp_path, server)
    rng = random.Random(os.getpid())
    allowed: dict[str, set[int]] = {url: {0} for url in serve_round(server, 0)}
    interrupted = 0  # rounds killed with some feeds written and some not
    for round_number in range(ROUNDS):
        sizes = serve_round(server, round_number)
        for url, size in sizes.items():
            allowed[url].add(size)
        before = total_stories(data_dir / "newsterm.db")
        process = newsterm(data_dir, "refresh")
        if round_number % 2:
            # Half the rounds die just after the first feed's write: surely mid-refresh.
            wait_for_write(data_dir / "newsterm.db", before, process)
            time.sleep(rng.uniform(0, 0.3))
        else:
            time.sleep(rng.uniform(0.2, 1.2))
        helpers = descendants(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        assert_all_exit(helpers)
        counts = check_consistent(data_dir / "newsterm.db", allowed)
        written = sum(counts[url] == size for url, size in sizes.items())
        interrupted += 0 < written < len(sizes)
    assert interrupted, "no kill landed in the middle of a refresh"
    final = newsterm(data_dir, "refresh")
    _out, err = final.communicate(timeout=30)
    assert final.returncode == 0, err.decode()
    sizes = serve_round(server, ROUNDS - 1)
    assert check_consistent(data_dir / "newsterm.db", allowed) == sizes


def test_two_refreshes_at_once_share_the_cache(tmp_path: Path, server: LocalServer) -> None:
    data_dir = prepare(tmp_path, server)
    sizes = serve_round(server, 0)
    processes = [newsterm(data_dir, "refresh") for _ in range(2)]
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode()
        assert out.decode().startswith(f"{FEEDS} feeds: ")
    conn = sqlite3.connect(data_dir / "newsterm.db")
    try:
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM stories GROUP BY feed_id, key HAVING count(*) > 1)"
        ).fetchone()[0]
        assert duplicates == 0
    finally:
        conn.close()
    assert check_consistent(data_dir / "newsterm.db", {u: {s} for u, s in sizes.items()}) == sizes
