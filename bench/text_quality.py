"""Main-text quality by the article-extraction benchmark's metric, tuning and held-out apart.

newsterm's `extract_article` and bare `trafilatura.extract` (called as that benchmark calls
it) run on the same pages in the same run; each is scored with 4-gram shingle F1
(bench/shingles.py) against the hand-corrected reference bodies of the Readability pages,
the hand-made ones of trafilatura's news pages and a fresh held-out set of pages from new
sites (bench/maintext_pages.py). Ours is scored as a reader sees it: the Markdown body as plain
text (`to_plain`), without the headline. Picture lines ("[Photo: …]") are scored both
ways: the article body proper leaves them out (references carry no captions), the
text as shown keeps them.

Per-page figures are printed for the tuning part only: the held-out part is measured,
never looked into (`--show` refuses it).

    python bench/text_quality.py [--workers 2] [--part tuning] [--snippets] [--show 15]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.maintext_pages import Page, all_pages, fresh_keys  # noqa: E402
from bench.shingles import Match, Summary, match, summarise, tokens  # noqa: E402
from tui_news.reader.pictures import without_lines  # noqa: E402

PARTS = ("tuning", "heldout")


@dataclass(frozen=True, slots=True)
class Result:
    """One page, both extractors."""

    key: str
    part: str
    bare: Match
    body: Match  # ours, picture lines left out
    shown: Match  # ours as the reading pane shows it
    bare_empty: bool
    ours_empty: bool
    seconds: float  # our extraction alone


def bare_text(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def our_text(html: bytes, url: str) -> str:
    from tui_news.reader.extract import extract_article
    from tui_news.reader.markdown import to_plain

    return to_plain(extract_article(html, url).text)


def run_page(page: Page) -> Result:
    html = page.source.read_bytes()
    bare = bare_text(html)
    started = time.perf_counter()
    ours = our_text(html, "")  # as `newsterm read FILE`: the page names its own URL
    seconds = time.perf_counter() - started
    return Result(
        key=page.key,
        part=page.part,
        bare=match(page.reference, bare),
        body=match(page.reference, without_lines(ours)),
        shown=match(page.reference, ours),
        bare_empty=not tokens(bare),
        ours_empty=not tokens(ours),
        seconds=seconds,
    )


def measure(pages: Iterable[Page], *, workers: int = 1) -> list[Result]:
    pages = list(pages)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(run_page, pages, chunksize=2))
    return [run_page(page) for page in pages]


@dataclass(frozen=True, slots=True)
class PartScores:
    part: str
    pages: int
    bare: Summary
    body: Summary
    shown: Summary
    bare_empty: int
    ours_empty: int


def by_part(results: list[Result]) -> dict[str, PartScores]:
    scores = {}
    for part in PARTS:
        chosen = [r for r in results if r.part == part]
        scores[part] = PartScores(
            part=part,
            pages=len(chosen),
            bare=summarise(r.bare for r in chosen),
            body=summarise(r.body for r in chosen),
            shown=summarise(r.shown for r in chosen),
            bare_empty=sum(r.bare_empty for r in chosen),
            ours_empty=sum(r.ours_empty for r in chosen),
        )
    return scores


def report(results: list[Result]) -> None:
    print("Main text, 4-gram shingle F1 (article-extraction benchmark metric):")
    fresh = fresh_keys()
    readability = [r for r in results if r.key.startswith("readability/")]
    news = [r for r in results if not r.key.startswith("readability/") and r.key not in fresh]
    sets = (
        ("Readability pages, hand-corrected reference bodies", readability),
        ("trafilatura's news pages, hand-made reference bodies", news),
        (
            "fresh pages of new sites, labelled after the first held-out look",
            [r for r in results if r.key in fresh],
        ),
        ("all pages", results),
    )
    for title, chosen in sets:
        if chosen:
            print(f" {title}:")
            _report_parts(chosen)
    seconds = sum(r.seconds for r in results)
    print(f"  our extraction: {len(results) / seconds:.1f} pages/s (in the measuring workers)")


def _report_parts(results: list[Result]) -> None:
    for scores in by_part(results).values():
        if not scores.pages:
            continue
        print(f"  {scores.part} ({scores.pages} pages)")
        print(f"    bare trafilatura.extract   {scores.bare.line()}   empty {scores.bare_empty}")
        print(f"    newsterm body              {scores.body.line()}   empty {scores.ours_empty}")
        print(f"    newsterm as shown          {scores.shown.line()}")


def snippet_report(*, workers: int, parts: tuple[str, ...] = PARTS) -> None:
    """trafilatura's evaluation pages (snippets a text must and must not hold), by part."""
    from bench.maintext_pages import CORPUS, load_split
    from bench.quality import load_pages, score_pages

    split = load_split()
    pages = load_pages()
    print("trafilatura's evaluation pages, snippets found (bench/quality.py's scoring):")
    for part in parts:
        chosen = [
            page
            for page in pages
            if split[page.path.relative_to(CORPUS).as_posix()]["part"] == part
        ]
        scores = score_pages(chosen, workers=workers)
        print(f"  {part} ({len(chosen)} pages)")
        print(f"    bare trafilatura.extract   {scores.bare.line()}")
        print(f"    newsterm body              {scores.body.line()}")


def show_tuning(results: list[Result], count: int) -> None:
    """The tuning pages where we lose most to the reference, worst first."""
    tuning = sorted((r for r in results if r.part == "tuning"), key=lambda r: r.body.f1)
    print(f"\nWorst {count} tuning pages (ours body F1 / P / R, bare F1):")
    for r in tuning[:count]:
        print(
            f"  {r.body.f1:.3f} {r.body.precision:.3f} {r.body.recall:.3f}  "
            f"bare {r.bare.f1:.3f}  {r.key}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", type=int, default=0, help="list the N worst tuning pages")
    parser.add_argument(
        "--part", choices=(*PARTS, "both"), default="both", help="measure one part only"
    )
    parser.add_argument("--snippets", action="store_true", help="also trafilatura's pages")
    parser.add_argument("--only", help="measure one page (a tuning page key) and print texts")
    args = parser.parse_args()
    pages = all_pages()
    if args.only:
        page = next(p for p in pages if p.key == args.only)
        if page.part != "tuning":
            sys.exit(f"{page.key} is held out: measured, never looked into")
        html = page.source.read_bytes()
        print(our_text(html, ""))
        return
    if args.part != "both":
        pages = [page for page in pages if page.part == args.part]
    results = measure(pages, workers=args.workers)
    report(results)
    if args.snippets:
        parts = PARTS if args.part == "both" else (args.part,)
        snippet_report(workers=args.workers, parts=parts)
    if args.show:
        show_tuning(results, args.show)


if __name__ == "__main__":
    main()
