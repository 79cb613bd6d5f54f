"""Refresh benchmark: `newsterm refresh` vs `newsboat -x reload` on synthetic local feeds.

Serves N feeds (ETag + 304 aware, with added latency) from one server per loopback
address (127.0.0.2, 127.0.0.3, …), then times the real commands in fresh
subprocesses: cold (empty cache) and warm (everything answers 304). Prints wall
time, stories per second and peak RSS (GNU time's %M, workers included), and the
"floor": the same GETs by clients that parse and store nothing (`floor_client.py`),
which bounds the ratio any refresh at 16 connections can reach here. Not a test.

    /work/venv/bin/python bench/refresh.py [--feeds 200] [--items 50] [--latency 0.05]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui_news.core.storage import Store  # noqa: E402

GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
TEXT = (
    "the council voted late on tuesday to approve a new budget for public transport after "
    "months of debate residents said the changes would shorten commutes while critics warned "
    "of rising costs and delays in construction across the northern districts"
)
WORDS = TEXT.split(" ")


@dataclass(frozen=True)
class Run:
    wall: float
    max_rss_kb: int
    returncode: int


def feed_body(index: int, items: int) -> bytes:
    """A realistic-ish RSS 2.0 feed: ~600 bytes of text per item."""
    parts = []
    for i in range(items):
        words = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(90))
        parts.append(
            f"<item><title>Feed {index} story {i}: {' '.join(WORDS[i % 20 : i % 20 + 6])}</title>"
            f"<link>https://news{index}.example/story/{i}</link>"
            f'<guid isPermaLink="false">feed{index}-story{i}</guid>'
            f"<pubDate>{formatdate(1_700_000_000 + index * 7 + i * 3600, usegmt=True)}</pubDate>"
            f"<description>&lt;p&gt;{words}&lt;/p&gt;</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench feed {index}</title><link>https://news{index}.example/</link>"
        f"<description>Synthetic feed {index}</description>{''.join(parts)}</channel></rss>"
    ).encode()


class FeedServer:
    """One aiohttp site per loopback address, all in one background event loop."""

    def __init__(self, feeds: int, items: int, hosts: int, latency: float) -> None:
        self.latency = latency
        self.hosts = [f"127.0.0.{2 + n}" for n in range(hosts)]
        self.bodies = {f"/feed{i}.xml": feed_body(i, items) for i in range(feeds)}
        self.etags = {
            p: '"' + hashlib.sha1(b).hexdigest()[:16] + '"' for p, b in self.bodies.items()
        }
        self.ports: dict[str, int] = {}
        self.requests = {"200": 0, "304": 0}
        self.seen_headers: list[dict[str, str]] = []
        self._loop = asyncio.new_event_loop()

    def urls(self) -> list[str]:
        paths = sorted(self.bodies, key=lambda p: int(p[5:-4]))
        return [
            f"http://{host}:{self.ports[host]}{path}"
            for path, host in zip(paths, (self.hosts * len(paths))[: len(paths)], strict=True)
        ]

    async def handle(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.latency)
        body = self.bodies.get(request.path)
        if body is None:
            return web.Response(status=404)
        headers = {
            "ETag": self.etags[request.path],
            "Last-Modified": formatdate(1_700_000_000, usegmt=True),
        }
        self.seen_headers.append(dict(request.headers))
        if request.headers.get("If-None-Match") == headers["ETag"] or (
            "If-None-Match" not in request.headers
            and request.headers.get("If-Modified-Since") == headers["Last-Modified"]
        ):
            self.requests["304"] += 1
            return web.Response(status=304, headers=headers)
        self.requests["200"] += 1
        return web.Response(body=body, headers=headers, content_type="application/rss+xml")

    def start(self) -> None:
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(30):
            raise RuntimeError("bench server did not start")

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_get("/{tail:.*}", self.handle)
        runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        for host in self.hosts:
            site = web.TCPSite(runner, host, 0, backlog=512)
            self._loop.run_until_complete(site.start())
            self.ports[host] = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()
        self._loop.run_forever()


def timed(command: list[str], env: dict[str, str]) -> Run:
    """Wall time and peak RSS of one run.

    A child's ru_maxrss starts at its parent's RSS (Linux carries the high-water mark
    through fork and exec), so this ~60 MB bench process would mask small peaks. GNU
    time, a tiny process, reports the real peak of what it runs (children included).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report_file:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report_file.name, *command] if GNU_TIME else command
        started = time.perf_counter()
        process = subprocess.Popen(
            wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        max_rss = int(report_file.read().split()[-1]) if GNU_TIME else usage.ru_maxrss
    returncode = os.waitstatus_to_exitcode(status)
    if returncode:
        assert process.stderr is not None
        print(f"  ! {command[0]} exited {returncode}: {process.stderr.read()[:300]!r}")
    return Run(wall, max_rss, returncode)


def newsterm_commands(urls: list[str], work: Path, n: int) -> tuple[list[str], dict[str, str]]:
    """A fresh data dir subscribed to `urls`, and the command that refreshes it."""
    data_dir = work / f"newsterm{n}"
    with Store(data_dir / "newsterm.db") as store:
        store.add_feeds((url, "", ()) for url in urls)
    env = {**os.environ, "HOME": str(work), "PYTHONPATH": str(REPO)}
    # Feeds only, as newsboat: the stories' pages (full text, on by default) are
    # bench/prefetch.py's to time, and these feeds' links lead nowhere.
    command = [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), "refresh"]
    return [*command, "--no-full-text"], env


