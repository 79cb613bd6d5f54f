"""The first-run subscriptions: a dozen world-news feeds, added only to an empty store."""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlsplit

from lxml import etree

from tui_news.core.storage import Store
from tui_news.core.subscriptions.defaults import (
    DEFAULT_FEEDS_FILE,
    default_feeds,
    ensure_default_subscriptions,
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


def test_an_empty_store_gets_the_defaults_once(store: Store) -> None:
    added = ensure_default_subscriptions(store)
    assert added == len(default_feeds()) == store.feed_count()
    assert {f.url for f in store.feeds()} == {f.url for f in default_feeds()}
    assert all("world" in f.tags for f in store.feeds())
    assert ensure_default_subscriptions(store) == 0
    assert store.feed_count() == added


def test_a_store_with_any_feed_is_left_alone(store: Store) -> None:
    store.add_feed("https://mine.example/rss", title="Mine")
    assert ensure_default_subscriptions(store) == 0
    assert [f.url for f in store.feeds()] == ["https://mine.example/rss"]


def test_unsubscribing_from_everything_does_not_bring_the_defaults_back(store: Store) -> None:
    ensure_default_subscriptions(store)
    for feed in store.feeds():
        store.remove_feed(feed.id)
    assert ensure_default_subscriptions(store) == 0
    assert store.feed_count() == 0


def test_a_store_emptied_by_its_user_does_not_get_the_defaults(store: Store) -> None:
    """`newsterm add X`, `newsterm remove X`, then `newsterm refresh`: still empty."""
    feed = store.add_feed("https://example.test/feed.xml")
    store.remove_feed(feed.id)
    assert ensure_default_subscriptions(store) == 0
    assert store.feeds() == []
