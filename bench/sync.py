"""Sync benchmark: `newsterm sync` with 10,000 items, first sync and a sync with nothing new.

Two servers, both on 127.0.0.1: coldsweat (a real Fever server, installed as the tests
install it, into ~/.cache/newsterm-test) and the tests' Google Reader server
(tests/core/sync/fake_greader.py). Each gets FEEDS feeds of ITEMS items; `newsterm sync` runs
in a fresh subprocess against an empty data dir (first sync), then again (nothing new).
Prints wall times (median of --runs) and stories per second. Not a test.

    .venv/bin/python bench/sync.py [--feeds 20] [--items 500] [--runs 3] [--only fever|greader]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.core.sync.coldsweat import Coldsweat, install  # noqa: E402
from tests.core.sync.fake_greader import FakeGReader  # noqa: E402


def timed_sync(data_dir: Path, stories: int | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), "sync"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"newsterm sync failed: {done.stderr}")
    if stories is not None and f" {stories:,} new stories" not in done.stdout:
        raise SystemExit(f"expected {stories:,} new stories: {done.stdout}")
    return elapsed


def measure(name: str, config: str, items: int, runs: int, work: Path) -> None:
    first, again = [], []
    for run in range(runs):
        data_dir = work / f"{name}-{run}"
        data_dir.mkdir()
        (data_dir / "config.toml").write_text(config)
        (data_dir / "config.toml").chmod(0o600)
        first.append(timed_sync(data_dir, items))
        again.append(timed_sync(data_dir, 0))
    cold, warm = statistics.median(first), statistics.median(again)
    print(
        f"{name}: first sync of {items:,} items {cold:.2f} s ({items / cold:,.0f} stories/s), "
        f"nothing new {warm:.2f} s  [first: {', '.join(f'{t:.2f}' for t in first)}; "
        f"again: {', '.join(f'{t:.2f}' for t in again)}]"
    )


def greader(feeds: int, per_feed: int, runs: int, work: Path) -> None:
    server = FakeGReader().start()
    try:
        for f in range(feeds):
            stream = server.add_feed(f"http://127.0.0.1:1/f{f}.xml", f"Feed {f}", [f"G{f % 4}"])
            for i in range(per_feed):
                server.add_item(
                    stream,
                    f"story {f}.{i}",
                    html=f"<p>Body {f}.{i}</p>" * 5,
                    url=f"http://127.0.0.1:1/f{f}/{i}.html",
                    published=1_700_000_000,
                )
        config = (
            f'[sync]\nservice = "greader"\nurl = "{server.url}"\n'
            f'user = "{server.user}"\npassword = "{server.password}"\n'
        )
        measure("greader (fake)", config, feeds * per_feed, runs, work)
    finally:
        server.stop()


def fever(feeds: int, per_feed: int, runs: int, work: Path) -> None:
    server = Coldsweat(install(), work / "coldsweat")
    server.start()
    try:
        now = time.time()
        started = time.perf_counter()
        account = server.account(
            {
                f"f{f}": [
                    (f"f{f}-{i}", f"story {f}.{i}", now - 600 - 60 * i) for i in range(per_feed)
                ]
                for f in range(feeds)
            }
        )
        print(f"(coldsweat took {time.perf_counter() - started:.1f} s to import the items)")
        config = (
            f'[sync]\nservice = "fever"\nurl = "{account.url}"\n'
            f'user = "{account.user}"\npassword = "{account.password}"\n'
        )
        measure("fever (coldsweat)", config, feeds * per_feed, runs, work)
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=500, help="items per feed")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("fever", "greader"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only != "fever":
            greader(args.feeds, args.items, args.runs, work)
        if args.only != "greader":
            fever(args.feeds, args.items, args.runs, work)


if __name__ == "__main__":
    main()
