"""Extraction speed: newsterm's extract_article beside bare trafilatura.extract, same HTML.

Runs every page in shared/corpus/pages/trafilatura (plus the crafted test pages) in one
process, `--repeat` times each, alternating the two so that neither gets a warmer cache;
prints pages per second, p50/p95 milliseconds per page, and our overhead (metadata with
trafilatura, the body fixes, Markdown, and related-link detection, which is timed on
its own too). Not a test.

    /work/venv/bin/python bench/extract.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from tui_news.reader.extract import extract_article, parse_html  # noqa: E402
from tui_news.reader.related import find_related  # noqa: E402

SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
CORPUS_PAGES = SHARED / "corpus" / "pages" / "trafilatura"
CRAFTED = REPO / "tests" / "data" / "pages"


def documents() -> list[tuple[str, bytes]]:
    paths = sorted(CORPUS_PAGES.glob("*/*.html")) + sorted(CRAFTED.glob("*.html"))
    return [(path.name, path.read_bytes()) for path in paths]


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, seconds: list[float]) -> None:
    total = sum(seconds)
    print(
        f"{label:34s} {len(seconds) / total:7.1f} pages/s   "
        f"p50 {1000 * statistics.median(seconds):6.1f} ms   "
        f"p95 {1000 * percentile(seconds, 0.95):6.1f} ms   total {total:6.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = documents()
    bare: list[float] = []
    ours: list[float] = []
    related: list[float] = []
    for _name, html in docs:  # warm-up: imports, regex compilation, lxml
        extract_article(html, "https://example.test/a/b")
        trafilatura.extract(html)
    for _round in range(args.repeat):
        for _name, html in docs:
            bare.append(timed(partial(trafilatura.extract, html)))
            ours.append(timed(partial(extract_article, html)))
            root = parse_html(html)
            related.append(timed(partial(find_related, root, "https://example.test/a")))
    print(f"{len(docs)} pages x {args.repeat} rounds, one process")
    report("bare trafilatura.extract", bare)
    report("newsterm extract_article", ours)
    report("  of which related links", related)
    overhead = sum(ours) / sum(bare) - 1
    per_page = 1000 * (statistics.median(ours) - statistics.median(bare))
    print(f"overhead vs bare: {overhead:+.0%} total time, {per_page:+.1f} ms at the median page")


if __name__ == "__main__":
    main()
