"""Undo for the commands that change flags: `m`, `s`, `A` and `M`, several levels deep.

Each change remembers the stories it touched and what their flag was before, so undoing
puts exactly those back, whatever has happened to other stories since.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = 50


@dataclass(frozen=True, slots=True)
class Change:
    """One command's change: `flag` ("read" or "starred") of `before`'s stories was
    `before[id]` until the command ran."""

    what: str  # as the notice says it: "marked 12 stories read"
    flag: str
    before: dict[int, bool] = field(default_factory=dict)


class UndoStack:
    """The last changes, newest on top; the oldest fall off past `LEVELS`."""

    def __init__(self, levels: int = LEVELS) -> None:
        self._changes: list[Change] = []
        self._levels = levels

    def push(self, change: Change) -> None:
        if change.before:
            self._changes.append(change)
            del self._changes[: -self._levels]

    def pop(self) -> Change | None:
        return self._changes.pop() if self._changes else None

    def __len__(self) -> int:
        return len(self._changes)
