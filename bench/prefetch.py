"""Full-text prefetch: pages per second on 2 cores, and key presses while it runs.

    python bench/prefetch.py                # 200 pages on 20 hosts, 3 runs; then the app
    python bench/prefetch.py --pages 100 --runs 1 --presses 100

A local site in another process (so it does not share our GIL) serves real article
pages from shared/corpus (trafilatura's and Readability's test pages, as their
publishers served them) from 20 loopback addresses (127.0.0.2, …), page i on address
i mod 20, each answer after `--latency` seconds; each address also serves a feed of its
own pages, for the app.

1. Pages per second: `Newsterm(Config()).prefetch` (the default configuration: one page
   request per host at a time, 16 in all, extraction in the 2-worker process pool) of
   every story, on a fresh cache each run; pages/s = pages extracted / wall time.
2. Key press → repaint in the app (in process, headless, 160×45) while `R` refreshes
   the site's feeds and the prefetch that follows fetches every new story's article:
   `j` as a terminal driver sends it, timed until the list draws the new cursor line.
Nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from email.utils import formatdate
from html import escape
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keypress import RepaintClock, describe, press_j  # noqa: E402
from loopwatch import LoopWatch  # noqa: E402

WATCH: LoopWatch  # installed on the app's thread before it runs

SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
PAGES = SHARED / "corpus" / "pages"
HOSTS = 20
TERMINAL = (160, 45)


def page_files(count: int) -> list[Path]:
    """`count` real article pages (repeating the set if it is smaller)."""
    found = sorted((PAGES / "trafilatura").glob("*/*.html"))
    found += sorted((PAGES / "readability").glob("*/source.html"))
    if not found:
        raise SystemExit(f"no pages under {PAGES}: set NEWSTERM_SHARED")
    return [found[i % len(found)] for i in range(count)]


# -- the site (a child process) -----------------------------------------------------------


def serve(pages: list[str], latency: float, ports: Any) -> None:
    """Page i on host i % HOSTS as /page/i; /feedH.xml lists host H's pages."""
    from aiohttp import web

    hosts = [f"127.0.0.{2 + n}" for n in range(HOSTS)]
    bodies = [Path(path).read_bytes() for path in pages]

    async def page(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        index = int(request.match_info["n"])
        return web.Response(body=bodies[index], content_type="text/html")

    async def feed(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        host = int(request.match_info["h"])
        base = f"http://{request.host}"
        items = "".join(
            f"<item><title>Story {i}</title><link>{base}/page/{i}</link><guid>s{i}</guid>"
            f"<pubDate>{formatdate(1_700_000_000 + i * 60, usegmt=True)}</pubDate>"
            f"<description>{escape('A teaser.')}</description></item>"
            for i in range(host, len(bodies), HOSTS)
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Site {host}</title>'
        return web.Response(
            text=body + items + "</channel></rss>", content_type="application/rss+xml"
        )

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/page/{n}", page)
        app.router.add_get("/feed{h}.xml", feed)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        found = {}
        for host in hosts:
            site = web.TCPSite(runner, host, 0, backlog=512)
            await site.start()
            found[host] = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ports.put(found)
        await asyncio.Event().wait()

    asyncio.run(main())


def page_urls(ports: dict[str, int], count: int) -> list[str]:
    hosts = sorted(ports, key=lambda host: int(host.rsplit(".", 1)[1]))
    return [f"http://{hosts[i % HOSTS]}:{ports[hosts[i % HOSTS]]}/page/{i}" for i in range(count)]


def feed_urls(ports: dict[str, int]) -> list[str]:
    hosts = sorted(ports, key=lambda host: int(host.rsplit(".", 1)[1]))
    return [f"http://{host}:{ports[host]}/feed{h}.xml" for h, host in enumerate(hosts)]


# -- 1. pages per second ------------------------------------------------------------------


def stories_for(store: Any, urls: list[str]) -> list[Any]:
    from tui_news.core.models import ParsedEntry, ParsedFeed

    feed = store.add_feed("http://127.0.0.1:9/bench.xml", title="Bench")
    entries = tuple(
        ParsedEntry(key=f"s{i}", url=url, title=f"Story {i}", summary="A teaser.")
        for i, url in enumerate(urls)
    )
    store.record_feed_update(
        feed.id,
        ParsedFeed(title="Bench", entries=entries),
        checked_at=time.time(),
        etag=None,
        last_modified=None,
        next_due=None,
    )
    return list(store.stories())


def extraction_cpu(files: list[Path]) -> float:
    """CPU seconds one page's extraction takes, in this process (the workers' job).

    CPU time, unlike wall time, hardly depends on what else the machine runs: with the
    main process's share it gives the most two idle cores could do.
    """
    from tui_news.reader.extract import extract_article

    documents = [path.read_bytes() for path in files]
    extract_article(documents[0], "http://127.0.0.2/page/0")  # imports, caches
    started = time.process_time()
    for n, document in enumerate(documents):
        extract_article(document, f"http://127.0.0.2/page/{n}")
    return (time.process_time() - started) / len(documents)


def pages_per_second(urls: list[str], runs: int) -> list[tuple[float, float, Any]]:
    from tui_news.config import Config
    from tui_news.core.storage import Store
    from tui_news.reader.service import shared_pool
    from tui_news.service import Newsterm

    shared_pool().prestart()  # as in the app, the workers are up before the first article
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as work, Store(Path(work) / "n.db") as store:
            stories = stories_for(store, urls)
            started, cpu = time.perf_counter(), time.process_time()
            summary = Newsterm(Config()).prefetch(store, stories)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            results.append((wall, cpu, summary))
    return results


# -- 2. key presses while prefetching -----------------------------------------------------


async def press(app: Any, clock: RepaintClock) -> float | None:
    stories = app.main_screen.stories
    if stories.cursor >= len(stories.ids) - 2:
        stories.cursor = 0
        await asyncio.sleep(0.05)
    return await press_j(app, clock)


async def app_latencies(feeds: list[str], presses: int) -> tuple[list[float], list[float], str]:
    from tui_news.config import Config
    from tui_news.core.storage import Store
    from tui_news.paths import AppPaths
    from tui_news.ui.app import build_app

    clock = RepaintClock()
    with tempfile.TemporaryDirectory() as work:
        paths = AppPaths.default(Path(work)).ensure()
        with Store(paths.database) as store:
            for url in feeds:
                store.add_feed(url)
        config = Config(refresh_on_start=False, auto_refresh_minutes=0)
        app = build_app(paths, config, remember_theme=False)
        app.backend.core.config = replace(config, full_text_prefetch=False)
        seen: dict[str, Any] = {}
        latencies: list[float] = []
        idle: list[float] = []
        async with app.run_test(size=TERMINAL) as pilot:
            screen = app.main_screen
            assert screen is not None
            # The list needs stories to move through before the refresh: a first one
            # without full text, then the idle presses.
            screen.start_refresh(None)
            while screen.refresh_running or len(screen.stories.ids) < 20:
                await pilot.pause(0.05)
            await pilot.pause(1.0)
            with WATCH.phase("idle, presses"):
                for _ in range(min(presses, 100)):
                    took = await press(app, clock)
                    if took is not None:
                        idle.append(took)
                    await asyncio.sleep(0.01)
            with Store(paths.database) as store:  # the same stories anew, full text this time
                for feed in store.feeds():
                    store.remove_feed(feed.id)
                for url in feeds:
                    store.add_feed(url)
            screen.listing.forget()
            prefetching = screen.prefetching
            original_progress, original_finished = prefetching.progress, prefetching.finished

            def progress(done: int, total: int) -> None:
                seen.setdefault("first", time.perf_counter())
                seen["total"] = total
                original_progress(done, total)

            def finished(summary: Any) -> None:
                seen["done"] = time.perf_counter()
                seen["summary"] = summary
                original_finished(summary)

            prefetching.progress, prefetching.finished = progress, finished  # type: ignore[method-assign]
            app.backend.core.config = config  # the default again: full text on
            started = time.perf_counter()
            screen.start_refresh(None)
            while "first" not in seen and time.perf_counter() - started < 120:
                await pilot.pause(0.01)
            with WATCH.phase("prefetching, presses"):
                while "done" not in seen and len(latencies) < presses:
                    took = await press(app, clock)
                    if took is not None and "done" not in seen:
                        latencies.append(took)
                    await asyncio.sleep(0.01)  # a fast typist, not a key-repeat storm
            while "done" not in seen:
                await pilot.pause(0.05)
        report = (
            f"refresh {seen['first'] - started:.1f} s, then the prefetch of "
            f"{int(seen.get('total', 0))} articles {seen['done'] - seen['first']:.1f} s "
            f"({seen['summary']})"
        )
        return idle, latencies, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--presses", type=int, default=300, help="at most, while prefetching")
    args = parser.parse_args()

    files = page_files(args.pages)
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    site = context.Process(
        target=serve, args=([str(f) for f in files], args.latency, ports), daemon=True
    )
    site.start()
    try:
        found = ports.get(timeout=60)
        print(
            f"{args.pages} pages ({len({f.name for f in files})} distinct) on {HOSTS} hosts, "
            f"{args.latency * 1000:.0f} ms per answer; {os.cpu_count()} cores"
        )
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        results = pages_per_second(page_urls(found, args.pages), args.runs)
        rates = [summary.extracted / wall for wall, _cpu, summary in results]
        for (wall, cpu, summary), rate in zip(results, rates, strict=True):
            print(
                f"  prefetch {wall:5.2f} s  {rate:5.1f} pages/s  main process "
                f"{1000 * cpu / args.pages:.1f} ms CPU a page  ({summary})"
            )
        print(f"pages per second: median {statistics.median(rates):.1f}")
        worker = extraction_cpu(files)
        main_cpu = statistics.median(cpu for _wall, cpu, _summary in results) / args.pages
        ceiling = 2 / (worker + main_cpu)
        print(
            f"CPU a page: extraction {1000 * worker:.1f} ms (a worker), the rest "
            f"{1000 * main_cpu:.1f} ms (the main process): two idle cores do at most "
            f"{ceiling:.0f} pages/s"
        )
        global WATCH
        WATCH = LoopWatch()
        idle, busy, report = asyncio.run(app_latencies(feed_urls(found), args.presses))
        print(f"app: {report}")
        print(f"key → repaint, idle:              {describe(idle)}")
        print(f"key → repaint while prefetching:  {describe(busy)}")
        print(WATCH.report())
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        site.terminate()
        site.join(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
