"""Train the related-links model on the tuning parts of the hand-labelled set.

Every distinct link of every tuning page (parts tuning, tuning2, tuning3 of
tests/data/pages/labels/related.json) becomes a row of `link_features`; it is a positive
when the labels list its address. Boosted trees (scikit-learn's
HistGradientBoostingClassifier) are fitted on the rows and written, as plain numbers, to
tui_news/reader/models/related.json, which the reader scores with no library.

`--cv` first prints leave-sites-out cross-validation: the pages are split into 10 folds
by site, each fold is scored by a model trained on the other nine, so every figure is
for sites the model has not seen: the estimate of what the unseen parts will show,
without looking at them. The held-out parts (heldout, fresh, fresh2, fresh3) are never
read here.

    pip install scikit-learn   # a training-time tool only; newsterm does not need it
    python tools/train_related.py [--cv] [--threshold 0.55]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.related_quality import link_key, load_labels  # noqa: E402
from tui_news.reader import urls  # noqa: E402
from tui_news.reader.extract import parse_html  # noqa: E402
from tui_news.reader.link_features import Candidate, candidates  # noqa: E402
from tui_news.reader.link_model import LinkModel, _Tree  # noqa: E402
from tui_news.reader.related_page import RelatedPage  # noqa: E402

TRAINING_PARTS = frozenset(["tuning", "tuning2", "tuning3"])
MODEL_PATH = REPO / "tui_news" / "reader" / "models" / "related.json"
PARAMETERS = {
    "max_iter": 60,
    "learning_rate": 0.15,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "random_state": 0,
    "min_samples_leaf": 20,
}


def page_candidates(html: bytes, page_url: str) -> list[Candidate]:
    """The measured links of a page, as `find_related` measures them."""
    root = parse_html(html)
    base_href = root.xpath("//base/@href")
    base = urls.base_url(page_url, str(base_href[0]) if base_href else None)
    return candidates(RelatedPage(root, base, (page_url,)), page_url)


def rows() -> tuple[list[dict[str, float]], list[bool], list[str], int]:
    features: list[dict[str, float]] = []
    wanted_flags: list[bool] = []
    sites: list[str] = []
    labelled = 0
    for page in load_labels():
        if page.split not in TRAINING_PARTS:
            continue
        wanted = {link_key(link.url) for link in page.related}
        labelled += len(wanted)
        for candidate in page_candidates(page.path.read_bytes(), page.url):
            features.append(candidate.features)
            wanted_flags.append(link_key(candidate.url) in wanted)
            sites.append(page.site)
    return features, wanted_flags, sites, labelled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="leave-sites-out figures first")
    parser.add_argument("--threshold", type=float, default=0.55)
    args = parser.parse_args()

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold

    features, wanted, sites, labelled = rows()
    vectoriser = DictVectorizer(sparse=False)
    x = vectoriser.fit_transform(features)
    y = np.array(wanted)
    print(f"{len(y)} links, {int(y.sum())} labelled related ({labelled} in the labels)")
    if args.cv:
        scores = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=10).split(x, y, np.array(sites)):
            fold = HistGradientBoostingClassifier(**PARAMETERS).fit(x[train], y[train])
            scores[test] = fold.predict_proba(x[test])[:, 1]
        for threshold in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            shown = scores >= threshold
            hits = int((shown & y).sum())
            print(
                f"  sites left out, threshold {threshold:.2f}:"
                f" P={hits / max(int(shown.sum()), 1):.3f} R={hits / labelled:.3f}"
            )
    fitted = HistGradientBoostingClassifier(**PARAMETERS).fit(x, y)
    model = LinkModel(
        tuple(vectoriser.get_feature_names_out()),
        float(np.ravel(fitted._baseline_prediction)[0]),
        tuple(_tree(predictor[0].nodes) for predictor in fitted._predictors),
        args.threshold,
    )
    check = x[:500]
    ours = [model.score(dict(zip(model.names, row, strict=True))) for row in check]
    theirs = fitted.predict_proba(check)[:, 1]
    assert np.allclose(ours, theirs, atol=1e-6), "exported trees disagree with the model"
    MODEL_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(REPO)} ({len(model.trees)} trees)")


def _tree(nodes: Any) -> _Tree:
    """One fitted tree (scikit-learn's node records) as plain lists."""
    return _Tree(
        [-1 if node["is_leaf"] else int(node["feature_idx"]) for node in nodes],
        [float(node["num_threshold"]) for node in nodes],
        [int(node["left"]) for node in nodes],
        [int(node["right"]) for node in nodes],
        [round(float(node["value"]), 8) for node in nodes],
    )


if __name__ == "__main__":
    main()
