"""Plain data records passed between the core, the reader, the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from tui_news.core.urls import redact_url

if TYPE_CHECKING:
    from tui_news.core.filters.nodes import Node


class FeedStatus(StrEnum):
    """The outcome of a feed's most recent check."""

    NEW = "new"
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    ERROR = "error"
    DEAD = "dead"


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription as stored in the cache. `title` is the one shown: the user's own
    (`user_title`, set with `newsterm edit --title`) if any, else the feed's."""

    id: int
    url: str
    title: str = ""
    site_url: str = ""
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: float | None = None
    last_ok: float | None = None
    last_status: FeedStatus = FeedStatus.NEW
    last_error: str | None = None
    error_count: int = 0
    next_due: float | None = None
    ttl_seconds: int | None = None
    min_interval: int | None = None
    full_text: bool | None = None
    added: float = 0.0
    unread_count: int = 0
    story_count: int = 0
    user_title: str | None = None

    @property
    def display_title(self) -> str:
        # A URL's password must not reach the screen (`newsterm feeds`, the TUI).
        return self.title or redact_url(self.url)


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry of a parsed feed, already normalised and sanitised."""

    key: str
    url: str = ""
    title: str = ""
    author: str = ""
    published: float | None = None
    updated: float | None = None
    summary: str = ""
    content: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed document: its metadata and entries."""

    title: str = ""
    site_url: str = ""
    ttl_seconds: int | None = None
    entries: tuple[ParsedEntry, ...] = ()
    format: str = ""
    warning: str | None = None


# Clocks disagree by minutes, time zones by hours: a date further ahead than this of
# when the story was first seen is a feed's mistake (a typo'd year, a placeholder).
FUTURE_SLACK = 86_400.0


def placed_at(published: float | None, first_seen: float) -> float:
    """The time a story is listed by: its date, unless that date cannot be right.

    A far-future date would pin the story above every new one for ever; the Unix epoch
    and earlier are placeholders (Go's zero time, 0001-01-01, is what Hugo sites emit
    for an undated page) that would bury it. Either way, when it was first seen wins.
    """
    if published is None or published <= 0 or published > first_seen + FUTURE_SLACK:
        return first_seen
    return published


@dataclass(frozen=True, slots=True)
class Story:
    """A story in the cache, as the CLI and the UI see it."""

    id: int
    feed_id: int
    feed_title: str
    key: str
    url: str
    title: str
    author: str
    published: float | None
    updated: float | None
    summary: str
    content: str
    read: bool
    starred: bool
    first_seen: float

    @property
    def sort_time(self) -> float:
        return placed_at(self.published, self.first_seen)


class Hidden(StrEnum):
    """What a view does with the stories a kill rule (`[[ignore]]`) matches."""

    HIDE = "hide"
    SHOW = "show"  # with the rest, so a bad rule can be seen at work
    ONLY = "only"  # nothing else: what the rules took away


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories a view shows. Empty means every story the kill rules leave."""

    feed_id: int | None = None
    tag: str | None = None
    unread: bool = False
    starred: bool = False
    search: str | None = None
    expression: Node | None = None  # a saved search (the filter language)
    hidden: Hidden = Hidden.HIDE


@dataclass(frozen=True, slots=True)
class StoryRow:
    """The few columns the story list needs to draw one line cheaply."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    url: str
    sort_time: float
    read: bool
    starred: bool
    cached: bool = False  # the page's article text is in the article cache
    hidden: bool = False  # a kill rule matches it (listed only when hidden ones are shown)


@dataclass(slots=True)
class IngestResult:
    """What one feed's ingest changed."""

    new: int = 0
    updated: int = 0
    new_story_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportedStory:
    """A story another reader kept, with what the user did to it there."""

    entry: ParsedEntry
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class StoryImportResult:
    """What importing another reader's feeds and stories changed."""

    feeds_added: int
    feeds_tagged: int  # already subscribed, given the tags they lacked
    stories_added: int
    stories_already: int  # already stored (an earlier import, or a refresh): left as they are
    read: int  # of the stories added
    starred: int  # of the stories added
