"""Train the related-links model on the tuning parts of the hand-labelled set.

Every distinct link of every tuning page (parts tuning, tuning2, tuning3 of
tests/data/pages/labels/related.json) becomes a row of `link_features`; it is a positive
when the labels list its address. Boosted trees (scikit-learn's
HistGradientBoostingClassifier) are fitted on the rows and written, as plain numbers, to
tui_news/reader/models/related.json, which the reader scores with no library.

`--cv` first prints leave-sites-out cross-validation: the sites are dealt at random into
10 folds, each fold is scored by a model trained on the other nine, so every figure is
for sites the model has not seen: the estimate of what the unseen parts will show,
without looking at them. One dealing is noisy (a few sites hold most errors), so it is
repeated with `--repeats` seeds and each figure printed as mean ± standard deviation
over them, with its lowest and highest; "without dailymail" leaves out the one page
that holds 429 of the 1,382 labelled links (it sways the pooled figures, and no unseen
page is like it). The held-out parts (heldout, fresh, fresh2, fresh3) are never read here.

`--whole` scores the whole detector the same way: each fold's model is written out as the
reader loads it and `find_related` runs with it on the fold's pages (grouping, names and
the rules after the model included), scored as bench/related_quality.py scores a part.
`--misses` prints what the whole detector gets wrong on each tuning page in the first
dealing, by page (tuning parts only), and the labelled links that no link the candidate
generator (`link_features.candidates`) offers matches: no model can find those.

Training is deterministic (scikit-learn 1.9.1: the same bytes with 1 or 2 threads);
`--check` says whether the shipped model is what this tree trains. It is not: it was
trained on 8,069 links before session 6 changed the candidates, with 5 labels that kept
tracking parameters counted as negatives; retrained on today's rows with those labels
matched, leave-sites-out precision fell by 0.01 (bench/README.md, session 9), so it was
kept. `--set NAME=NUMBER` tries another training parameter without writing the model.

    pip install scikit-learn   # a training-time tool only; newsterm does not need it
    python tools/train_related.py [--cv] [--whole] [--misses] [--repeats 5] [--threshold 0.6]
    python tools/train_related.py --check
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.related_quality import LabelledPage, Tally, link_key, load_labels, score_page  # noqa: E402
from tui_news.reader import urls  # noqa: E402
from tui_news.reader.extract import parse_html  # noqa: E402
from tui_news.reader.link_features import Candidate, candidates  # noqa: E402
from tui_news.reader.link_model import LinkModel, _Tree  # noqa: E402
from tui_news.reader.related import find_related  # noqa: E402
from tui_news.reader.related_page import RelatedPage  # noqa: E402

TRAINING_PARTS = frozenset(["tuning", "tuning2", "tuning3"])
FOLDS = 10
MODEL_PATH = REPO / "tui_news" / "reader" / "models" / "related.json"
PARAMETERS: dict[str, float] = {
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


def tuning_pages() -> list[LabelledPage]:
    return [page for page in load_labels() if page.split in TRAINING_PARTS]


def rows() -> tuple[list[dict[str, float]], list[bool], list[str], int]:
    features: list[dict[str, float]] = []
    wanted_flags: list[bool] = []
    sites: list[str] = []
    labelled = 0
    for page in tuning_pages():
        wanted = {link_key(link.url) for link in page.related}
        labelled += len(wanted)
        for candidate in page_candidates(page.path.read_bytes(), page.url):
            features.append(candidate.features)
            wanted_flags.append(link_key(candidate.url) in wanted)
            sites.append(page.site)
    return features, wanted_flags, sites, labelled


def never_offered() -> list[str]:
    """The labelled links of the tuning pages that no measured link matches."""
    missing = []
    for page in tuning_pages():
        offered = {
            link_key(candidate.url)
            for candidate in page_candidates(page.path.read_bytes(), page.url)
        }
        missing += [
            f"{page.name}: [{link.group}] {link.title!r} {link.url}"
            for link in page.related
            if link_key(link.url) not in offered
        ]
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="leave-sites-out figures first")
    parser.add_argument("--repeats", type=int, default=5, help="dealings of sites into folds")
    parser.add_argument("--threshold", type=float, default=0.6)
    parser.add_argument("--whole", action="store_true", help="the whole detector, sites left out")
    parser.add_argument("--misses", action="store_true", help="its misses, first dealing")
    parser.add_argument(
        "--check",
        action="store_true",
        help="train, and fail unless the result is the shipped model byte for byte",
    )
    parser.add_argument("--no-write", action="store_true", help="leave the shipped model be")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=NUMBER",
        help="try another value of a training parameter (implies --no-write)",
    )
    args = parser.parse_args()
    for setting in args.set:
        name, _, value = setting.partition("=")
        if name not in PARAMETERS:
            parser.error(f"no training parameter {name!r}: {', '.join(PARAMETERS)}")
        PARAMETERS[name] = float(value) if "." in value else int(value)
        args.no_write = True

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    features, wanted, sites, labelled = rows()
    vectoriser = DictVectorizer(sparse=False)
    x = vectoriser.fit_transform(features)
    y = np.array(wanted)
    print(f"{len(y)} links, {int(y.sum())} labelled related ({labelled} in the labels)")
    names = tuple(vectoriser.get_feature_names_out())
    if args.cv:
        _cross_validate(x, y, sites, labelled, args.repeats, args.threshold)
    if args.whole or args.misses:
        _cross_validate_whole(x, y, sites, names, args)
    if args.misses:
        missing = never_offered()
        print(f"never offered as candidates: {len(missing)} of {labelled} labelled links")
        for line in missing:
            print(f"    {line}")
    fitted = HistGradientBoostingClassifier(**PARAMETERS).fit(x, y)
    model = _exported(fitted, names, args.threshold)
    check = x[:500]
    ours = [model.score(dict(zip(model.names, row, strict=True))) for row in check]
    theirs = fitted.predict_proba(check)[:, 1]
    assert np.allclose(ours, theirs, atol=1e-6), "exported trees disagree with the model"
    text = model.to_json() + "\n"
    shipped = MODEL_PATH.relative_to(REPO)
    if args.check:
        same = MODEL_PATH.read_text(encoding="utf-8") == text
        print(f"{shipped} {'is' if same else 'is NOT'} what this tree trains")
        sys.exit(0 if same else 1)
    if not args.no_write:
        MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {shipped} ({len(model.trees)} trees)")


def _cross_validate(
    x: Any, y: Any, sites: list[str], labelled: int, repeats: int, chosen: float
) -> None:
    """Leave-sites-out figures at each threshold, over `repeats` dealings of the sites;
    at the `chosen` one, each dealing's too (to pair two runs dealing for dealing)."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    thresholds = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
    site = np.array(sites)
    # The one page whose 429 labels would outweigh dozens of sites (see the docstring).
    big = site == "dailymail"
    labelled_big = int((y & big).sum())
    figures: dict[tuple[float, bool], list[tuple[float, float]]] = {}
    for seed in range(repeats):
        fold = _dealt_folds(sites, seed)
        scores = np.zeros(len(y))
        for number in range(FOLDS):
            train, test = fold != number, fold == number
            model = HistGradientBoostingClassifier(**PARAMETERS).fit(x[train], y[train])
            scores[test] = model.predict_proba(x[test])[:, 1]
        for threshold in thresholds:
            for without in (False, True):
                shown = (scores >= threshold) & ~(big & without)
                hits = int((shown & y).sum())
                wanted = labelled - (labelled_big if without else 0)
                figures.setdefault((threshold, without), []).append(
                    (hits / max(int(shown.sum()), 1), hits / wanted)
                )
    print(f"sites left out, {FOLDS} folds, {repeats} dealings: mean ± sd [lowest–highest]")
    for (threshold, without), pairs in figures.items():
        table = np.array(pairs)
        mean, spread = table.mean(axis=0), table.std(axis=0)
        low, high = table.min(axis=0), table.max(axis=0)
        print(
            f"  threshold {threshold:.2f}{' without dailymail' if without else ''}:"
            f" P={mean[0]:.3f}±{spread[0]:.3f} [{low[0]:.3f}–{high[0]:.3f}]"
            f" R={mean[1]:.3f}±{spread[1]:.3f} [{low[1]:.3f}–{high[1]:.3f}]"
        )
        if abs(threshold - chosen) < 1e-9:
            print("    by dealing: " + " ".join(f"{p:.4f}/{r:.4f}" for p, r in pairs))


