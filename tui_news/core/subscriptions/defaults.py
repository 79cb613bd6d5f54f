"""The subscriptions a new user starts with, so the first screen is news, not a blank page.

The list is package data (`data/default_feeds.opml`), read with the same OPML reader as
`newsterm import`, so it can be edited without touching code. Only the TUI and
`newsterm refresh` offer it, only to a store with no feeds at all, and only once: a
user who unsubscribes from everything has chosen an empty list. Commands that merely
look (`feeds`, `stories`) never subscribe anyone to anything.
"""

from __future__ import annotations

from importlib import resources

from tui_news.core.storage import Store
from tui_news.core.subscriptions.opml import Subscription, parse_opml

DEFAULT_FEEDS_FILE = "default_feeds.opml"


def default_feeds() -> list[Subscription]:
    """The built-in subscriptions, in the order the file lists them."""
    data = (
        resources.files("tui_news.core.subscriptions")
        .joinpath("data", DEFAULT_FEEDS_FILE)
        .read_bytes()
    )
    return parse_opml(data).feeds


OFFERED = "defaults_offered"


def ensure_default_subscriptions(store: Store) -> int:
    """Subscribe a new store to the defaults; returns how many were added.

    A store that has ever had feeds (or got the defaults before) is left alone.
    """
    if store.meta(OFFERED):
        return 0
    added = []
    if not store.feed_count():
        added = store.add_feeds((feed.url, feed.title, feed.tags) for feed in default_feeds())
    store.set_meta(OFFERED, "1")
    return len(added)
