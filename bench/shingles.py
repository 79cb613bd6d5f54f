"""The article-extraction benchmark's metric: F1 over 4-gram shingles of word tokens.

As scrapinghub's article-extraction-benchmark scores an article body (its
`evaluate.py`), restated here so that our figures are comparable with the ones
it publishes:

- a text is cut into tokens, the runs of word characters (`\\w+`, case kept);
- its shingles are the runs of 4 consecutive tokens, counted as a multiset (a text
  of fewer than 4 tokens is one shingle of them all; no tokens, no shingle);
- on one page, shingles in both texts are true positives (the smaller count of
  each), extra ones in the prediction false positives, missing ones false
  negatives; the three are then divided by their sum, so a long page weighs no
  more than a short one;
- over pages, precision is the mean of the pages' precisions (pages where the
  prediction has shingles only: an empty prediction costs recall, not precision),
  recall the mean over pages whose reference has shingles, and F1 their harmonic
  mean (not the mean of per-page F1s).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 4
_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Match:
    """One page: shares of true positive, false positive and false negative shingles."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    pages: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return f"F1={self.f1:.3f} P={self.precision:.3f} R={self.recall:.3f}"


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    if len(words) < size:
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def match(reference: str, predicted: str) -> Match:
    """How `predicted` covers `reference`, as normalised shingle counts."""
    wanted, got = shingles(reference), shingles(predicted)
    tp = sum((wanted & got).values())
    fp = sum((got - wanted).values())
    fn = sum((wanted - got).values())
    total = tp + fp + fn
    if not total:
        return Match(0.0, 0.0, 0.0)
    return Match(tp / total, fp / total, fn / total)


def summarise(matches: Iterable[Match]) -> Summary:
    found = list(matches)
    precisions = [m.precision for m in found if m.tp + m.fp > 0]
    recalls = [m.recall for m in found if m.tp + m.fn > 0]
    return Summary(
        pages=len(found),
        precision=sum(precisions) / len(precisions) if precisions else 0.0,
        recall=sum(recalls) / len(recalls) if recalls else 0.0,
    )
