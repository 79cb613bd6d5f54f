"""`add` and `import` when a `[sync]` server holds the subscriptions.

Under Google Reader they subscribe on the server, then sync; under Fever, whose API
cannot change subscriptions, they refuse and say where to subscribe. Without `[sync]`,
the local commands run unchanged. (`remove` and `edit` are one command either way: the
service's `unsubscribe` and `edit_feed` know where the subscriptions live.)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliContext, error, say

if TYPE_CHECKING:
    from tui_news.core.subscriptions.records import SubscriptionList

Handler = Callable[[argparse.Namespace, CliContext], int]


def routed(local: Handler, on_server: Handler) -> Handler:
    """`on_server` when sync is configured, else `local`."""

    def handler(args: argparse.Namespace, context: CliContext) -> int:
        return (on_server if context.config.sync is not None else local)(args, context)

    return handler


def add(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.cli.subscriptions import checked_input_url

    url = checked_input_url(args.url)  # as the local `add` checks it
    if url is None:
        return EXIT_USAGE
    return _subscribe(context, [(url, "", args.tag)])


def import_listed(listed: SubscriptionList, context: CliContext) -> int:
    """Subscribe on the server to every feed of a file already read and checked."""
    return _subscribe(context, [(feed.url, feed.title, feed.tags) for feed in listed.feeds])


def _subscribe(
    context: CliContext, feeds: list[tuple[str, str, list[str] | tuple[str, ...]]]
) -> int:
    from tui_news.core.sync.errors import SyncError
    from tui_news.service import Newsterm

    with context.open_store() as store:
        try:
            added, summary = Newsterm(context.config).subscribe_on_server(store, feeds)
        except SyncError as problem:
            error(str(problem))
            return EXIT_PARTIAL
    say(
        f"subscribed on the server to {len(added):,} feeds; "
        f"{summary.new_stories:,} new stories synced"
    )
    return EXIT_OK