def _dealt_folds(sites: list[str], seed: int) -> Any:
    """Each row's fold, the sites dealt at random into `FOLDS` (one dealing per seed)."""
    import numpy as np

    dealt = sorted(set(sites))
    random.Random(seed).shuffle(dealt)
    fold_of = {name: number % FOLDS for number, name in enumerate(dealt)}
    return np.array([fold_of[name] for name in sites])


def _cross_validate_whole(
    x: Any, y: Any, sites: list[str], names: tuple[str, ...], args: argparse.Namespace
) -> None:
    """Leave-sites-out figures for what the reader shows: `find_related` with each fold's
    model on the fold's pages, scored as the bench scores a part."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    pages = tuning_pages()
    repeats = args.repeats if args.whole else 1
    figures: dict[bool, list[tuple[float, float]]] = {}
    for seed in range(repeats):
        fold = _dealt_folds(sites, seed)
        fold_of_site = dict(zip(sites, fold, strict=True))
        tallies: list[tuple[LabelledPage, Tally]] = []
        for number in range(FOLDS):
            train = fold != number
            fitted = HistGradientBoostingClassifier(**PARAMETERS).fit(x[train], y[train])
            model = _exported(fitted, names, args.threshold)

            def detect(html: bytes, url: str, model: LinkModel = model) -> list[Any]:
                root = parse_html(html)
                base = root.xpath("//base/@href")
                return find_related(
                    root, url, base_href=str(base[0]) if base else None, model=model
                )

            tallies += [
                (page, score_page(page, detect))
                for page in pages
                if fold_of_site.get(page.site, -1) == number
            ]
        for without in (False, True):
            total = Tally()
            for page, tally in tallies:
                if not (without and page.site == "dailymail"):
                    total.add(tally)
            figures.setdefault(without, []).append((total.precision, total.recall))
        print(
            f"  dealing {seed}: P={figures[False][-1][0]:.4f} R={figures[False][-1][1]:.4f},"
            f" without dailymail P={figures[True][-1][0]:.4f} R={figures[True][-1][1]:.4f}",
            flush=True,
        )
        if args.misses and seed == 0:
            print("whole detector, sites left out, first dealing: what it gets wrong")
            for _page, tally in sorted(tallies, key=lambda pair: pair[0].name):
                for miss in tally.misses:
                    if ": title " not in miss:
                        print(f"    {miss}")
    print(f"whole detector, sites left out, {repeats} dealings, threshold {args.threshold}:")
    for without, pairs in figures.items():
        table = np.array(pairs)
        mean, spread = table.mean(axis=0), table.std(axis=0)
        print(
            f"  {'without dailymail' if without else 'all pages'}:"
            f" P={mean[0]:.3f}±{spread[0]:.3f} R={mean[1]:.3f}±{spread[1]:.3f}"
        )


def _exported(fitted: Any, names: tuple[str, ...], threshold: float) -> LinkModel:
    """A fitted model as the reader loads it."""
    import numpy as np

    return LinkModel(
        names,
        float(np.ravel(fitted._baseline_prediction)[0]),
        tuple(_tree(predictor[0].nodes) for predictor in fitted._predictors),
        threshold,
    )


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
