"""Views: which stories the list shows (All, Unread, Starred, a saved search, a feed, a tag,
a search)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tui_news.core.filters import (
    And,
    Flag,
    FlagName,
    Node,
    Search,
    Text,
    TextField,
    TextOp,
    render,
)
from tui_news.core.filters.rules import SavedView
from tui_news.core.models import Feed, FeedStatus, Hidden, StoryFilter
from tui_news.core.urls import any_credentials_pattern
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

    @property
    def shows_hidden(self) -> bool:
        """The stories kill rules hide are listed too (marked ✗)."""
        return self.filter.hidden is Hidden.SHOW

    def with_hidden(self, shown: bool) -> View:
        return View(self.name, replace(self.filter, hidden=Hidden.SHOW if shown else Hidden.HIDE))

    @property
    def title(self) -> str:
        return self.name + (" · with hidden ✗" if self.shows_hidden else "")


@dataclass(frozen=True, slots=True)
class Counts:
    """How many stories a view holds, and how many of them are unread."""

    total: int = 0
    unread: int = 0
    counting: bool = False  # a large view's counts come after its first lines
    hidden: int = 0  # what the kill rules hide from the view: said, never silent

    def adjusted(self, delta: int) -> Counts:
        """The counts after `delta` stories turned unread (or read, if negative)."""
        if self.counting:
            return self
        unread = max(0, min(self.total, self.unread + delta))
        return Counts(self.total, unread, hidden=self.hidden)

    @property
    def title(self) -> str:
        if self.counting:
            return "counting…"
        hidden = f" · {self.hidden:,} hidden" if self.hidden else ""
        return f"{self.unread:,} unread · {self.total:,}{hidden}"


ALL = View("All")
UNREAD = View("Unread", StoryFilter(unread=True))
STARRED = View("Starred", StoryFilter(starred=True))


def feed_view(feed: Feed) -> View:
    return View(inert(feed.display_title), StoryFilter(feed_id=feed.id))


def tag_view(tag: str) -> View:
    return View(f"#{inert(tag)}", StoryFilter(tag=tag))


def search_view(text: str) -> View:
    return View(f"Search “{inert(text)}”", StoryFilter(search=text))


def saved_view(saved: SavedView) -> View:
    return View(inert(saved.name), StoryFilter(expression=saved.node))


def view_expression(view: View, feed: Feed | None = None) -> str:
    """The filter expression that shows what `view` shows (`feed`: the view's feed),
    offered when the user saves a view: the search box's words, a tag, a feed…"""
    chosen = view.filter
    parts: list[Node] = [] if chosen.expression is None else [chosen.expression]
    if feed is not None:
        # A password is never shown, nor written to the config as part of a view.
        pattern = any_credentials_pattern(feed.url)
        if pattern is None:
            parts.append(Text(TextField.FEED, TextOp.EQUALS, feed.url))
        else:
            parts.append(Text(TextField.FEED, TextOp.MATCHES, pattern))
    if chosen.tag is not None:
        parts.append(Text(TextField.TAG, TextOp.EQUALS, chosen.tag))
    if chosen.unread:
        parts.append(Flag(FlagName.READ, False))
    if chosen.starred:
        parts.append(Flag(FlagName.STARRED))
    if chosen.search:
        parts.append(Search(chosen.search))
    if not parts:
        return ""
    return render(parts[0] if len(parts) == 1 else And(tuple(parts)))


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


def with_saved(choices: list[Choice], saved: Sequence[tuple[SavedView, int]]) -> list[Choice]:
    """`choices` with the saved searches (and their unread counts) after the views."""
    at = sum(1 for choice in choices if choice.section == "Views")
    searches = [
        Choice(saved_view(view), "Saved searches", _unread(unread)) for view, unread in saved
    ]
    return choices[:at] + searches + choices[at:]


def _unread(count: int) -> str:
    return f"{count:,} unread"
