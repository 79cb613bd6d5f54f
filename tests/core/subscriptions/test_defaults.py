"""The built-in subscriptions: a dozen world-news feeds, added only when the user asks."""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlsplit

from lxml import etree

from tui_news.core.storage import Store
from tui_news.core.subscriptions.defaults import (
    DEFAULT_FEEDS_FILE,
    add_default_subscriptions,
    default_feeds,
)
from tui_news.core.subscriptions.opml import parse_opml


def test_the_defaults_are_about_a_dozen_distinct_tagged_world_news_feeds() -> None:
    feeds = default_feeds()
    assert 10 <= len(feeds) <= 16
    assert len({f.url for f in feeds}) == len(feeds)
    assert len({urlsplit(f.url).hostname for f in feeds}) >= 10, "one outlet should not dominate"
    for feed in feeds:
        assert urlsplit(feed.url).scheme == "https", feed.url
        assert feed.title and "world" in feed.tags


def test_the_packaged_file_is_well_formed_opml_read_without_repairs() -> None:
    data = (
        resources.files("tui_news.core.subscriptions")
        .joinpath("data", DEFAULT_FEEDS_FILE)
        .read_bytes()
    )
    assert etree.fromstring(data).get("version") == "2.0"
    listed = parse_opml(data)
    assert not (listed.notes or listed.problems or listed.skipped or listed.duplicates)


def test_asking_for_the_defaults_subscribes_each_once(store: Store) -> None:
    added = add_default_subscriptions(store)
    assert added == len(default_feeds()) == store.feed_count()
    assert {f.url for f in store.feeds()} == {f.url for f in default_feeds()}
    assert all("world" in f.tags for f in store.feeds())
    assert add_default_subscriptions(store) == 0
    assert store.feed_count() == added


def test_the_defaults_join_a_users_own_feeds_and_keep_their_titles(store: Store) -> None:
    first = default_feeds()[0]
    store.add_feed("https://mine.example/rss", title="Mine")
    store.add_feed(first.url, title="My name for it")
    assert add_default_subscriptions(store) == len(default_feeds()) - 1
    assert store.feed_by_url(first.url).title == "My name for it"  # type: ignore[union-attr]
    assert store.feed_by_url("https://mine.example/rss") is not None
