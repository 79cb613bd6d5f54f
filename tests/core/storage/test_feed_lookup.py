"""Naming a feed by a URL written a little differently from the stored one."""

from __future__ import annotations

import pytest

from tui_news.core.storage import AmbiguousFeedError, FeedNotFoundError, Store
from tui_news.core.urls import feed_url_key

STORED = "https://news.example/feed"


@pytest.mark.parametrize(
    "written",
    [
        "https://news.example/feed",
        "HTTPS://News.EXAMPLE/feed",
        "https://news.example:443/feed",
        "https://news.example/feed#latest",
        "https://news.example/feed#",
        "  https://news.example/feed  ",
    ],
)
def test_spellings_of_the_same_feed_find_it(store: Store, written: str) -> None:
    feed = store.add_feed(STORED)
    assert store.find_feed(written).id == feed.id


@pytest.mark.parametrize(
    "written",
    [
        "http://news.example/feed",  # another server may answer plain http
        "https://news.example/feed/",
        "https://news.example/Feed",  # paths are case-sensitive
        "https://news.example:8443/feed",
        "https://news.example/feed?page=2",
        "https://other.example/feed",
    ],
)
def test_urls_that_may_name_another_feed_do_not_match(store: Store, written: str) -> None:
    store.add_feed(STORED)
    with pytest.raises(FeedNotFoundError):
        store.find_feed(written)


@pytest.mark.parametrize(
    "a, b",
    [
        ("http://x.example", "http://x.example/"),
        ("http://x.example:80/", "http://X.example/"),
        ("http://x.example?q=1", "http://x.example/?q=1"),
        ("http://[::1]:80/f", "http://[::1]/f"),
        ("HTTP://user@X.example/f#a", "http://user@x.example/f"),
        # Credentials say how the feed is reached, not which feed it is.
        ("http://User@x.example/", "http://user@x.example/"),
        ("http://alice:one@x.example/f", "http://bob:two@x.example/f"),
        ("http://alice:s3cr@t@x.example/f", "http://x.example/f"),
    ],
)
def test_equivalent_keys(a: str, b: str) -> None:
    assert feed_url_key(a) == feed_url_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("http://x.example/", "https://x.example/"),
        ("https://x.example:80/", "https://x.example/"),
        ("http://x.example:443/", "http://x.example/"),
        ("http://x.example/feed", "http://x.example/feed/"),
        ("http://x.example/?q=A", "http://x.example/?q=a"),
    ],
)
def test_distinct_keys(a: str, b: str) -> None:
    assert feed_url_key(a) != feed_url_key(b)


def test_a_feed_is_found_by_its_address_with_other_credentials_or_none(store: Store) -> None:
    feed = store.add_feed("https://alice:s3cr@t@news.example/feed")
    for written in ("https://news.example/feed", "https://alice:***@news.example/feed"):
        assert store.find_feed(written).id == feed.id


def test_a_stored_url_with_an_odd_spelling_is_found_by_the_plain_one(store: Store) -> None:
    feed = store.add_feed("http://Blog.Example:80")
    assert store.find_feed("http://blog.example/").id == feed.id


def test_two_matching_feeds_are_ambiguous_and_both_named(store: Store) -> None:
    one = store.add_feed("https://news.example/feed")
    two = store.add_feed("https://NEWS.example/feed")
    with pytest.raises(AmbiguousFeedError) as raised:
        store.find_feed("https://news.example:443/feed")
    message = str(raised.value)
    assert f"id {one.id}" in message and f"id {two.id}" in message
    assert one.url in message and two.url in message
    assert {feed.id for feed in raised.value.feeds} == {one.id, two.id}


def test_the_exact_stored_url_is_never_ambiguous(store: Store) -> None:
    # Otherwise a duplicate subscription could not be named by its own URL.
    store.add_feed("https://news.example/feed")
    two = store.add_feed("https://NEWS.example/feed")
    assert store.find_feed("https://NEWS.example/feed").id == two.id


def test_ids_keep_working(store: Store) -> None:
    feed = store.add_feed(STORED)
    assert store.find_feed(str(feed.id)).id == feed.id
    with pytest.raises(FeedNotFoundError):
        store.find_feed(str(feed.id + 1))
