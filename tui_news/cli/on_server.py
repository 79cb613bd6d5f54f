"""`add`, `import` and `edit --url` when a `[sync]` server holds the subscriptions.

Under Google Reader they subscribe on the server, then sync; under Fever, whose API
cannot change subscriptions, they refuse and say where to subscribe. Without `[sync]`,
the local commands run unchanged. (`remove` is one command either way: the service's
`unsubscribe` knows where the subscriptions live.)
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


def edit(local: Handler) -> Handler:
    """`edit --url` moves a subscription: on the Google Reader server, the new address
    is subscribed and the old one dropped; Fever refuses. Without --url, the edit is
    local (a title given here outlasts syncs, as it outlasts refreshes)."""

    def handler(args: argparse.Namespace, context: CliContext) -> int:
        if not args.url:
            return local(args, context)
        from tui_news.core.storage import FeedNotFoundError
        from tui_news.core.sync.errors import SyncError
        from tui_news.service import Newsterm

        core = Newsterm(context.config)
        with context.open_store() as store:
            try:
                feed = store.find_feed(args.feed)
            except FeedNotFoundError as missing:
                error(str(missing))
                return EXIT_PARTIAL
            try:
                core.subscribe_on_server(store, [(args.url, feed.title, feed.tags)])
                core.unsubscribe(store, [feed])
            except SyncError as problem:
                error(str(problem))
                return EXIT_PARTIAL
        say(f"moved {feed.display_title} to {args.url} on the server")
        return EXIT_OK

    return handler


def add(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.cli.subscriptions import normalise_input_url

    url = normalise_input_url(args.url)
    if not url:
        error(f"not a web address: {args.url!r} (expected an http or https URL)")
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
