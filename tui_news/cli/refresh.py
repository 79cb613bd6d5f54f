"""`newsterm refresh`: check feeds for new stories from the command line.

Progress is a single line rewritten in place on stderr, and only on a terminal; the
summary goes to stdout and each failure's reason to stderr. Exit 1 if any feed failed.
The update itself is the service's (`Newsterm.update`: the refresh, then the full text);
this shows it. The engine is imported inside the handler so that other subcommands never
pay for aiohttp's import.
"""

from __future__ import annotations

import argparse

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliContext, error
from tui_news.cli.subscriptions import lookup_problem


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `refresh` to the parser."""
    parser = commands.add_parser(
        "refresh",
        help="check feeds for new stories",
        description=(
            "Check every subscription (or those named with --feed) for new stories. "
            "Feeds are asked conditionally, so unchanged ones cost almost nothing. "
            "Then the full article of each new story is fetched, extracted and cached for "
            "offline reading and search (at most full_text_per_feed a feed, one page at a "
            "time from a site; see --full-text). "
            "Exit status 1 means at least one feed failed; the reasons go to stderr, or one "
            "line when no feed could be reached at all (no network)."
        ),
    )
    parser.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL|ID",
        help="refresh only this feed (repeatable); also retries a feed marked dead "
        "(under [sync] the server checks every feed, and this is not used)",
    )
    parser.add_argument(
        "--full-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fetch the full article of new stories in every feed (--full-text) or in none "
        "(--no-full-text: left to the next refresh, with that of a refresh cut short); by "
        "default each feed's own setting decides, else the config's full_text_prefetch (on "
        "unless set to false)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    if context.config.sync is not None:
        # The server fetches the feeds: a refresh here would store its stories twice.
        from tui_news.cli import sync

        if args.feed:
            error(
                "--feed is not used with [sync]: the server checks the feeds, all of them, "
                "so this syncs everything"
            )
        return sync.run(args, context)
    from tui_news.cli.update_lines import RefreshLines
    from tui_news.core.storage import FeedNotFoundError
    from tui_news.service import Newsterm

    core = Newsterm(context.config)
    with context.open_store() as store:
        if not args.feed and not store.feed_count():
            error(NO_SUBSCRIPTIONS)
            return EXIT_OK
        named: list[int] = []
        for name in args.feed:
            try:
                named.append(store.find_feed(name).id)
            except FeedNotFoundError as problem:
                error(lookup_problem(name, problem))
                return EXIT_USAGE
        lines = RefreshLines(named=bool(named))
        try:
            core.update(store, lines).run(named or None, full_text=args.full_text)
        finally:
            lines.clear()
    return EXIT_PARTIAL if lines.failed else EXIT_OK


NO_SUBSCRIPTIONS = (
    "no subscriptions yet: nothing to refresh. Subscribe with `newsterm add URL`, "
    "`newsterm import FILE` (OPML or a newsboat urls file), or run `newsterm` and choose "
    "(the built-in world-news feeds, or the demo)"
)
