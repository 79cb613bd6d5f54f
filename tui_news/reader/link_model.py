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


_MAX_DEPTH = 40  # Python compiles at most 100 nested blocks; the shipped trees reach 14


class ModelError(ValueError):
    """The model file is missing a part or holds something that is not a model."""


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


def _number(value: object, what: str) -> float:
    """A finite float: a string, a list, true/false or NaN is no number of a model."""
    if not isinstance(value, bool) and isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer of 400 digits
            number = math.inf
        if math.isfinite(number):
            return number
    raise ModelError(f"{what} is not a number: {str(value)[:40]!r}")


def _index(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < high:
        raise ModelError(f"{what} is not an index from {low} to {high - 1}: {str(value)[:40]!r}")
    return value


def _checked_tree(parts: object, features: int, number: int) -> _Tree:
    """One tree as five equally long lists; each node's children come after it, so a walk
    ends (no loop back), and no deeper than Python can compile."""
    what = f"tree {number}"
    if not isinstance(parts, list) or len(parts) != 5:
        raise ModelError(f"{what} is not five lists")
    if not all(isinstance(part, list) for part in parts) or not parts[0]:
        raise ModelError(f"{what} is not five lists")
    size = len(parts[0])
    if any(len(part) != size for part in parts):
        raise ModelError(f"{what}: its lists differ in length")
    feature = [_index(f, -1, features, f"{what}'s feature") for f in parts[0]]
    threshold = [_number(t, f"{what}'s threshold") for t in parts[1]]
    value = [_number(v, f"{what}'s value") for v in parts[4]]
    left: list[int] = []
    right: list[int] = []
    depth = [0] * size
    for node in range(size):
        low = node + 1 if feature[node] >= 0 else -1
        for side, children in ((parts[2][node], left), (parts[3][node], right)):
            child = _index(side, low, size, f"{what}'s child")
            if low > 0:
                depth[child] = depth[node] + 1
            children.append(child)
        if depth[node] > _MAX_DEPTH:
            raise ModelError(f"{what} is deeper than {_MAX_DEPTH}")
    return _Tree(feature, threshold, left, right, value)


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
        # Only the features some tree splits on are read: a third of the names are none's.
        used = {index for tree in self.trees for index in tree.feature if index >= 0}
        lines = ["def raw(features):", "    get = features.get"]
        lines += [
            f"    x{index} = get({name!r}, 0.0)"
            for index, name in enumerate(self.names)
            if index in used
        ]
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
        """The model in `text`, every value checked: the file becomes code (`_raw`), so
        names must be strings and everything else plain numbers, whatever the file says.
        Raises ModelError when it is not a model."""
        try:
            data = json.loads(text)
        except ValueError as error:
            raise ModelError(f"not JSON: {error}") from None
        if not isinstance(data, dict):
            raise ModelError("not a model: the file holds no object")
        names = data.get("names")
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ModelError("the feature names are not a list of strings")
        trees = data.get("trees")
        if not isinstance(trees, list) or not trees:
            raise ModelError("the model has no trees")
        checked = tuple(
            _checked_tree(parts, len(names), number) for number, parts in enumerate(trees)
        )
        baseline = _number(data.get("baseline"), "baseline")
        return cls(tuple(names), baseline, checked, _number(data.get("threshold"), "threshold"))


@cache
def related_model() -> LinkModel:
    """The model shipped with the package."""
    text = resources.files("tui_news.reader.models").joinpath(_MODEL).read_text("utf-8")
    return LinkModel.from_json(text)
