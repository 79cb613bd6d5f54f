"""Main-text quality: newsterm's extraction beside bare `trafilatura.extract`, same pages, same run.

Pages and annotations are trafilatura's own evaluation set in
shared/corpus/pages/trafilatura: for every page, snippets the main text must contain
(`with`) and must not (`without`). A `with` snippet found is a true positive, one
missing a false negative; a `without` snippet found is a false positive, one absent
a true negative (trafilatura's scoring). Both outputs are compared as what a reader
sees: ours is the Markdown body turned to plain text (link targets and markers
removed); whitespace is collapsed on both sides and in the snippets.

    /work/venv/bin/python bench/quality.py [--workers 2] [--show-misses]

Then the main text by the article-extraction benchmark's own metric (4-gram shingle F1
against whole reference bodies), tuning and held-out parts apart: bench/text_quality.py;
and last the related links, each part apart: bench/related_quality.py.

Also run by tests/reader/test_quality_corpus.py (in chunks). Not a test itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import related_quality, text_quality  # noqa: E402
from bench.maintext_pages import all_pages  # noqa: E402

SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
PAGES = SHARED / "corpus" / "pages" / "trafilatura"
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Page:
    path: Path
    url: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn
        self.misses.extend(other.misses)

    @property
    def correct(self) -> int:
        return self.tp + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return self.correct / total if total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"acc={self.accuracy:.3f} (tp={self.tp} fn={self.fn} fp={self.fp} tn={self.tn})"
        )


def load_pages(root: Path = PAGES) -> list[Page]:
    """Every annotated page present on disk, each once."""
    pages: dict[Path, Page] = {}
    for name, folder in (("evaldata.json", "cache"), ("evaldata-eval-news.json", "eval-news")):
        data = json.loads((root / name).read_text(encoding="utf-8"))
        for url, item in data.items():
            path = root / folder / item["file"]
            if path.exists() and path not in pages:
                pages[path] = Page(path, url, tuple(item["with"]), tuple(item["without"]))
    return sorted(pages.values(), key=lambda page: page.path.name)


def normalise(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def score(result: str, page: Page) -> Score:
    text = normalise(result)
    found = Score()
    for snippet in page.with_:
        if normalise(snippet) in text:
            found.tp += 1
        else:
            found.fn += 1
            found.misses.append(f"{page.path.name}: missing {snippet!r}")
    for snippet in page.without:
        if normalise(snippet) in text:
            found.fp += 1
            found.misses.append(f"{page.path.name}: unwanted {snippet!r}")
        else:
            found.tn += 1
    return found


def bare_text(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.path.read_bytes(), url=page.url) or ""


def our_texts(page: Page) -> tuple[str, str]:
    """(body, reading pane): the Markdown body as plain text without its picture lines
    (captions are not article text), and title + body with them, as the pane shows it."""
    from tui_news.reader.extract import extract_article
    from tui_news.reader.markdown import to_plain
    from tui_news.reader.pictures import without_lines

    article = extract_article(page.path.read_bytes(), page.url)
    shown = to_plain(article.text)
    return without_lines(shown), f"{article.title}\n{shown}"


def score_page(page: Page) -> tuple[Score, Score, Score]:
    """(bare, ours: body only, ours: title + body) for one page."""
    body, pane = our_texts(page)
    return score(bare_text(page), page), score(body, page), score(pane, page)


@dataclass(slots=True)
class Scores:
    bare: Score = field(default_factory=Score)
    body: Score = field(default_factory=Score)
    pane: Score = field(default_factory=Score)


def score_pages(pages: Iterable[Page], *, workers: int = 1) -> Scores:
    scores = Scores()
    pages = list(pages)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(score_page, pages, chunksize=4))
    else:
        results = [score_page(page) for page in pages]
    for bare, body, pane in results:
        scores.bare.add(bare)
        scores.body.add(body)
        scores.pane.add(pane)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    pages = load_pages()
    scores = score_pages(pages, workers=args.workers)
    bare = scores.bare
    snippets = f"{bare.tp + bare.fn} 'with' and {bare.fp + bare.tn} 'without' snippets"
    print(f"{len(pages)} pages, {snippets}")
    print(f"bare trafilatura.extract      : {bare.line()}")
    print(f"newsterm body                 : {scores.body.line()}")
    print(f"newsterm title + body (pane)  : {scores.pane.line()}")
    if args.show_misses:
        bare_misses = set(bare.misses)
        for miss in scores.pane.misses:
            print(("  both  " if miss in bare_misses else "  ours  ") + miss)
        for miss in sorted(bare_misses - set(scores.pane.misses)):
            print("  bare  " + miss)
    print()
    text_quality.report(text_quality.measure(all_pages(), workers=args.workers))
    print()
    related_quality.report()


if __name__ == "__main__":
    main()
