"""Saved searches and kill rules against a real cache: each operator finds the stories
it says, and a kill rule hides its stories from every list, count and search, while
"show hidden" still finds them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.filters import parse_filter
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.models import Hidden, ParsedEntry, StoryFilter
from tui_news.core.storage import Store

DAY = 86_400.0
WORLD = "https://world.test/rss"
SPORT = "https://sport.test/feed"


def _entry(key: str, title: str, age: float, **fields: str) -> ParsedEntry:
    return ParsedEntry(
        key=key, url=f"https://site.test/{key}", title=title, published=time.time() - age, **fields
    )


STORIES = {
    "a1": _entry("a1", "Ukraine talks resume", DAY, author="Jo Smith", content="Ceasefire in Kyiv"),
    "a2": _entry("a2", "Économie: ÉTÉ record", 10 * DAY, author="Ann", content="<p>heat</p>"),
    "b1": _entry("b1", "Football final", 2 * 3600, author="Max", content="a late goal"),
    "b2": _entry("b2", "Tennis", 40 * DAY, summary="Ukraine player wins"),
}


def _fill(store: Store) -> dict[str, int]:
    world = store.add_feed(WORLD, title="World Desk", tags=["world", "news"])
    sport = store.add_feed(SPORT, title="Sports Page", tags=["sport"])
    for feed, keys in ((world, ("a1", "a2")), (sport, ("b1", "b2"))):
        record_fetch(store, feed.id, *(STORIES[key] for key in keys), at=time.time())
    ids = {story.key: story.id for story in store.stories()}
    store.set_read([ids["a2"], ids["b1"]])
    store.set_starred(ids["b1"], True)
    return ids


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    with Store(tmp_path / "newsterm.db") as store:
        yield store, _fill(store)


def _keys(store: Store, view: StoryFilter) -> set[str]:
    return {story.key for story in store.stories(view)}


def _matching(store: Store, expression: str) -> set[str]:
    return _keys(store, StoryFilter(expression=parse_filter(expression)))


@pytest.mark.parametrize(
    ("expression", "keys"),
    [
        ('title = "football FINAL"', {"b1"}),  # equality ignores case
        ('title != "tennis"', {"a1", "a2", "b1"}),
        ('title:"été"', {"a2"}),  # so does "contains", beyond ASCII
        ("title : talks", {"a1"}),
        ('title =~ "^ukr"', {"a1"}),
        ('title:~"FOOT"', {"b1"}),
        ('title !~ "ukraine|tennis"', {"a2", "b1"}),
        ('author = "jo smith"', {"a1"}),
        ('author != ""', {"a1", "a2", "b1"}),
        ("content:ukraine", {"b2"}),  # the summary counts when there is no content
        ('content =~ "<p>"', {"a2"}),
        ("content !~ kyiv", {"a2", "b1", "b2"}),
        ('feed = "sports page"', {"b1", "b2"}),
        ("feed:world.test", {"a1", "a2"}),  # the feed's URL counts too
        ('feed =~ "^world d"', {"a1", "a2"}),
        ('feed != "World Desk"', {"b1", "b2"}),
        ("tag = news", {"a1", "a2"}),
        ("tag != world", {"b1", "b2"}),
        ("tag:spo", {"b1", "b2"}),
        ('tag =~ "^(news|sport)$"', {"a1", "a2", "b1", "b2"}),
        ('tag !~ "^w"', {"b1", "b2"}),
        ("age < 3d", {"a1", "b1"}),
        ("age <= 36h", {"a1", "b1"}),
        ("age > 30d", {"b2"}),
        ("age >= 5d", {"a2", "b2"}),
        ("age < 3h", {"b1"}),
        ("unread", {"a1", "b2"}),
        ("read", {"a2", "b1"}),
        ("starred", {"b1"}),
        ("starred = no", {"a1", "a2", "b2"}),
        ('"ukraine"', {"a1", "b2"}),  # the search box's words: title and text
        ("not starred", {"a1", "a2", "b2"}),
        ("unread and tag = world", {"a1"}),
        ("starred or age > 30d", {"b1", "b2"}),
        ("not (unread or starred)", {"a2"}),
        ('unread and (tag = sport or title =~ "talks")', {"a1", "b2"}),
    ],
)
def test_each_operator_selects_what_it_says(
    filled: tuple[Store, dict[str, int]], expression: str, keys: set[str]
) -> None:
    store, _ = filled
    assert _matching(store, expression) == keys


def test_a_saved_search_combines_with_the_view_it_is_used_in(
    filled: tuple[Store, dict[str, int]],
) -> None:
    store, _ = filled
    ukraine = parse_filter('"ukraine"')
    assert _keys(store, StoryFilter(unread=True, tag="sport", expression=ukraine)) == {"b2"}
    assert store.counts(StoryFilter(expression=ukraine)) == (2, 2)


def test_a_kill_rule_hides_its_stories_from_every_list_count_and_search(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    with Store(path) as setup:
        ids = _fill(setup)
    rule = IgnoreRule.parse('title =~ "ukraine"')
    with Store(path, ignore_rules=[rule]) as store:
        assert _keys(store, StoryFilter()) == {"a2", "b1", "b2"}
        assert store.counts() == (3, 1)
        assert store.listing() == (store.story_ids(), 3, 1)
        unread = {feed.title: feed.unread_count for feed in store.feeds(with_counts=True)}
        assert unread == {"World Desk": 0, "Sports Page": 1}
        assert dict(store.tags()) == {"news": 0, "sport": 1, "world": 0}
        assert store.search_titles("ukraine") == []
        assert store.stories_linking(["https://site.test/a1"]) == []
        assert _keys(store, StoryFilter(search="ceasefire")) == set()
        assert store.mark_view_read(StoryFilter()) == 1  # b2; the hidden a1 stays unread
        assert store.story(ids["a1"]) is not None and not store.story(ids["a1"]).read  # type: ignore[union-attr]


def test_show_hidden_lists_them_marked_and_hidden_only_lists_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    with Store(path) as setup:
        ids = _fill(setup)
    with Store(path, ignore_rules=[IgnoreRule.parse("starred")]) as store:
        assert _keys(store, StoryFilter(hidden=Hidden.SHOW)) == {"a1", "a2", "b1", "b2"}
        assert _keys(store, StoryFilter(hidden=Hidden.ONLY)) == {"b1"}
        assert _keys(store, StoryFilter(hidden=Hidden.ONLY, tag="world")) == set()
        rows = store.story_rows(store.story_ids(StoryFilter(hidden=Hidden.SHOW)))
        assert {row.id for row in rows if row.hidden} == {ids["b1"]}


def test_a_rule_limited_to_feeds_or_tags_hides_only_there(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    with Store(path) as setup:
        _fill(setup)
    rules = [
        IgnoreRule.parse("unread", feeds=(SPORT,)),  # b2 only: a1 is unread too
        IgnoreRule.parse('title:"tennis"', tags=("world",)),  # Tennis is a sport story
        IgnoreRule.parse("title:record", tags=("news", "sport")),
    ]
    with Store(path, ignore_rules=rules) as store:
        assert _keys(store, StoryFilter()) == {"a1", "b1"}
        assert [count for _, count in store.hidden_counts()] == [1, 0, 1]
        assert store.hidden_total() == 2


def test_a_story_a_refresh_brings_is_hidden_at_once(tmp_path: Path) -> None:
    rule = IgnoreRule.parse('title =~ "sponsored"')
    with Store(tmp_path / "newsterm.db", ignore_rules=[rule]) as store:
        feed = store.add_feed(WORLD)
        sponsored, news = _entry("s1", "SPONSORED: buy", 60), _entry("n1", "News", 60)
        record_fetch(store, feed.id, sponsored, news, at=time.time())
        assert [story.key for story in store.stories()] == ["n1"]
        assert store.hidden_counts() == [(rule, 1)]


def test_the_count_per_rule_counts_a_story_for_each_rule_that_matches(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    with Store(path) as setup:
        _fill(setup)
    rules = [IgnoreRule.parse("tag = sport"), IgnoreRule.parse("starred")]
    with Store(path, ignore_rules=rules) as store:
        assert [count for _, count in store.hidden_counts()] == [2, 1]
        assert store.hidden_total() == 2
