"""What the reading pane has shown, for back and forward (like a browser).

Each entry keeps where the reader was when they left it (the block of text at the top
of the pane, and how far into it), so going back returns to the very line they were on,
even when the pane has changed width since and the text wraps differently.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A place in an article: its `block`-th block of text (-1: none, `offset` is then
    from the top of the pane) and `offset` lines into it."""

    block: int = -1
    offset: float = 0.0


TOP = Place()


@dataclass(frozen=True, slots=True)
class Location:
    """One thing the reading pane can show: a cached story, or any web page."""

    url: str
    title: str = ""
    story_id: int | None = None

    @classmethod
    def story(cls, story_id: int, url: str, title: str) -> Location:
        return cls(url=url, title=title, story_id=story_id)

    @classmethod
    def page(cls, url: str, title: str = "") -> Location:
        return cls(url=url, title=title)


class History:
    """A list of locations and a position in it; visiting drops the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self._entries: list[Location] = []
        self._places: list[Place] = []  # one per entry: where the reader left it
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._entries[self._index] if self._index >= 0 else None

    def place(self) -> Place:
        """Where the current entry was left (the top, if it never was)."""
        return self._places[self._index] if self._index >= 0 else TOP

    def leave(self, place: Place) -> None:
        """The reader moves away from the current entry, at `place`."""
        if self._index >= 0:
            self._places[self._index] = place

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def visit(self, location: Location) -> None:
        if location == self.current:
            return
        del self._entries[self._index + 1 :]
        del self._places[self._index + 1 :]
        self._entries.append(location)
        self._places.append(TOP)
        if len(self._entries) > self._limit:
            del self._entries[0]
            del self._places[0]
        self._index = len(self._entries) - 1

    def back(self) -> Location | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Location | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def story_ids(self) -> set[int]:
        """The stories anywhere in the history."""
        return {entry.story_id for entry in self._entries if entry.story_id is not None}

    def forget_story(self, story_ids: set[int]) -> None:
        """Drop stories that no longer exist (their feed was deleted)."""
        current = self.current
        current_gone = current is not None and current.story_id in story_ids
        kept: list[Location] = []
        places: list[Place] = []
        index = -1
        for position, entry in enumerate(self._entries):
            if entry.story_id in story_ids:
                continue
            if not kept or kept[-1] != entry:  # [A, B, A] less B is one A, not two
                kept.append(entry)
                places.append(self._places[position])
            if position <= self._index:
                index = len(kept) - 1  # by position: the same story may be there twice
        self._entries = kept
        self._places = places
        self._index = len(kept) - 1 if current_gone else index
