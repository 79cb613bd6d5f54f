"""The related-links model file is turned into code when first used: whatever the file
holds, only its numbers and quoted names may reach that code, and its scores are the
trees' own."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from tui_news.reader.link_model import LinkModel, ModelError, related_model

_SHIPPED = json.loads(related_model().to_json())


def _model(**changes: object) -> str:
    data = {
        "names": ["words", "links"],
        "baseline": 0.5,
        "threshold": 0.6,
        "trees": [
            [
                [0, -1, 1, -1, -1],
                [3.5, -2.0, 1.0, -2.0, -2.0],
                [1, -1, 3, -1, -1],
                [2, -1, 4, -1, -1],
                [0.0, -1.0, 0.0, 0.25, 2.0],
            ]
        ],
    }
    data.update(changes)
    return json.dumps(data)


def _walk(data: dict, features: dict[str, float]) -> float:
    """The score read straight off the JSON, one node at a time."""
    total = data["baseline"]
    for feature, threshold, left, right, value in data["trees"]:
        node = 0
        while feature[node] >= 0:
            x = features.get(data["names"][feature[node]], 0.0)
            node = left[node] if x <= threshold[node] else right[node]
        total += value[node]
    return 1.0 / (1.0 + math.exp(-total))


def test_shipped_model_scores_as_a_plain_walk_of_its_trees() -> None:
    model = related_model()
    # the numbers the trees test, so that both sides of every split are taken
    cuts: dict[str, list[float]] = {name: [0.0] for name in _SHIPPED["names"]}
    for feature, threshold, *_ in _SHIPPED["trees"]:
        for index, cut in zip(feature, threshold, strict=True):
            if index >= 0:
                cuts[_SHIPPED["names"][index]] += [cut, math.nextafter(cut, math.inf)]
    rng = random.Random(10)
    for _ in range(2000):
        features = {name: rng.choice(values) for name, values in cuts.items() if rng.random() < 0.6}
        assert model.score(features) == pytest.approx(_walk(_SHIPPED, features), abs=1e-12)


def test_a_feature_name_that_reads_as_code_stays_a_name(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    name = f"x') or open({str(marker)!r}, 'w') or ('"
    model = LinkModel.from_json(_model(names=[name, 'say "hi"\n']))
    assert model.score({}) == pytest.approx(1 / (1 + math.exp(-0.5 + 1.0)))
    assert model.score({name: 10.0}) == pytest.approx(1 / (1 + math.exp(-0.5 - 0.25)))
    assert model.score({name: 10.0, 'say "hi"\n': 5.0}) == pytest.approx(
        1 / (1 + math.exp(-0.5 - 2.0))
    )
    assert not marker.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"threshold": "__import__('os').system('touch /tmp/pwned')"},
        {"baseline": "1; import os"},
        {"threshold": float("nan")},
        {"baseline": True},
        {"threshold": 10**400},
        {"names": ["words", 7]},
        {"names": "words"},
        {"trees": []},
        {"trees": [[[0, -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, "2"]]]},
        {"trees": [[["0", -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, 2]]]},
        {"trees": [[["x0 or 1", -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, 2]]]},
        {"trees": [[[0.0, -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, 2]]]},
        {"trees": [[[2, -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, 2]]]},
        {"trees": [[[0, -1, -1], ["1/0", 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, 2]]]},
        {"trees": [[[0, -1, -1], [0.5, 0, 0], [0, -1, -1], [2, -1, -1], [0, 1, 2]]]},  # a loop
        {"trees": [[[0, -1, -1], [0.5, 0, 0], [1, -1, -1], [3, -1, -1], [0, 1, 2]]]},
        {"trees": [[[0, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1, 2]]]},
        {"trees": [[[0, -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1]]]},
        {"trees": [{"feature": [0]}]},
    ],
)
def test_a_model_file_holding_anything_but_numbers_and_names_is_refused(
    changes: dict[str, object],
) -> None:
    with pytest.raises(ModelError):
        LinkModel.from_json(_model(**changes))


def test_a_tree_too_deep_to_compile_is_refused() -> None:
    depth = 120  # a chain: each node's left child is a leaf, its right the next test
    feature, threshold, left, right, value = [], [], [], [], []
    for level in range(depth):
        feature += [0, -1]
        threshold += [float(level), -2.0]
        left += [2 * level + 1, -1]
        right += [2 * level + 2, -1]
        value += [0.0, 1.0]
    feature.append(-1)
    threshold.append(-2.0)
    left.append(-1)
    right.append(-1)
    value.append(1.0)
    with pytest.raises(ModelError, match="deeper"):
        LinkModel.from_json(_model(trees=[[feature, threshold, left, right, value]]))


@pytest.mark.parametrize("text", ["", _model()[:-40], "[1, 2]", "null", '{"names": []}'])
def test_a_truncated_or_empty_model_file_is_refused(text: str) -> None:
    with pytest.raises(ModelError):
        LinkModel.from_json(text)


def test_the_shipped_model_survives_its_own_round_trip() -> None:
    again = LinkModel.from_json(related_model().to_json())
    features = {name: 1.0 for name in _SHIPPED["names"][::3]}
    assert again.score(features) == related_model().score(features)
    assert again.threshold == 0.6
