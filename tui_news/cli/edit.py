"""`newsterm edit`: rename, retag, change the full-text choice or the address of a feed.

The change is the service's (`Newsterm.edit_feed`, which the app's edit dialog calls too);
this module reads the options and says what the feed is now. Exit status 1 when a value
is unusable (nothing changes then), 2 when the feed is unknown or nothing was asked.
"""

from __future__ import annotations

import argparse

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliContext, error, say
from tui_news.cli.subscriptions import lookup_problem
from tui_news.core.models import Feed
from tui_news.core.urls import HiddenPasswordError, redact_url, unredact_url


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `edit` to the parser."""
    parser = commands.add_parser(
        "edit",
        help="rename, retag or re-address a feed, or change its full-text choice",
        description=(
            "Change a feed named by URL or id. A title given with --title is kept through "
            "every refresh and in `newsterm export`; --tag replaces the feed's tags (repeat "
            "it for several), --no-tags removes them all; --url points the subscription at "
            "another address (its stories stay). Exit status 1 if the title is empty or the "
            "address unusable, 2 if the feed is unknown (a usage error); then nothing changes."
        ),
    )
    parser.add_argument("feed", metavar="URL|ID", help="the feed's URL or id")
    parser.add_argument("--title", metavar="T", help="show the feed under this title")
    tags = parser.add_mutually_exclusive_group()
    tags.add_argument(
        "--tag", action="append", metavar="T", help="the feed's tags become these (repeatable)"
    )
    tags.add_argument("--no-tags", action="store_true", help="remove every tag")
    parser.add_argument(
        "--full-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="always (or never) fetch this feed's full article text on refresh",
    )
    parser.add_argument(
        "--url",
        metavar="NEW_URL",
        help="the feed's new address; a password written *** (as newsterm prints it) is kept",
    )
    parser.set_defaults(handler=run_edit)


def run_edit(args: argparse.Namespace, context: CliContext) -> int:
    """One edit whether or not a `[sync]` server holds the subscriptions: the service
    checks every value first, then sends the address and tags to the server if so."""
    from tui_news.core.storage import FeedNotFoundError
    from tui_news.core.sync.errors import SyncError
    from tui_news.service import FeedEditError, Newsterm

    tags: list[str] | None = [] if args.no_tags else args.tag
    if args.title is None and tags is None and args.full_text is None and args.url is None:
        error("edit: nothing to change: give --title, --tag, --no-tags, --[no-]full-text or --url")
        return EXIT_USAGE
    with context.open_store() as store:
        try:
            feed = store.find_feed(args.feed)
            # An address copied from what newsterm printed has the password as "***".
            url = None if args.url is None else unredact_url(args.url.strip(), feed.url)
            feed = Newsterm(context.config).edit_feed(
                store, feed.id, title=args.title, tags=tags, full_text=args.full_text, url=url
            )
        except FeedNotFoundError as missing:
            error(f"edit: {lookup_problem(args.feed, missing)}")
            return EXIT_USAGE
        except (FeedEditError, HiddenPasswordError, SyncError) as problem:
            error(f"edit: {problem}")
            return EXIT_PARTIAL
    for line in feed_lines(feed):
        say(line)
    return EXIT_OK


def feed_lines(feed: Feed) -> list[str]:
    """What a feed is now: title, id and address; tags; full-text choice."""
    full_text = {None: "as the config says", True: "always", False: "never"}[feed.full_text]
    return [
        f"{feed.display_title} (id {feed.id}): {redact_url(feed.url)}",
        f"  tags: {', '.join(feed.tags) or 'none'} · full text: {full_text}",
    ]
