"""Parse benchmark: newsterm's parse_feed (fast path + fallback) vs pure feedparser.

Times every feed in shared/corpus/feeds-real plus N synthetic 50-item RSS 2.0 feeds,
each parsed `--repeat` times; prints per-feed median and p95 milliseconds, the
total, and which documents the fast path handed to feedparser (and why). Not a test.

    /work/venv/bin/python bench/parse.py [--synthetic 200] [--repeat 5]

The corpus is found through $NEWSTERM_SHARED, else ../shared beside the repo.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from email.utils import formatdate
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui_news.core.feeds.parse import fast_path, parse_feed, parse_with_feedparser  # noqa: E402

SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
FEEDS_REAL = SHARED / "corpus" / "feeds-real"
BASE_URL = "https://bench.invalid/feed.xml"


def synthetic_feed(number: int, items: int = 50) -> bytes:
    """A plain RSS 2.0 feed like a news site's: guids, dates, HTML descriptions."""
    now = 1_750_000_000
    entries = []
    for i in range(items):
        title = escape(f"Story {i} of feed {number}: markets, weather & more")
        body = escape(f"<p>Paragraph for story {i} with <a href='/s/{i}'>a link</a>.</p>" * 3)
        entries.append(
            f"<item><title>{title}</title><link>https://site{number}.example/s/{i}</link>"
            f"<guid isPermaLink='false'>feed{number}-story{i}</guid>"
            f"<pubDate>{formatdate(now - i * 600, usegmt=True)}</pubDate>"
            f"<description>{body}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Synthetic {number}</title><link>https://site{number}.example/</link>"
        f"<ttl>30</ttl>{''.join(entries)}</channel></rss>"
    ).encode()


def load_documents(synthetic: int) -> list[tuple[str, bytes]]:
    if not FEEDS_REAL.is_dir():
        sys.exit(f"corpus not found: {FEEDS_REAL} (set NEWSTERM_SHARED)")
    real = [
        (path.name, path.read_bytes())
        for path in sorted(FEEDS_REAL.iterdir())
        if path.is_file() and path.suffix != ".tsv"
    ]
    return real + [(f"synthetic-{n}", synthetic_feed(n)) for n in range(synthetic)]


def time_parser(
    parse: Callable[..., object], documents: list[tuple[str, bytes]], repeat: int
) -> list[float]:
    """The median of `repeat` runs for each document, in milliseconds."""
    medians = []
    for _name, body in documents:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            parse(body, url=BASE_URL)
            runs.append((time.perf_counter() - start) * 1000)
        medians.append(statistics.median(runs))
    return medians


def summary(label: str, per_feed: list[float]) -> str:
    p95 = statistics.quantiles(per_feed, n=20)[-1] if len(per_feed) > 1 else per_feed[0]
    return (
        f"{label:<26} median {statistics.median(per_feed):7.2f} ms   p95 {p95:7.2f} ms   "
        f"total {sum(per_feed):8.1f} ms   ({len(per_feed)} feeds)"
    )


def report(name: str, documents: list[tuple[str, bytes]], repeat: int) -> None:
    fast = time_parser(parse_feed, documents, repeat)
    slow = time_parser(parse_with_feedparser, documents, repeat)
    print(f"\n{name}")
    print(summary("newsterm parse_feed", fast))
    print(summary("feedparser only", slow))
    print(f"{'speed-up':<26} {sum(slow) / sum(fast):.1f}x on the total")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic feeds")
    parser.add_argument("--repeat", type=int, default=5, help="runs per feed (median)")
    args = parser.parse_args()
    documents = load_documents(args.synthetic)
    real = [doc for doc in documents if not doc[0].startswith("synthetic-")]
    synthetic = [doc for doc in documents if doc[0].startswith("synthetic-")]

    reasons: Counter[str] = Counter()
    for name, body in real:
        refused = fast_path(body, url=BASE_URL).fallback_reason
        if refused:
            reasons[refused.split(":")[0]] += 1
            print(f"fallback: {name}: {refused[:90]}")
    print(f"fast path refused {sum(reasons.values())} of {len(real)} real feeds")

    report("feeds-real", real, args.repeat)
    if synthetic:
        report(f"synthetic 50-item RSS x {len(synthetic)}", synthetic, args.repeat)
    report("all", documents, args.repeat)


if __name__ == "__main__":
    main()
