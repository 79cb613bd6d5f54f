"""What indexing a story costs by script: schema 13's search index against schema 15's.

    python bench/search_scripts.py [--stories 5000] [--runs 3]

Stories from the corpus: the 35 real feeds (mostly Latin; Russian, Urdu, German…), BBC
Urdu's feed alone, and Chinese and Japanese Readability pages cut into stories of 600
characters; each set repeated to `--stories`. Each is put in an in-memory FTS5 table as
the store does (one transaction): schema 13's tokenizer with the text as it is, and
schema 15's with `search_words.indexed`. Prints the CPU a story (medians of `--runs`,
this thread) and the index's size (its words alone in brackets); then, on the Chinese
stories, what a few searches cost.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui_news.core.feeds.careful import NotAFeedError  # noqa: E402
from tui_news.core.feeds.parse import parse_feed  # noqa: E402
from tui_news.core.storage import search_index  # noqa: E402
from tui_news.core.storage.filter_sql import fts_query  # noqa: E402
from tui_news.core.storage.search_words import indexed  # noqa: E402
from tui_news.core.storage.stories import plain_text  # noqa: E402

CORPUS = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared")) / "corpus"
OLD = f"fts5(title, body, tokenize = '{search_index.DIACRITICS}', prefix = '3')"
NEW = f"fts5(title, body, tokenize = \"{search_index.TOKENIZE}\", prefix = '3')"
Story = tuple[str, str]


def page(name: str) -> str:
    source = (CORPUS / "pages" / "readability" / name / "expected.html").read_text("utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", source)))


def cut(text: str, size: int = 600) -> list[Story]:
    return [("", text[at : at + size]) for at in range(0, len(text) - 100, size)]


def feed_stories(path: Path) -> list[Story]:
    try:
        parsed = parse_feed(path.read_bytes(), url="https://corpus.test/")
    except NotAFeedError:
        return []
    return [(e.title, plain_text(e.content or e.summary)) for e in parsed.entries]


def story_sets() -> dict[str, list[Story]]:
    feeds = sorted(
        p
        for p in (CORPUS / "feeds-real").iterdir()
        if p.suffix in {".xml", ".rss", ".atom", ".rdf"}
    )
    return {
        "the 35 real feeds": [s for path in feeds for s in feed_stories(path)],
        "BBC Urdu's feed": feed_stories(CORPUS / "feeds-real" / "bbc_urdu__miniflux.xml"),
        "Chinese pages": [s for name in ("gmw", "qq", "youth", "pixnet") for s in cut(page(name))],
        "Japanese pages": [s for name in ("yahoo-4", "hukumusume") for s in cut(page(name))],
    }


def build(
    spec: str, words: Callable[[str], str], stories: list[Story]
) -> tuple[sqlite3.Connection, float]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING {spec}")
    started = time.thread_time()
    conn.execute("BEGIN")
    for rowid, (title, body) in enumerate(stories, 1):
        conn.execute(
            "INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, words(title), words(body)),
        )
    conn.execute("COMMIT")
    return conn, time.thread_time() - started


def size(conn: sqlite3.Connection, names: str) -> float:
    (total,) = conn.execute(f"SELECT sum(pgsize) FROM dbstat WHERE name IN ({names})").fetchone()
    return float(total) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load {os.getloadavg()[0]:.1f}; CPU a story, index MB (its words)")
    chinese: sqlite3.Connection | None = None
    for name, found in story_sets().items():
        stories = found * max(1, args.stories // len(found))
        line = f"  {name} ({len(stories):,} stories):"
        for label, spec, words in (("13", OLD, str), ("15", NEW, indexed)):
            cpu = []
            for _ in range(args.runs):
                conn, took = build(spec, words, stories)
                cpu.append(took)
            every, data = (
                size(conn, "'t_data','t_idx','t_content','t_docsize'"),
                size(conn, "'t_data','t_idx'"),
            )
            each = statistics.median(cpu) / len(stories) * 1e6
            line += f"  schema {label}: {each:5.1f} µs, {every:5.1f} ({data:4.1f})"
            if name == "Chinese pages" and label == "15":
                chinese = conn
        print(line)
    assert chinese is not None
    print("  searches among the Chinese stories (schema 15), all matches' ids:")
    for words in ("火", "的", "火星", "宇航员", "殖民火星"):
        query = fts_query(words)
        sql = "SELECT count(*), json_group_array(rowid) FROM t WHERE t MATCH ?"
        cpu = []
        for _ in range(5):
            started = time.thread_time()
            (matches, _ids) = chinese.execute(sql, (query,)).fetchone()
            cpu.append(time.thread_time() - started)
        print(
            f"    {words:6} {matches:6,} matches  {statistics.median(cpu) * 1000:5.1f} ms  {query}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
