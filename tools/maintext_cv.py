"""Main text judged with sites left out: grouped cross-validation on the tuning part only.

The tuning sites are dealt into K groups by a seeded hash of the site's name, several times
(dealings: seeds 0..D-1). A change is designed on the misses of one group of dealing 0 (the
design group: `--show` lists its pages alone) and judged on every page outside it: per
group of each dealing (the design group's sites left out of every group), the shingle F1 of
the body before and after, and the paired difference, as mean ± sd over the groups; and how
many judging sites it helps and hurts. The held-out part is never loaded: its pages are
measured once, by the lead, with bench/text_quality.py.

    python tools/maintext_cv.py run NAME [--workers 2]       # score the tree as it is
    python tools/maintext_cv.py groups NAME                  # per-group figures of one run
    python tools/maintext_cv.py compare BEFORE AFTER [--design G]
    python tools/maintext_cv.py show NAME [--design G] [--count 15]

Runs are kept as JSON in $MAINTEXT_CV_DIR (default /tmp/maintext-cv): per page, the shares of
true positive, false positive and false negative shingles of our body and of bare
`trafilatura.extract`, and our text's hash (which pages a change moved).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.maintext_pages import Page, load_split, news_pages, readability_pages  # noqa: E402
from bench.shingles import Match, summarise  # noqa: E402

RUNS = Path(os.environ.get("MAINTEXT_CV_DIR", "/tmp/maintext-cv"))
GROUPS = 4
DEALINGS = 5
# A page's F1 must move by more than this to count as helped or hurt (rounding noise).
MOVED = 0.0005


def tuning_pages() -> list[Page]:
    """The tuning part's pages with a whole reference (the fresh set is all held out)."""
    split = load_split()
    pages = readability_pages() + news_pages()
    return [page for page in pages if split[page.key]["part"] == "tuning"]


def group_of(site: str, seed: int, groups: int = GROUPS) -> int:
    digest = hashlib.sha256(f"{seed}:{site}".encode()).hexdigest()
    return int(digest[:8], 16) % groups


def _score(page: Page) -> dict[str, object]:
    from bench.shingles import match
    from bench.text_quality import bare_text, our_text
    from tui_news.reader.pictures import without_lines

    html = page.source.read_bytes()
    ours = without_lines(our_text(html, ""))
    body = match(page.reference, ours)
    bare = match(page.reference, bare_text(html))
    return {
        "key": page.key,
        "site": page.site,
        "body": [body.tp, body.fp, body.fn],
        "bare": [bare.tp, bare.fp, bare.fn],
        "text": hashlib.sha256(ours.encode()).hexdigest()[:12],
    }


# trafilatura's own options, each given to every bare_extraction the reader makes: which
# would win, page by page (`run NAME --variant precision`).
VARIANTS: dict[str, dict[str, Any]] = {
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
    "notables": {"include_tables": False},
    "fast": {"fast": True},  # no readability/justext fallback
}


def _use_variant(variant: str) -> None:
    if not variant:
        return
    import trafilatura

    original = trafilatura.bare_extraction
    extra = VARIANTS[variant]

    def patched(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **{**kwargs, **extra})

    trafilatura.bare_extraction = patched  # type: ignore[assignment]


def run(name: str, workers: int, variant: str = "") -> None:
    pages = tuning_pages()
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_use_variant, initargs=(variant,)) as pool:
            rows = list(pool.map(_score, pages, chunksize=2))
    else:
        _use_variant(variant)
        rows = [_score(page) for page in pages]
    RUNS.mkdir(parents=True, exist_ok=True)
    (RUNS / f"{name}.json").write_text(json.dumps(rows, indent=0), encoding="utf-8")
    print(f"{len(rows)} tuning pages scored into {RUNS / name}.json")
    groups(load(name))


Rows = dict[str, dict[str, object]]


def load(name: str) -> Rows:
    rows = json.loads((RUNS / f"{name}.json").read_text(encoding="utf-8"))
    return {row["key"]: row for row in rows}


def _match(row: dict[str, object], which: str = "body") -> Match:
    shares: list[float] = row[which]  # type: ignore[assignment]
    return Match(*shares)


def f1(rows: Iterable[dict[str, object]], which: str = "body") -> float:
    return summarise(_match(row, which) for row in rows).f1


def _mean_sd(values: Sequence[float]) -> str:
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):+.4f} ± {sd:.4f}" if values else "-"


