"""The article-extraction benchmark's metric, on texts small enough to count by hand."""

from __future__ import annotations

import pytest

from bench.shingles import Match, match, shingles, summarise, tokens


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Don't panic — it's 4:30, Ünïcode!") == [
        "Don", "t", "panic", "it", "s", "4", "30", "Ünïcode",
    ]  # fmt: skip


def test_shingles_are_a_multiset_of_four_word_runs() -> None:
    found = shingles("a b c d a b c d")
    assert found[("a", "b", "c", "d")] == 2
    assert sum(found.values()) == 5


def test_a_text_shorter_than_a_shingle_is_one_shingle_and_no_text_none() -> None:
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles(" ,. ") == {}


def test_counts_are_shares_of_all_shingles_on_the_page() -> None:
    # Reference: 6 shingles; prediction drops the last word and adds two.
    reference = "one two three four five six seven eight nine"
    predicted = "zero one two three four five six seven eight"
    found = match(reference, predicted)
    # shared: 5 (one..eight); extra: 1 (zero one two three); missing: 1 (six..nine)
    assert found == Match(5 / 7, 1 / 7, 1 / 7)
    assert found.precision == pytest.approx(5 / 6)
    assert found.recall == pytest.approx(5 / 6)


def test_identical_texts_score_one_and_an_empty_prediction_scores_no_recall() -> None:
    assert match("a b c d e", "a b c d e").f1 == 1.0
    empty = match("a b c d e", "")
    assert (empty.tp, empty.fp, empty.fn) == (0.0, 0.0, 1.0)
    assert empty.recall == 0.0


def test_an_empty_prediction_costs_recall_but_not_precision() -> None:
    perfect = match("a b c d e", "a b c d e")
    empty = match("f g h i j", "")
    summary = summarise([perfect, empty])
    assert summary.precision == 1.0  # the empty page has no predicted shingle to judge
    assert summary.recall == 0.5
    assert summary.f1 == pytest.approx(2 / 3)


def test_f1_is_the_harmonic_mean_of_mean_precision_and_mean_recall() -> None:
    # Page 1: precision 1, recall 0.5. Page 2: precision 0.5, recall 1.
    first = match("a b c d e f g h i j k", "a b c d e f g h")
    second = match("a b c d e f g h", "a b c d e f g h i j k")
    assert (first.precision, first.recall) == (1.0, 0.625)
    summary = summarise([first, second])
    assert summary.precision == pytest.approx((1 + 0.625) / 2)
    assert summary.recall == pytest.approx((0.625 + 1) / 2)
    assert summary.f1 == pytest.approx(0.8125)  # not the mean of the per-page F1s
