"""The reader's records: an extracted article, its related links and its in-text links.

They are frozen and built from plain values only, so they pickle across the
extraction process pool and serialise to the JSON kept in the article cache.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Source = Literal["extracted", "feed"]

# Silent reading speed for non-fiction in English is ~230-260 words a minute; the
# lower figure keeps "3 min read" honest for people reading on a terminal.
WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside the article text."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A headline from one of the page's own "more stories" blocks."""

    group: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Article:
    """What the reading pane and `newsterm read` show for one page."""

    input: str
    url: str
    canonical_url: str = ""
    title: str = ""
    author: str = ""
    date: str | None = None
    sitename: str = ""
    language: str = ""
    text: str = ""
    word_count: int = 0
    source: Source = "extracted"
    reason: str = ""
    related: tuple[RelatedLink, ...] = ()
    links: tuple[Link, ...] = ()
    fetched: float = 0.0
    etag: str | None = field(default=None, compare=False)
    last_modified: str | None = field(default=None, compare=False)
    # Why this copy was not kept in the cache (a full disk), "" when it was: the page is
    # still shown, and the reader is told it will not be there offline.
    unsaved: str = field(default="", compare=False)

    @property
    def reading_minutes(self) -> int:
        """Whole minutes, at least one for any text at all."""
        if self.word_count <= 0:
            return 0
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def with_fetch(
        self,
        *,
        input: str,
        fetched: float,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Article:
        """The same article stamped with how and when its page was fetched."""
        return replace(self, input=input, fetched=fetched, etag=etag, last_modified=last_modified)

    def to_json(self) -> dict[str, Any]:
        """The `newsterm read --json` shape (one object per input)."""
        return {
            "input": self.input,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "sitename": self.sitename,
            "language": self.language,
            "word_count": self.word_count,
            "reading_minutes": self.reading_minutes,
            "source": self.source,
            "reason": self.reason,
            "text": self.text,
            "related": [{"group": r.group, "title": r.title, "url": r.url} for r in self.related],
            "links": [{"title": link.title, "url": link.url} for link in self.links],
        }

    def to_record(self) -> dict[str, Any]:
        """Everything, for the cache."""
        return asdict(self)

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Article:
        """Rebuild from `to_record()` output, ignoring keys a newer version may add."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["related"] = tuple(RelatedLink(**item) for item in data.get("related", ()))
        known["links"] = tuple(Link(**item) for item in data.get("links", ()))
        return cls(**known)


def count_words(text: str) -> int:
    """Words in Markdown text; CJK text (no spaces) counts two characters a word."""
    if not _WIDE_RE.search(text):
        return len(text.split())
    words = 0
    for token in text.split():
        wide = sum(1 for char in token if _is_wide(char))
        words += 1 if wide < 4 else math.ceil(wide / 2)
    return words


_WIDE_RE = re.compile("[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _is_wide(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
