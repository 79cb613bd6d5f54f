"""The plain helpers behind the reading flow: the feed list's order, undo, history."""

from __future__ import annotations

from tui_news.core.models import Feed, FeedStatus
from tui_news.ui.feed_tree import UNTAGGED, Counts, Kind, feed_tree, next_with_unread
from tui_news.ui.history import TOP, History, Location, Place
from tui_news.ui.screens.unread import wrapped_unread_index
from tui_news.ui.undo import Change, UndoStack
from tui_news.ui.views import ALL, feed_view, tag_view


def counts() -> Counts:
    feeds = [
        Feed(1, "https://a.test/", "Alpha", tags=("news",), unread_count=2),
        Feed(2, "https://b.test/", "Beta", tags=("news", "tech"), unread_count=0),
        Feed(3, "https://c.test/", "Gamma", unread_count=5, last_status=FeedStatus.ERROR),
    ]
    return Counts(feeds, [("news", 2), ("tech", 0)], unread=7, starred=1)


def test_the_tree_lists_views_then_feeds_by_tag_then_untagged_feeds() -> None:
    sections = feed_tree(counts())
    assert [name for name, _ in sections] == ["", "news", "tech", UNTAGGED]
    news = [(e.kind, e.label, e.unread) for e in sections[1][1]]
    assert news == [(Kind.TAG, "#news", 2), (Kind.FEED, "Alpha", 2), (Kind.FEED, "Beta", 0)]
    (gamma,) = sections[3][1]
    assert gamma.error == "the last check failed"


def test_next_with_unread_skips_empty_ones_and_goes_round() -> None:
    c = counts()
    alpha, _beta, gamma = (feed_view(feed) for feed in c.feeds)
    assert next_with_unread(c, alpha, 1) == gamma  # Beta has nothing unread
    assert next_with_unread(c, gamma, 1) == alpha  # round
    assert next_with_unread(c, alpha, -1) == gamma
    assert next_with_unread(c, tag_view("tech"), 1) == tag_view("news")
    assert next_with_unread(c, tag_view("news"), 1) is None  # the only tag with unread
    assert next_with_unread(c, ALL, 1) is None


def test_wrapped_unread_index_goes_round_from_the_other_end() -> None:
    ids = [10, 11, 12, 13]
    assert wrapped_unread_index(ids, {11, 13}, 1, 1) == 3
    assert wrapped_unread_index(ids, {11}, 2, 1) == 1
    assert wrapped_unread_index(ids, {12}, 1, -1) == 2
    assert wrapped_unread_index(ids, set(), 1, 1) is None


def test_undo_pops_the_newest_change_and_keeps_at_most_its_levels() -> None:
    stack = UndoStack(levels=2)
    stack.push(Change("empty", "read", {}))  # nothing changed: nothing to undo
    for n in range(3):
        stack.push(Change(f"change {n}", "read", {n: False}))
    assert len(stack) == 2
    assert [stack.pop(), stack.pop(), stack.pop()] == [
        Change("change 2", "read", {2: False}),
        Change("change 1", "read", {1: False}),
        None,
    ]


def test_history_keeps_where_each_page_was_left() -> None:
    history = History()
    a, b, c = (Location.page(f"https://x.test/{n}") for n in "abc")
    history.visit(a)
    history.leave(Place(4, 2.0))
    history.visit(b)
    assert history.place() == TOP
    history.leave(Place(1, 0.0))
    assert history.back() == a and history.place() == Place(4, 2.0)
    history.leave(Place(5, 1.0))
    assert history.forward() == b and history.place() == Place(1, 0.0)
    history.back()
    history.visit(c)  # the forward part (b) goes, a keeps its place
    assert history.back() == a and history.place() == Place(5, 1.0)
    history.forget_story(set())
    assert history.place() == Place(5, 1.0)
