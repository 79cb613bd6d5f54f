"""The related-links model: boosted decision trees over `link_features` rows.

Trained by `tools/train_related.py` on the tuning parts of the hand-labelled set and
stored as plain numbers in `models/related.json`, so reading a page needs no machine
learning library: a link's score is the sum of one leaf per tree, squashed to 0–1.

A page has a hundred links or more and the model sixty trees, so the trees are turned
into one Python function of nested `if`s when the model is loaded (the source is made
from the file's numbers alone): walking them as lists cost four times as much.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Protocol

_MODEL = "related.json"


@dataclass(frozen=True, slots=True)
class _Tree:
    feature: list[int]  # -1 at a leaf
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]


class Scorer(Protocol):
    """What `find_related` asks of a model."""

    @property
    def threshold(self) -> float: ...

    def score(self, features: dict[str, float]) -> float: ...


def _emit(tree: _Tree, node: int, depth: int, lines: list[str]) -> None:
    indent = "    " * depth
    feature = tree.feature[node]
    if feature < 0:
        lines.append(f"{indent}total += {tree.value[node]!r}")
        return
    lines.append(f"{indent}if x{feature} <= {tree.threshold[node]!r}:")
    _emit(tree, tree.left[node], depth + 1, lines)
    lines.append(f"{indent}else:")
    _emit(tree, tree.right[node], depth + 1, lines)


@dataclass(frozen=True)
class LinkModel:
    names: tuple[str, ...]
    baseline: float
    trees: tuple[_Tree, ...]
    threshold: float  # the score from which a link is shown

    def score(self, features: dict[str, float]) -> float:
        """How sure the model is that this link lists another story (0–1)."""
        return 1.0 / (1.0 + math.exp(-self._raw(features)))

    @cached_property
    def _raw(self) -> Callable[[dict[str, float]], float]:
        lines = ["def raw(features):", "    get = features.get"]
        lines += [f"    x{index} = get({name!r}, 0.0)" for index, name in enumerate(self.names)]
        lines.append(f"    total = {self.baseline!r}")
        for tree in self.trees:
            _emit(tree, 0, 1, lines)
        lines.append("    return total")
        scope: dict[str, Callable[[dict[str, float]], float]] = {}
        exec(compile("\n".join(lines), "<related model>", "exec"), scope)
        return scope["raw"]

    def to_json(self) -> str:
        return json.dumps(
            {
                "names": list(self.names),
                "baseline": self.baseline,
                "threshold": self.threshold,
                "trees": [
                    [tree.feature, tree.threshold, tree.left, tree.right, tree.value]
                    for tree in self.trees
                ],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        data = json.loads(text)
        trees = tuple(_Tree(*parts) for parts in data["trees"])
        return cls(tuple(data["names"]), data["baseline"], trees, data["threshold"])


@cache
def related_model() -> LinkModel:
    """The model shipped with the package."""
    text = resources.files("tui_news.reader.models").joinpath(_MODEL).read_text("utf-8")
    return LinkModel.from_json(text)
