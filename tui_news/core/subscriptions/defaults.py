"""The built-in world-news subscriptions, one of the choices of the app's first run.

The list is package data (`data/default_feeds.opml`), read with the same OPML reader as
`newsterm import`, so it can be edited without touching code. Nothing subscribes to it
unasked: the app's welcome screen offers it beside importing a file, adding an address
and the demo, and `newsterm refresh` of an empty cache says how to subscribe.
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


def add_default_subscriptions(store: Store) -> int:
    """Subscribe to the built-in feeds not yet subscribed (in any spelling of their URL);
    returns how many were added. One transaction."""
    added, _ = store.merge_feeds((feed.url, feed.title, feed.tags) for feed in default_feeds())
    return len(added)
