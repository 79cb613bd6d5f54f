"""Views: which stories the list shows (All, Unread, Starred, a feed, a tag, a search)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui_news.core.models import Feed, FeedStatus, StoryFilter
from tui_news.ui.text import count_stories, inert


@dataclass(frozen=True, slots=True)
class View:
    """A named filter; the name is what the list's title shows."""

    name: str
    filter: StoryFilter = StoryFilter()

    @property
    def feed_id(self) -> int | None:
        return self.filter.feed_id

    @property
    def is_search(self) -> bool:
        return self.filter.search is not None


@dataclass(frozen=True, slots=True)
class Counts:
    """How many stories a view holds, and how many of them are unread."""

    total: int = 0
    unread: int = 0
    counting: bool = False  # a large view's counts come after its first lines

    def adjusted(self, delta: int) -> Counts:
        """The counts after `delta` stories turned unread (or read, if negative)."""
        if self.counting:
            return self
        return Counts(self.total, max(0, min(self.total, self.unread + delta)))

    @property
    def title(self) -> str:
        return "counting…" if self.counting else f"{self.unread:,} unread · {self.total:,}"


ALL = View("All")
UNREAD = View("Unread", StoryFilter(unread=True))
STARRED = View("Starred", StoryFilter(starred=True))


def feed_view(feed: Feed) -> View:
    return View(inert(feed.display_title), StoryFilter(feed_id=feed.id))


def tag_view(tag: str) -> View:
    return View(f"#{inert(tag)}", StoryFilter(tag=tag))


def search_view(text: str) -> View:
    return View(f"Search “{inert(text)}”", StoryFilter(search=text))


@dataclass(frozen=True, slots=True)
class Choice:
    """One line of the view chooser."""

    view: View
    section: str
    count: str
    error: str = ""


def view_choices(
    feeds: Sequence[Feed], tags: Sequence[tuple[str, int]], counts: dict[str, tuple[int, int]]
) -> list[Choice]:
    """Every view a user can pick, with unread counts and each failing feed's error.

    Starred says how many stories it holds: starring is for keeping, so most starred
    stories are read and an unread count would say 0.
    """
    choices = [
        Choice(ALL, "Views", _unread(counts.get("all", (0, 0))[1])),
        Choice(UNREAD, "Views", _unread(counts.get("unread", (0, 0))[1])),
        Choice(STARRED, "Views", count_stories(counts.get("starred", (0, 0))[0])),
    ]
    choices += [Choice(tag_view(tag), "Tags", _unread(unread)) for tag, unread in tags]
    for feed in feeds:
        error = ""
        if feed.last_status in (FeedStatus.ERROR, FeedStatus.DEAD):
            error = inert(feed.last_error) or "the last check failed"
        choices.append(Choice(feed_view(feed), "Feeds", _unread(feed.unread_count), error))
    return choices


def _unread(count: int) -> str:
    return f"{count:,} unread"
