"""A view lists the same stories whichever plan a search takes, and its head is its top.

The thresholds that pick a search's plan are lowered here so that a few hundred stories
exercise every plan; the answers must not depend on which one ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.filters import parse_filter
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.models import Hidden, ParsedEntry, StoryFilter
from tui_news.core.storage import Store, views
from tui_news.core.storage.stories import fts_query

NOW = 1_800_000_000.0
WORDS = ["harbour", "cranes", "ballot", "river", "mayor", "storm"]


def fill(store: Store) -> None:
    """3 feeds × 60 stories; 'harbour' is in every second title, 'storm' in every tenth;
    the short word 'uk' in every second, 'eu' only in the ten oldest of each feed."""
    for f in range(3):
        feed = store.add_feed(f"https://news{f}.test/rss", tags=["local"] if f < 2 else [])
        entries = tuple(
            ParsedEntry(
                key=f"{f}-{i}",
                url=f"https://news{f}.test/{i}",
                title=" ".join(
                    [w for k, w in enumerate(WORDS) if i % (k + 2) == 0]
                    + ["uk"] * (i % 2 == 0)
                    + ["eu"] * (i >= 50)
                )
                or "quiet day",
                published=NOW - (i * 3 + f) * 60,
            )
            for i in range(60)
        )
        record_fetch(store, feed.id, *entries, at=NOW)
    ids = store.story_ids()
    store.set_read(ids[::3])
    for story_id in ids[::7]:
        store.set_starred(story_id, True)


def plain(store: Store, view: StoryFilter) -> tuple[list[int], int, int]:
    """The view worked out in Python from every story: what any plan must return."""
    wanted = set((view.search or "").split())
    feeds = {feed.id: feed for feed in store.feeds()}
    stories = [
        s
        for s in store.stories(StoryFilter())
        if (view.feed_id is None or s.feed_id == view.feed_id)
        and (view.tag is None or view.tag in feeds[s.feed_id].tags)
        and (not view.unread or not s.read)
        and (not view.starred or s.starred)
        and wanted <= set(s.title.split())
    ]
    return [s.id for s in stories], len(stories), sum(not s.read for s in stories)


VIEWS = [
    StoryFilter(),
    StoryFilter(unread=True),
    StoryFilter(starred=True),
    StoryFilter(tag="local"),
    StoryFilter(search="harbour"),
    StoryFilter(search="storm"),
    StoryFilter(search="harbour cranes"),
    StoryFilter(search="harbour", unread=True),
    StoryFilter(search="harbour", starred=True),
    StoryFilter(search="harbour", tag="local"),
    StoryFilter(search="uk"),
    StoryFilter(search="uk harbour"),
    StoryFilter(search="uk", unread=True),
    StoryFilter(search="uk", starred=True),
    StoryFilter(search="uk", tag="local"),
    StoryFilter(search="eu"),
    StoryFilter(search="eu", unread=True),
]


@pytest.mark.parametrize("dense", [1, 1_000], ids=["gather-matches", "story-by-story"])
@pytest.mark.parametrize("few", [1, 10_000], ids=["walk-an-index", "look-up-matches"])
@pytest.mark.parametrize("view", VIEWS, ids=str)
def test_every_view_lists_the_same_stories_whichever_plan_runs(
    store: Store, monkeypatch: pytest.MonkeyPatch, view: StoryFilter, few: int, dense: int
) -> None:
    fill(store)
    monkeypatch.setattr(views, "FEW_FOR_HEAD", few)
    monkeypatch.setattr(views, "FEW_FOR_ALL", few)
    monkeypatch.setattr(views, "DENSE", dense)  # 1: only a word in every story
    ids, total, unread = plain(store, view)
    assert ids, "the view should not be empty"
    assert store.story_ids(view) == ids
    assert store.story_head(view, limit=7) == ids[:7]
    assert [s.id for s in store.stories(view, limit=5)] == ids[:5]
    assert store.counts(view) == (total, unread)
    assert store.listing(view) == (ids, total, unread)


def test_a_feeds_view_walks_its_own_stories(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(store)
    monkeypatch.setattr(views, "FEW_FOR_HEAD", 1)
    feed = store.feeds()[1]
    view = StoryFilter(feed_id=feed.id, search="harbour")
    assert store.story_head(view, limit=3) == plain(store, view)[0][:3]


@pytest.mark.parametrize("words", ["uk", "eu"])
@pytest.mark.parametrize("limit", [1, 7, 45, 500])
def test_a_common_short_word_has_the_same_head_asked_story_by_story(
    store: Store, monkeypatch: pytest.MonkeyPatch, words: str, limit: int
) -> None:
    """'uk' (one story in two) fills the head within the walk; 'eu' (the oldest stories
    only) does not, and the head is gathered the other way; either way, the same."""
    fill(store)
    monkeypatch.setattr(views, "FEW_FOR_HEAD", 1)
    monkeypatch.setattr(views, "DENSE", 6)  # 'eu': 30 of 180 stories
    asked: list[list[int] | None] = []
    original = views.ViewStorage._head_story_by_story

    def spy(self: Store, view: StoryFilter, limit: int) -> list[int] | None:
        asked.append(original(self, view, limit))
        return asked[-1]

    monkeypatch.setattr(views.ViewStorage, "_head_story_by_story", spy)
    for view in (StoryFilter(search=words), StoryFilter(search=words, feed_id=2)):
        ids = plain(store, view)[0]
        assert store.story_head(view, limit=limit) == ids[:limit]
    assert len(asked) == 2, "both searches are dense enough to be asked story by story"
    if words == "uk" and limit < 45:
        assert asked[0] == plain(store, StoryFilter(search=words))[0][:limit]


def test_a_prefix_word_is_never_asked_story_by_story(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(store)
    monkeypatch.setattr(views, "FEW_FOR_HEAD", 1)
    monkeypatch.setattr(views.ViewStorage, "_head_story_by_story", None)  # would raise
    view = StoryFilter(search="harbour")
    assert store.story_head(view, limit=7) == plain(store, view)[0][:7]


def test_the_head_of_a_view_is_its_newest_stories(store: Store) -> None:
    fill(store)
    assert store.story_head(StoryFilter(), limit=10) == store.story_ids()[:10]
    assert store.story_head(StoryFilter(), limit=1000) == store.story_ids()


def test_short_words_match_whole_words_and_longer_ones_as_prefixes(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    titles = ["AI rules agreed", "Airline strike", "UK election", "Ukraine talks"]
    record_fetch(store, feed.id, *(ParsedEntry(key=t, title=t) for t in titles), at=NOW)

    def found(text: str) -> list[str]:
        return sorted(s.title for s in store.stories(StoryFilter(search=text)))

    assert found("ai") == ["AI rules agreed"]
    assert found("uk") == ["UK election"]
    assert found("ukr") == ["Ukraine talks"]
    assert found("air") == ["Airline strike"]
    assert fts_query("a bc def") == '"a" "bc" "def"*'


@pytest.mark.parametrize(
    "view",
    [
        StoryFilter(search="uk"),
        StoryFilter(search="uk", hidden=Hidden.SHOW),
        StoryFilter(search="uk", hidden=Hidden.ONLY),
        StoryFilter(search="uk", unread=True, hidden=Hidden.ONLY),
        StoryFilter(search="harbour", expression=parse_filter('unread or "storm"')),
        StoryFilter(search="uk", feed_id=3, starred=True),
    ],
    ids=str,
)
def test_a_search_matching_many_lists_the_same_with_kill_rules_and_filters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, view: StoryFilter
) -> None:
    """The view walked and kept in the set of matches, as for "o" in 152,601 of 200,000
    stories, against SQLite's own probe of each story."""
    with Store(tmp_path / "newsterm.db") as store:
        fill(store)
    rules = [IgnoreRule.parse('"cranes"'), IgnoreRule.parse("starred", tags=("local",))]
    with Store(tmp_path / "newsterm.db", ignore_rules=rules) as store:
        answers = []
        for few in (1, 10_000):
            monkeypatch.setattr(views, "FEW_FOR_ALL", few)
            answers.append((store.story_ids(view), store.listing(view), store.counts(view)))
        assert answers[0] == answers[1]
        assert answers[0][0], "the view should not be empty"
