"""Related-link precision and recall on the hand-labelled pages stay where we measured them.

The set and its parts are described in bench/related_quality.py; every part is guarded at
the figures measured (bench/README.md records them). The held-out and fresh parts were
measured before and after the structural detector was written (the held-out part once
more by mistake in the middle), and once more with fresh2 after the tuning on tuning2:
never tune on the misses of heldout, fresh or fresh2, label new pages instead. In the
fifth session the detector became a model trained on the tuning parts; it and the old
detector were measured once on fresh3, labelled for that, and the model once on the others.
In the sixth, links a page never renders (`reader/hidden.py`: inside a <template>,
<noscript> or <svg>) stopped being listed, by rule; that changed one fresh3 page's list and
none of the figures. (A first version also left out what an inline style or the `hidden`
attribute hides until a click, closed tabs and folded boxes, which the labels count as the
page's stories; it moved heldout, fresh2 and fresh3 once and was narrowed.) In the eighth,
a rule after the model (a nameless list's links need a higher score, a named list's a lower
one), chosen by leave-sites-out CV on the tuning parts alone, was measured once on the unseen
parts: heldout, fresh and fresh2 rose, fresh3 fell (3 fewer links right, 5 fewer wrong), all
four pooled rose (P 0.784 -> 0.802, R 0.765 -> 0.778); it was kept and these guards reset.
In the ninth, labels and links began to be compared without tracking parameters (five
fresh2 links now match their labels), and a second rule, chosen the same way (a nameless
list in the masthead needs the model surer still), was measured once: one extra fewer on
fresh, one right link fewer on fresh2 and on fresh3, heldout unchanged; kept, guards reset.
"""

from __future__ import annotations

import pytest

from bench.related_quality import UNSEEN, load_labels, score

# split: (precision, recall), as measured with the model (tools/train_related.py), rounded
# down; the tuning parts are its training pages.
THRESHOLDS = {
    "tuning": (0.99, 0.99),
    "tuning2": (0.99, 0.99),
    "tuning3": (0.99, 0.93),
    "heldout": (0.91, 0.83),
    "fresh": (0.89, 0.74),
    "fresh2": (0.84, 0.85),
    "fresh3": (0.42, 0.53),
}


@pytest.mark.slow
@pytest.mark.parametrize("split", sorted(THRESHOLDS))
def test_related_links_precision_and_recall(split: str) -> None:
    tally = score(page for page in load_labels() if page.split == split)
    want_precision, want_recall = THRESHOLDS[split]
    # The unseen parts' misses are never shown, not even when a guard fails.
    shown = [] if split in UNSEEN else tally.misses
    assert tally.precision >= want_precision, (tally.line(), shown)
    assert tally.recall >= want_recall, (tally.line(), shown)
