"""What the reading pane has shown, for back and forward (like a browser).

Each entry keeps how far down the reader had scrolled when they left it, so going back
returns to the very line they were on.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        self._scrolls: list[float] = []  # one per entry: where the reader left it
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def scroll(self) -> float:
        """How far down the current entry was read when it was left (0: from the top)."""
        return self._scrolls[self._index] if self._index >= 0 else 0.0

    def leave(self, scroll: float) -> None:
        """The reader moves away from the current entry, scrolled down to `scroll`."""
        if self._index >= 0:
            self._scrolls[self._index] = scroll

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
        del self._scrolls[self._index + 1 :]
        self._entries.append(location)
        self._scrolls.append(0.0)
        if len(self._entries) > self._limit:
            del self._entries[0]
            del self._scrolls[0]
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

    def forget_story(self, story_ids: set[int]) -> None:
        """Drop stories that no longer exist (their feed was deleted)."""
        current = self.current
        current_gone = current is not None and current.story_id in story_ids
        kept: list[Location] = []
        scrolls: list[float] = []
        index = -1
        for position, entry in enumerate(self._entries):
            if entry.story_id in story_ids:
                continue
            if not kept or kept[-1] != entry:  # [A, B, A] less B is one A, not two
                kept.append(entry)
                scrolls.append(self._scrolls[position])
            if position <= self._index:
                index = len(kept) - 1  # by position: the same story may be there twice
        self._entries = kept
        self._scrolls = scrolls
        self._index = len(kept) - 1 if current_gone else index
