"""What `newsterm import --newsboat` takes from a real newsboat set-up: stories keyed as
a refresh of their feed keys them, feeds with their titles and tags, query feeds and
ignore-article rules converted, and everything else reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.newsboat_setup import NewsboatSetup, feed_text
from tui_news.core.feeds.parse import parse_feed
from tui_news.core.subscriptions.newsboat_config import config_words, read_newsboat_config
from tui_news.core.subscriptions.newsboat_import import (
    NewsboatFiles,
    NewsboatSetupError,
    find_newsboat,
    plan_newsboat_import,
)


def _files(setup: NewsboatSetup) -> NewsboatFiles:
    return find_newsboat(setup.directory)


def test_each_story_gets_the_key_a_refresh_of_its_feed_gives_it(newsboat: NewsboatSetup) -> None:
    """guids, and newsboat's stand-ins for missing ones (link + date, link alone, a
    relative link + date, an Atom entry without an id)."""
    plan = plan_newsboat_import(_files(newsboat))
    for name in ("world.xml", "blog.xml"):
        url = newsboat.feed_url(name)
        parsed = parse_feed(feed_text(name, newsboat.base).encode(), url=url)
        refreshed = {entry.key: entry for entry in parsed.entries}
        imported = {story.entry.key: story.entry for story in plan.stories[url]}
        assert set(imported) <= set(refreshed), name
        for key, entry in imported.items():
            assert (entry.title, entry.url) == (refreshed[key].title, refreshed[key].url)
    world = {s.entry.title: s.entry.key for s in plan.stories[newsboat.feed_url("world.xml")]}
    assert world["Weather today"] == f"{newsboat.base}/world/weather"
    assert world["Harbour cranes return"] == f"{newsboat.base}/world/cranes"
    assert world["Ukraine talks resume"] == "world-1"


def test_read_and_flagged_items_arrive_read_and_starred(newsboat: NewsboatSetup) -> None:
    plan = plan_newsboat_import(_files(newsboat))
    stories = [story for stories in plan.stories.values() for story in stories]
    assert len(stories) == 7 and plan.deleted == 1
    assert {s.entry.title for s in stories if s.read} == {
        "Ukraine talks resume",
        "Markets open higher",
    }
    assert {s.entry.title for s in stories if s.starred} == {"Hello world", "Markets open higher"}
    talks = next(s.entry for s in stories if s.entry.title == "Ukraine talks resume")
    assert talks.author == "Jo Smith" and talks.published == 1704103200.0
    assert "<b>resume</b>" in talks.content


def test_feeds_keep_their_titles_and_tags(newsboat: NewsboatSetup) -> None:
    plan = plan_newsboat_import(_files(newsboat))
    feeds = {feed.url: feed for feed in plan.feeds.feeds}
    world, blog = feeds[newsboat.feed_url("world.xml")], feeds[newsboat.feed_url("blog.xml")]
    assert (world.title, world.tags) == ("World Desk", ("news", "world"))  # the ~title wins
    assert (blog.title, blog.tags) == ("Beta Blog", ("blogs",))  # newsboat's title
    assert any("'!'" in note for note in plan.notes)


def test_query_feeds_and_ignore_rules_are_converted_and_the_rest_reported(
    newsboat: NewsboatSetup,
) -> None:
    plan = plan_newsboat_import(_files(newsboat))
    assert plan.views == [("Unread world", 'unread and tag = "world"')]
    assert [(rule.expression, rule.feeds) for rule in plan.rules] == [
        ('title =~ "sponsored"', ()),
        ('author = "Spammer"', (newsboat.feed_url("blog.xml"),)),
    ]
    skipped = "\n".join(plan.skipped)
    assert "line 5: query:Linked: newsterm has nothing like newsboat's 'link'" in skipped
    assert "line 6: exec:~/bin/make-feed.sh: feeds produced by a local command" in skipped
    assert "config line 5: ignore-article" in skipped
    assert len(plan.skipped) == 3
    assert any("its tags (saved) were left" in note for note in plan.notes)


def test_items_of_feeds_the_urls_file_dropped_are_reported(newsboat: NewsboatSetup) -> None:
    urls = newsboat.directory / "urls"
    urls.write_text(f"{newsboat.feed_url('world.xml')} news\n")
    plan = plan_newsboat_import(_files(newsboat))
    assert list(plan.stories) == [newsboat.feed_url("world.xml")]
    assert any(
        s.startswith(f"3 cached item(s) of {newsboat.feed_url('blog.xml')}") for s in plan.skipped
    )


def test_without_a_urls_file_the_caches_feeds_are_imported(newsboat: NewsboatSetup) -> None:
    (newsboat.directory / "urls").unlink()
    plan = plan_newsboat_import(_files(newsboat))
    assert {feed.title for feed in plan.feeds.feeds} == {"World News", "Beta Blog"}
    assert sum(len(stories) for stories in plan.stories.values()) == 7
    assert any("no urls file" in note for note in plan.notes)


def test_newsboat_is_found_where_it_keeps_its_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    config, data = tmp_path / "xdg-config" / "newsboat", tmp_path / "xdg-data" / "newsboat"
    environ = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(config.parent),
        "XDG_DATA_HOME": str(data.parent),
    }
    with pytest.raises(NewsboatSetupError, match="no newsboat set-up found"):
        find_newsboat(None, environ)
    config.mkdir(parents=True)
    (config / "urls").write_text("https://a.example/rss\n")
    assert find_newsboat(None, environ) == NewsboatFiles(
        config / "urls", config / "config", data / "cache.db"
    )
    (home / ".newsboat").mkdir(parents=True)  # newsboat prefers ~/.newsboat when it exists
    dot = home / ".newsboat"
    assert find_newsboat(None, environ) == NewsboatFiles(
        dot / "urls", dot / "config", dot / "cache.db"
    )
    with pytest.raises(NewsboatSetupError, match="is not a directory"):
        find_newsboat(tmp_path / "nowhere", environ)


def test_config_lines_read_as_newsboat_reads_them() -> None:
    assert config_words(r'ignore-article "*" "title =~ \"a\\.b\"" # why') == [
        "ignore-article",
        "*",
        r'title =~ "a\.b"',
    ]
    assert config_words("bind-key j down  # vi keys") == ["bind-key", "j", "down"]
    config = read_newsboat_config(
        'ignore-article * "title =~ \\"x\\""\n'
        'ignore-article "*"\n'
        'include "~/.newsboat/more"\n'
        'ignore-article "*" "title = `date`"\n'
        'ignore-article "*" "unterminated\n'
        "color background white black\n"
    )
    assert [(i.feed, i.expression, i.line) for i in config.ignores] == [("*", 'title =~ "x"', 1)]
    assert [reason.split(":")[0] for reason in config.skipped] == [
        "config line 2",
        "config line 3",
        "config line 4",
        "config line 5",
    ]
