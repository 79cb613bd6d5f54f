"""What a sync server's API hands back, in one shape whatever the service.

Remote ids are strings: Fever's numbers (JSON numbers on some servers, strings on
others) and Google Reader's decimal item ids are both normalised to a decimal string,
and Google Reader's stream ids ("feed/1") are kept as the server spelt them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

# 1 January 10000: no later date has a calendar (Python's datetime ends there).
_LAST_DATE = 253_402_300_800


class Mark(StrEnum):
    """A change to one item's state, as queued and as sent."""

    READ = "read"
    UNREAD = "unread"
    STAR = "star"
    UNSTAR = "unstar"


@dataclass(frozen=True, slots=True)
class RemoteFeed:
    """A subscription on the server; `groups` become the feed's tags here."""

    id: str
    url: str
    title: str = ""
    site_url: str = ""
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """One story on the server. `html` is the server's copy of the feed's text."""

    id: str
    feed_id: str
    url: str = ""
    title: str = ""
    author: str = ""
    html: str = ""
    published: float | None = None
    read: bool = False
    starred: bool = False


def timestamp(value: object) -> float | None:
    """A server's date of an item (a JSON number of seconds since 1970), or None where
    it holds none: not a number, a placeholder at or before 1970, or past the year 9999
    (JSON allows any number: one too large for a float, or read as infinity)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not 0 < value < _LAST_DATE:
        return None
    return float(value)


@dataclass(frozen=True, slots=True)
class ItemPage:
    """A page of items and the cursor to store once they are stored (None: no cursor)."""

    items: list[RemoteItem]
    cursor: str | None


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who to log in as. The password never shows in a repr, a log or a traceback."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password='***')"

    __str__ = __repr__


class SyncClient(Protocol):
    """What the sync engine asks of a service. A new service is one module with this."""

    #: The service's name as the user knows it ("Fever", "Google Reader").
    name: str
    #: Whether subscriptions can be added, removed and edited through the API.
    manages_subscriptions: bool
    #: How many ids one `mark` call sends in one request, and how many such calls
    #: may be under way at once (the sync sends its queued marks so).
    mark_batch: int
    mark_parallel: int

    async def login(self, probe: Sequence[str] = ()) -> list[RemoteItem]:
        """Check the credentials (SyncAuthError when refused), and bring the items with
        the `probe` ids (those the server has), in the same request where it can."""

    async def feeds(self) -> list[RemoteFeed]:
        """Every subscription with its groups."""

    def new_items(
        self, cursor: str | None, known: Callable[[Sequence[str]], set[str]]
    ) -> AsyncIterator[ItemPage]:
        """Items not yet here, page by page: after `cursor` (a value an earlier page
        gave) or, for a service without one, those of its ids not among `known(ids)`
        (the ones here, or pruned here)."""

    async def items_by_id(self, ids: Sequence[str]) -> list[RemoteItem]:
        """The items with these ids (those the server still has)."""

    async def unread_ids(self) -> set[str]:
        """Every unread item's id."""

    async def starred_ids(self) -> set[str]:
        """Every starred (saved) item's id."""

    async def mark(self, ids: Sequence[str], mark: Mark) -> set[str]:
        """Change these items' state (doing it twice is harmless); returns the ids the
        server said it does not have."""

    async def subscribe(self, url: str, *, title: str = "", groups: Sequence[str] = ()) -> str:
        """Subscribe; returns the new feed's id. SyncUnsupportedError where impossible."""

    async def unsubscribe(self, feed_id: str) -> None:
        """Unsubscribe. SyncUnsupportedError where impossible."""

    async def edit_feed(
        self, feed_id: str, *, title: str | None = None, groups: Sequence[str] | None = None
    ) -> None:
        """Rename a feed or set its groups. SyncUnsupportedError where impossible."""

    async def aclose(self) -> None:
        """Close the connection pool."""