def newsboat_commands(
    binary: str, urls: list[str], work: Path, n: int
) -> tuple[list[str], dict[str, str]]:
    """A fresh newsboat config, url list and cache, and the command that reloads them."""
    directory = work / f"newsboat{n}"
    directory.mkdir()
    (directory / "config").write_text("reload-threads 8\n", encoding="utf-8")
    (directory / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
    command = [
        binary, "-x", "reload",
        "-C", str(directory / "config"),
        "-u", str(directory / "urls"),
        "-c", str(directory / "cache.db"),
    ]  # fmt: skip
    env = {
        **os.environ,
        "HOME": str(work),
        "XDG_CONFIG_HOME": str(work),
        "XDG_DATA_HOME": str(work),
    }
    return command, env


def floor_commands(
    server: FeedServer, urls: list[str], work: Path
) -> dict[str, dict[str, tuple[list[str], dict[str, str]]]]:
    """Per phase, the do-nothing clients of `floor_client.py` (same URLs, 16 connections)."""
    urls_file, etags_file = work / "urls.json", work / "etags.json"
    urls_file.write_text(json.dumps(urls), encoding="utf-8")
    etags = {url: server.etags[urlsplit(url).path] for url in urls}
    etags_file.write_text(json.dumps(etags), encoding="utf-8")
    client = str(REPO / "bench" / "floor_client.py")
    phases: dict[str, dict[str, tuple[list[str], dict[str, str]]]] = {"cold": {}, "warm": {}}
    for mode in ("aiohttp", "sockets"):
        command = [sys.executable, client, mode, str(urls_file)]
        phases["cold"][f"floor-{mode}"] = (command, dict(os.environ))
        phases["warm"][f"floor-{mode}"] = ([*command, str(etags_file)], dict(os.environ))
    return phases


def measure(
    urls: list[str],
    repeat: int,
    work: Path,
    newsboat: str | None,
    floors: dict[str, dict[str, tuple[list[str], dict[str, str]]]],
) -> dict[tuple[str, str], list[Run]]:
    """Cold then warm for each program, interleaved so that background load hits all alike."""
    runs: dict[tuple[str, str], list[Run]] = {}
    for n in range(repeat):
        programs = {"newsterm": newsterm_commands(urls, work, n)}
        if newsboat:
            programs["newsboat"] = newsboat_commands(newsboat, urls, work, n)
        for phase in ("cold", "warm"):
            for name, (command, env) in {**programs, **floors.get(phase, {})}.items():
                runs.setdefault((name, phase), []).append(timed(command, env))
    return runs


def report(label: str, ours: list[Run], theirs: list[Run] | None, stories: int) -> None:
    wall = statistics.median(r.wall for r in ours)
    rss = max(r.max_rss_kb for r in ours) / 1024
    line = f"{label:5} newsterm {wall:6.2f} s  {stories / wall:8,.0f} stories/s  {rss:6.1f} MB RSS"
    if theirs:
        their_wall = statistics.median(r.wall for r in theirs)
        their_rss = max(r.max_rss_kb for r in theirs) / 1024
        line += (
            f"  | newsboat {their_wall:6.2f} s  {stories / their_wall:8,.0f} stories/s"
            f"  {their_rss:6.1f} MB RSS  | ratio {wall / their_wall:4.2f}×"
        )
    print(line)


def report_floor(label: str, runs: dict[tuple[str, str], list[Run]]) -> None:
    """What fetching alone costs: the bound under any ratio newsterm can reach here."""
    theirs = runs.get(("newsboat", label))
    parts = []
    for mode in ("aiohttp", "sockets"):
        wall = statistics.median(r.wall for r in runs[(f"floor-{mode}", label)])
        ratio = f" ({wall / statistics.median(r.wall for r in theirs):4.2f}×)" if theirs else ""
        parts.append(f"{mode} {wall:5.2f} s{ratio}")
    print(f"{label:5} floor, fetch only (no parse, no store): " + "  |  ".join(parts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=50, help="loopback addresses to serve from")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per response")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--newsboat", default=shutil.which("newsboat"), help="binary, if any")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the fetch-only clients (floor rows)"
    )
    args = parser.parse_args()

    # An installed newsterm runs from byte-compiled modules (pip compiles them); so must
    # the one timed here, or every run pays for compiling the package (~15 ms).
    compileall.compile_dir(REPO / "tui_news", quiet=1)
    server = FeedServer(args.feeds, args.items, min(args.hosts, 250), args.latency)
    server.start()
    urls = server.urls()
    stories = args.feeds * args.items
    print(
        f"{args.feeds} feeds × {args.items} items ({stories:,} stories), "
        f"{args.latency * 1000:.0f} ms latency, {len(server.hosts)} loopback hosts, "
        f"median of {args.repeat}"
    )
    with tempfile.TemporaryDirectory(prefix="newsterm-bench-") as temp:
        work = Path(temp)
        newsboat = None if args.no_newsboat else args.newsboat
        floors = {} if args.no_floor else floor_commands(server, urls, work)
        runs = measure(urls, args.repeat, work, newsboat, floors)
    for phase in ("cold", "warm"):
        report(phase, runs[("newsterm", phase)], runs.get(("newsboat", phase)), stories)
    if not args.no_floor:
        for phase in ("cold", "warm"):
            report_floor(phase, runs)
    print(f"server answered {server.requests['200']} × 200 and {server.requests['304']} × 304")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
