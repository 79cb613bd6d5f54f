"""What an imported subscription list holds: the records shared by the OPML and urls parsers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui_news.core.errors import NewstermError
from tui_news.core.text import squash
from tui_news.core.urls import feed_url_key

if TYPE_CHECKING:
    from tui_news.core.storage import Store


class SubscriptionFileError(NewstermError, ValueError):
    """The file cannot be read as a subscription list; the message says why."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed as a subscription list names it."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    site_url: str = ""
    full_text: bool | None = None  # newsterm's per-feed setting; None: the list says nothing


@dataclass(frozen=True, slots=True)
class QueryFeed:
    """A newsboat `query:` line: a saved search, in newsboat's filter language."""

    line: int
    name: str
    expression: str
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class SubscriptionList:
    """What a file lists, and what could not be taken from it.

    `skipped` names entries the file lists that newsterm cannot subscribe to, one reason
    each; `lost` counts entries that damage to the file made unreadable, and `problems`
    says what that damage was. `notes` are things worth saying that lost nothing.
    """

    format: str
    feeds: list[Subscription] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    lost: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    queries: list[QueryFeed] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def add(
        self,
        url: str,
        title: str,
        tags: Iterable[str],
        *,
        site_url: str = "",
        full_text: bool | None = None,
    ) -> None:
        """Add a feed; a URL listed again only fills in what its first listing lacked."""
        unique = unique_tags(tags)
        key = feed_url_key(url)
        position = self._index.get(key)
        if position is None:
            self._index[key] = len(self.feeds)
            self.feeds.append(Subscription(url, title, unique, site_url, full_text))
            return
        self.duplicates += 1
        first = self.feeds[position]
        merged = unique_tags((*first.tags, *unique))
        self.feeds[position] = Subscription(
            first.url,
            first.title or title,
            merged,
            first.site_url or site_url,
            full_text if first.full_text is None else first.full_text,
        )


def unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags in first-seen order, blanks and repeats dropped."""
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, for quoting file content in a message."""
    text = squash(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What importing a list changed, and what it could not take."""

    added: int
    already: int
    tagged: int  # of those already subscribed, how many gained tags from the file
    duplicates: int
    skipped: tuple[str, ...]
    lost: int
    problems: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when every entry of the file is now subscribed."""
        return not (self.skipped or self.lost or self.problems)

    def summary(self) -> str:
        """'imported 42 feeds (3 already subscribed, 1 of them given new tags, 1 skipped)'."""
        details = []
        if self.already:
            details.append(f"{self.already} already subscribed")
        if self.tagged:
            details.append(f"{self.tagged} of them given new tags")
        if self.duplicates:
            details.append(f"{self.duplicates} listed twice")
        if self.skipped:
            details.append(f"{len(self.skipped)} skipped")
        if self.lost:
            details.append(f"{self.lost} unreadable in the damaged file")
        noun = "feed" if self.added == 1 else "feeds"
        return f"imported {self.added} {noun}" + (f" ({', '.join(details)})" if details else "")


def import_subscriptions(store: Store, listed: SubscriptionList) -> ImportReport:
    """Subscribe to every feed of `listed` in one transaction.

    A feed already subscribed (under any spelling or password of its address) keeps its
    address, title, tags and full-text setting and gains the file's tags it lacks:
    importing a list restores its folders without undoing what the user has done since.
    A new feed gets the file's full-text setting, if it gives one.
    """
    added, tagged = store.merge_feeds(
        ((feed.url, feed.title, feed.tags, feed.site_url) for feed in listed.feeds),
        full_text={f.url: f.full_text for f in listed.feeds if f.full_text is not None},
    )
    queries = [
        f"line {query.line}: query:{shorten(query.name)}: newsboat query feeds are saved "
        "searches, not feeds (`newsterm import --newsboat` makes them saved views)"
        for query in listed.queries
    ]
    return ImportReport(
        added=len(added),
        already=len(listed.feeds) - len(added),
        tagged=len(tagged),
        duplicates=listed.duplicates,
        skipped=(*queries, *listed.skipped),
        lost=listed.lost,
        problems=tuple(listed.problems),
        notes=tuple(listed.notes),
    )
