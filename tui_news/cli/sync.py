"""`newsterm sync`: exchange read and starred state and stories with the `[sync]` server.

Progress is one line rewritten in place on stderr, on a terminal only; the summary goes
to stdout. A server that is down or refuses the login is one line on stderr and exit
status 1: the changes made here stay queued for the next sync.
"""

from __future__ import annotations

import argparse
import sys

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, CliContext, error


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "sync",
        help="sync with the feed server in the config's [sync] table",
        description=(
            "Send the read and starred changes made here to the feed server named in the "
            "config's [sync] table, then take its subscriptions (groups become tags), its "
            "new stories and its read and starred state. Exit status 1 when the server "
            "cannot be reached or refuses the login; changes stay queued for next time."
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.cli.refresh import fetch_full_text
    from tui_news.core.sync.account import SERVICE_NAMES
    from tui_news.core.sync.errors import SyncError
    from tui_news.service import Newsterm

    settings = context.config.sync
    if settings is None:
        error(f"sync is not set up: add a [sync] table to {context.paths.config_file}")
        return EXIT_PARTIAL
    shown = sys.stderr.isatty()

    def progress(step: str) -> None:
        if shown:
            sys.stderr.write(f"\r\x1b[Ksyncing: {step}")
            sys.stderr.flush()

    core = Newsterm(context.config)
    with context.open_store() as store:
        try:
            summary = core.sync(store, progress=progress)
        except SyncError as problem:
            failure: SyncError | None = problem
        else:
            failure = None
        if shown:
            sys.stderr.write("\r\x1b[K")
        if failure is not None:
            pending = store.sync_pending()
            kept = f" ({pending:,} changes kept for the next sync)" if pending else ""
            error(f"sync failed: {failure}{kept}")
            return EXIT_PARTIAL
        name = SERVICE_NAMES[settings.service]
        feeds = f"{summary.feeds:,} feeds"
        if summary.feeds_added or summary.feeds_removed:
            feeds += f" ({summary.feeds_added:,} new, {summary.feeds_removed:,} removed)"
        print(
            f"synced with {name}: {feeds} · {summary.new_stories:,} new stories · "
            f"{summary.sent:,} changes sent · {summary.changed:,} stories changed there"
        )
        # `refresh --[no-]full-text` under [sync]; `newsterm sync` has no such option.
        full_text = getattr(args, "full_text", None)
        fetch_full_text(
            core, store, core.synced_wanting_full_text(store, summary, full_text=full_text)
        )
    return EXIT_OK
