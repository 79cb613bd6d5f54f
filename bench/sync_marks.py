"""Sync benchmark: sending many read marks to a Fever server (coldsweat), with figures.

Two cases, each with one feed of --items stories on a fresh coldsweat account:
- mark-all: a synced cache, `newsterm mark --feed URL --read`, then `newsterm sync`
  (the marks go to the server);
- first sync: a cache used without sync (`newsterm add`, every story marked read here),
  then its first `newsterm sync`, which links the stories and sends their read marks.
Prints the timed sync's wall time, the Fever requests coldsweat logged during it, and
how many of the items the server has read afterwards (all of them, or the run fails).
`--tree DIR` runs newsterm from another checkout (e.g. `git archive main` unpacked),
for before/after figures. Not a test.

    .venv/bin/python bench/sync_marks.py [--items 1000] [--runs 3] [--tree DIR]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.core.sync.coldsweat import Coldsweat, FeverAccount, install  # noqa: E402


def newsterm(tree: Path, data_dir: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=3600,
        cwd=tree,  # `-m` imports tui_news from the working directory first
    )
    if done.returncode:
        raise SystemExit(f"newsterm {args[0]} failed: {done.stderr}")
    return done.stdout


CPU: list[float] = []  # each timed sync's CPU seconds (newsterm's own process)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


PARALLEL: list[int] = []  # --parallel: the config's per_host_concurrency, if set


def configure(data_dir: Path, account: FeverAccount) -> None:
    config = data_dir / "config.toml"
    config.write_text(
        "".join(f"per_host_concurrency = {n}\n" for n in PARALLEL)
        + f'[sync]\nservice = "fever"\nurl = "{account.url}"\n'
        f'user = "{account.user}"\npassword = "{account.password}"\n'
    )
    config.chmod(0o600)


def timed_sync(tree: Path, server: Coldsweat, data_dir: Path) -> tuple[float, int]:
    """The sync's seconds and the Fever requests the server logged meanwhile."""
    log = server.workdir / "server.log"
    before = log.read_text(errors="replace").count("POST /fever/")
    cpu = _children_cpu()
    started = time.perf_counter()
    newsterm(tree, data_dir, "sync")
    elapsed = time.perf_counter() - started
    CPU.append(_children_cpu() - cpu)
    time.sleep(0.2)  # the log's last lines
    return elapsed, log.read_text(errors="replace").count("POST /fever/") - before


def one_run(case: str, tree: Path, server: Coldsweat, items: int, work: Path) -> tuple[float, int]:
    now = time.time()
    account = server.account(
        {"marks": [(f"m-{i}", f"story {i}", now - 600 - 60 * i) for i in range(items)]}
    )
    data_dir = work / f"{case}-{account.user}"
    data_dir.mkdir()
    if case == "mark-all":
        configure(data_dir, account)
        newsterm(tree, data_dir, "sync")
        newsterm(tree, data_dir, "mark", "--feed", account.feed_url("marks"), "--read")
    else:
        newsterm(tree, data_dir, "add", "--no-full-text", account.feed_url("marks"))
        ids = [
            line.split()[0]
            for line in newsterm(tree, data_dir, "stories", "--limit", str(items * 2)).splitlines()
        ]
        ids = [i for i in ids if i.isdigit()]
        for start in range(0, len(ids), 500):
            newsterm(tree, data_dir, "mark", *ids[start : start + 500], "--read")
        configure(data_dir, account)
    elapsed, requests = timed_sync(tree, server, data_dir)
    read = sum(1 for item in account.items().values() if int(item["is_read"]))
    if read != items:
        raise SystemExit(f"{case}: the server has {read} of {items} items read")
    return elapsed, requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=REPO)
    parser.add_argument("--only", choices=("mark-all", "first-sync"))
    parser.add_argument("--parallel", type=int, help="the config's per_host_concurrency")
    args = parser.parse_args()
    if args.parallel:
        PARALLEL.append(args.parallel)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        server = Coldsweat(install(), work / "coldsweat")
        server.start()
        try:
            for case in ("mark-all", "first-sync"):
                if args.only not in (None, case):
                    continue
                runs = [
                    one_run(case, args.tree, server, args.items, work) for _ in range(args.runs)
                ]
                times = [t for t, _ in runs]
                print(
                    f"{case}: {args.items:,} read marks, sync {statistics.median(times):.2f} s "
                    f"[{', '.join(f'{t:.2f}' for t in times)}], Fever requests "
                    f"{', '.join(str(r) for _, r in runs)}, newsterm's CPU "
                    f"{', '.join(f'{c:.2f}' for c in CPU[-len(runs) :])} s"
                )
        finally:
            server.close()


if __name__ == "__main__":
    main()
