"""The hand-labelled related-link set is what its documentation says it is.

Large enough to trust (60+ pages from 40+ sites, 20+ pages held out, 20+ fresh pages
labelled later, then 20+ pages each in tuning2 and fresh2, and last a fresh3 part of pages
whose sites were never tuned on), split with the rules in bench/related_quality
(split_of by site, fresh3 and tuning3 by page), and every label a usable story link.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from bench.related_quality import (
    FRESH2_MORE_SITES,
    FRESH2_SITES,
    PREVIOUSLY_TUNED,
    TUNING2_MORE_SITES,
    TUNING2_SITES,
    LabelledPage,
    link_key,
    load_labels,
    site_key,
    split_of,
    split_of_page,
)


@pytest.fixture(scope="module")
def pages() -> list[LabelledPage]:
    return load_labels()


def test_the_set_is_large_and_spread_over_many_sites(pages: list[LabelledPage]) -> None:
    splits = Counter(page.split for page in pages)
    assert len(pages) >= 60
    assert len({page.site for page in pages}) >= 40
    assert splits["heldout"] >= 20
    assert splits["fresh"] >= 20
    assert splits["tuning2"] >= 20 and splits["fresh2"] >= 20
    assert splits["fresh3"] >= 20
    assert set(splits) == {"tuning", "heldout", "fresh", "tuning2", "fresh2", "fresh3", "tuning3"}


def test_split_is_by_site_with_the_fixed_rule(pages: list[LabelledPage]) -> None:
    for page in pages:
        assert page.site == site_key(page.url), page.name
        assert page.split == split_of_page(page.name, page.site), page.name
    by_site: dict[str, set[str]] = {}
    for page in pages:
        if page.split not in {"fresh3", "tuning3"}:  # chosen by page
            by_site.setdefault(page.site, set()).add(page.split)
    assert all(len(splits) == 1 for splits in by_site.values())


def test_fresh3_pages_come_from_sites_never_tuned_on(pages: list[LabelledPage]) -> None:
    tuned = {page.site for page in pages if page.split in {"tuning", "tuning2"}}
    fresh3 = [page for page in pages if page.split == "fresh3"]
    assert fresh3 and all(page.site not in tuned for page in fresh3)
    tuning3 = [page for page in pages if page.split == "tuning3"]
    assert all(page.site in tuned for page in tuning3)
    tuned_before = PREVIOUSLY_TUNED | TUNING2_SITES | TUNING2_MORE_SITES
    assert not {page.site for page in fresh3} & tuned_before


def test_fresh_sites_appear_in_no_other_part(pages: list[LabelledPage]) -> None:
    fresh = {page.site for page in pages if page.split == "fresh"}
    others = {page.site for page in pages if page.split not in {"fresh", "fresh3", "tuning3"}}
    assert len(fresh) >= 20 and not fresh & others


@pytest.mark.parametrize(
    ("seed", "tuning2", "fresh2"),
    [(20261206, TUNING2_SITES, FRESH2_SITES), (20261207, TUNING2_MORE_SITES, FRESH2_MORE_SITES)],
)
def test_the_second_round_was_split_by_seeded_draws(
    pages: list[LabelledPage], seed: int, tuning2: frozenset[str], fresh2: frozenset[str]
) -> None:
    drawn = sorted(tuning2 | fresh2)
    random.Random(seed).shuffle(drawn)
    half = (len(drawn) + 1) // 2
    assert (set(drawn[:half]), set(drawn[half:])) == (tuning2, fresh2)
    earlier = {page.site for page in pages if page.split in {"tuning", "heldout", "fresh"}}
    assert not (tuning2 | fresh2) & earlier


def test_sites_tuned_on_before_are_never_held_out(pages: list[LabelledPage]) -> None:
    assert split_of("bbc") == split_of("dailymail") == "tuning"
    tuned = {"tuning", "tuning3"}
    assert all(page.split in tuned for page in pages if page.site in {"bbc", "wired"})


def test_every_label_is_a_distinct_story_link_of_an_existing_page(
    pages: list[LabelledPage],
) -> None:
    for page in pages:
        assert page.path.exists(), page.name
        keys = [link_key(link.url) for link in page.related]
        assert len(keys) == len(set(keys)), page.name
        assert link_key(page.url) not in keys, page.name
        for link in page.related:
            assert link.url.startswith(("http://", "https://")), link.url
            assert link.title.strip() and link.group.strip(), link.url


def test_pages_without_related_links_are_part_of_the_set(pages: list[LabelledPage]) -> None:
    empty = [page for page in pages if not page.related]
    assert len(empty) >= 10  # precision matters: these must come out empty
    assert {page.split for page in empty} >= {
        "tuning",
        "heldout",
        "fresh",
        "tuning2",
        "fresh2",
        "fresh3",
    }