def _dealt(rows: Rows, seed: int, keep: set[str] | None = None) -> list[list[dict[str, object]]]:
    dealt: list[list[dict[str, object]]] = [[] for _ in range(GROUPS)]
    for key, row in rows.items():
        if keep is None or key in keep:
            dealt[group_of(str(row["site"]), seed)].append(row)
    return dealt


def groups(rows: Rows) -> None:
    """Per-group F1 of our body (and bare's) for every dealing, mean ± sd over groups."""
    print(f"all {len(rows)}: ours {f1(rows.values()):.4f}  bare {f1(rows.values(), 'bare'):.4f}")
    for seed in range(DEALINGS):
        dealt = _dealt(rows, seed)
        ours = [f1(group) for group in dealt]
        cells = zip(ours, dealt, strict=True)
        line = "  ".join(f"{value:.4f}({len(group)})" for value, group in cells)
        sd = statistics.stdev(ours)
        print(f" dealing {seed}: {line}   mean {statistics.mean(ours):.4f} ± {sd:.4f}")


def design_keys(rows: Rows, design: int) -> set[str]:
    return {key for key, row in rows.items() if group_of(str(row["site"]), 0) == design}


def compare(before_name: str, after_name: str, design: int) -> None:
    before, after = load(before_name), load(after_name)
    moved = sorted(key for key in before if before[key]["text"] != after[key]["text"])
    designed = design_keys(before, design)
    judged = set(before) - designed
    print(f"texts changed on {len(moved)} of {len(before)} tuning pages")
    for key in moved:
        mark = "design" if key in designed else "judge "
        was, now = _match(before[key]).f1, _match(after[key]).f1
        print(f"  {mark} {now - was:+.4f}  {was:.4f} -> {now:.4f}  {key}")
    for title, keys in (("design group", designed), ("judging pages", judged)):
        was = f1(before[key] for key in keys)
        now = f1(after[key] for key in keys)
        sites = _sites_moved(before, after, keys)
        print(f"{title} ({len(keys)} pages): {was:.4f} -> {now:.4f} ({now - was:+.4f}); {sites}")
    print(f"all: {f1(before.values()):.4f} -> {f1(after.values()):.4f}")
    print("judging pages dealt into groups (design group's sites left out), paired difference:")
    for seed in range(DEALINGS):
        pairs = [
            (f1(group), f1(after[str(row["key"])] for row in group))
            for group in _dealt(before, seed, judged)
            if group
        ]
        deltas = [now - was for was, now in pairs]
        line = "  ".join(f"{was:.4f}->{now:.4f}" for was, now in pairs)
        print(f" dealing {seed}: {line}   diff {_mean_sd(deltas)}")


def _sites_moved(before: Rows, after: Rows, keys: set[str]) -> str:
    change: dict[str, float] = {}
    for key in keys:
        site = str(before[key]["site"])
        change[site] = change.get(site, 0.0) + _match(after[key]).f1 - _match(before[key]).f1
    helped = sum(value > MOVED for value in change.values())
    hurt = sum(value < -MOVED for value in change.values())
    return f"sites helped {helped}, hurt {hurt}"


def show(name: str, design: int, count: int) -> None:
    """The design group's pages, worst first: where to look for misses."""
    rows = load(name)
    chosen = sorted(
        (rows[key] for key in design_keys(rows, design)), key=lambda row: _match(row).f1
    )
    print(f"design group {design}: {len(chosen)} pages, F1 {f1(chosen):.4f}")
    for row in chosen[:count]:
        body, bare = _match(row), _match(row, "bare")
        print(
            f"  {body.f1:.3f} P {body.precision:.3f} R {body.recall:.3f}"
            f"  bare {bare.f1:.3f}  {row['key']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run")
    run_parser.add_argument("name")
    run_parser.add_argument("--workers", type=int, default=2)
    run_parser.add_argument("--variant", choices=sorted(VARIANTS), default="")
    groups_parser = commands.add_parser("groups")
    groups_parser.add_argument("name")
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("before")
    compare_parser.add_argument("after")
    compare_parser.add_argument("--design", type=int, default=0)
    show_parser = commands.add_parser("show")
    show_parser.add_argument("name")
    show_parser.add_argument("--design", type=int, default=0)
    show_parser.add_argument("--count", type=int, default=15)
    args = parser.parse_args()
    if args.command == "run":
        run(args.name, args.workers, args.variant)
    elif args.command == "groups":
        groups(load(args.name))
    elif args.command == "compare":
        compare(args.before, args.after, args.design)
    else:
        show(args.name, args.design, args.count)


if __name__ == "__main__":
    main()
