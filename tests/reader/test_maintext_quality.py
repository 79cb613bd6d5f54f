"""Main-text quality by the article-extraction benchmark's metric, on both parts of the split.

The split (tests/data/maintext/split.json) was fixed by a hash of each page's site before
any output was looked at; heuristics are tuned on the tuning part only. Three sets: the
Readability pages (references.json), trafilatura's news pages (news-references.json) and a
fresh held-out set of pages from new sites (fresh-references.json).
The floors are the measured F1 of newsterm's body (bench/text_quality.py, picture lines
left out), rounded down: raise them when a change raises the figures, never lower them to
let one through.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bench.maintext_pages import (
    build_split,
    fresh_pages,
    load_split,
    news_pages,
    readability_pages,
)
from bench.text_quality import by_part, measure

# (set, part) → floor, the measured F1 rounded down.
FLOORS = {
    ("readability", "tuning"): 0.984,
    ("readability", "heldout"): 0.939,
    ("news", "tuning"): 0.974,
    ("news", "heldout"): 0.961,
    ("fresh", "heldout"): 0.955,
}
SETS = {"readability": readability_pages, "news": news_pages, "fresh": fresh_pages}
# How far behind bare trafilatura a set may be: none. (The fresh pages were 0.001 behind
# after the fourth session, measured once; session 6's changes, measured once at the end,
# put them 0.002 ahead: 0.955 against 0.953.)
BEHIND_BARE: dict[tuple[str, str], float] = {}


def test_the_recorded_split_is_the_hash_rule_applied_to_every_page() -> None:
    recorded = load_split()
    assert recorded == build_split()
    parts_of_site: dict[str, set[str]] = {}
    for item in recorded.values():
        parts_of_site.setdefault(item["site"], set()).add(item["part"])
    assert all(len(parts) == 1 for parts in parts_of_site.values())  # a site is never split


def test_the_held_out_part_is_large_enough_to_trust() -> None:
    pages = readability_pages() + news_pages()
    parts = Counter(page.part for page in pages)
    assert parts["heldout"] >= 40 and parts["tuning"] >= 80
    assert len({page.site for page in pages if page.part == "heldout"}) >= 30
    assert all(len(page.reference) >= 100 for page in pages)  # CJK text has few spaces
    split = load_split()
    assert all(split[page.key]["part"] == page.part for page in pages)


def test_the_fresh_set_is_held_out_and_shares_no_site_with_the_others() -> None:
    fresh = fresh_pages()
    assert len(fresh) >= 20 and len({page.site for page in fresh}) >= 20
    assert all(page.part == "heldout" for page in fresh)
    older = {page.site for page in readability_pages() + news_pages()}
    assert not older & {page.site for page in fresh}
    assert all(len(page.reference) >= 100 for page in fresh)


@pytest.mark.slow
@pytest.mark.parametrize(("pages", "part"), list(FLOORS))
def test_main_text_f1_holds_the_measured_value_and_never_loses_a_text(
    pages: str, part: str
) -> None:
    results = measure(page for page in SETS[pages]() if page.part == part)
    scores = by_part(results)[part]
    assert scores.ours_empty == 0, [r.key for r in results if r.ours_empty]
    assert scores.body.f1 >= FLOORS[pages, part], scores.body.line()
    # Never behind bare trafilatura on the same pages (to the third decimal the figures show).
    allowed = BEHIND_BARE.get((pages, part), 0.0)
    assert round(scores.body.f1, 3) >= round(scores.bare.f1, 3) - allowed, (
        scores.body.line(),
        scores.bare.line(),
    )
