"""`newsterm sync`: exchange read and starred state and stories with the `[sync]` server.

Progress is one line rewritten in place on stderr, on a terminal only; the summary goes
to stdout. A server that is down or refuses the login is one line on stderr and exit
status 1: the changes made here stay queued for the next sync, and the stories that
arrived before it failed stay too (the next sync brings the rest). The sync and the full
text after it are the service's update (`Newsterm.update`); this shows it.
"""

from __future__ import annotations

import argparse

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, CliContext, error, plural


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
    from tui_news.cli.update_lines import SyncLines
    from tui_news.core.sync.account import SERVICE_NAMES
    from tui_news.core.sync.errors import SyncError
    from tui_news.service import Newsterm

    settings = context.config.sync
    if settings is None:
        error(f"sync is not set up: add a [sync] table to {context.paths.config_file}")
        return EXIT_PARTIAL
    lines = SyncLines(SERVICE_NAMES[settings.service])
    with context.open_store() as store:
        try:
            # `refresh --[no-]full-text` under [sync]; `newsterm sync` has no such option.
            full_text = getattr(args, "full_text", None)
            Newsterm(context.config).update(store, lines).run(full_text=full_text)
        except SyncError as problem:
            lines.clear()
            pending = store.sync_pending()
            changes = plural(pending, "change", "changes")
            kept = f" ({pending:,} {changes} kept for the next sync)" if pending else ""
            error(f"sync failed: {problem}{kept}")
            return EXIT_PARTIAL
        finally:
            lines.clear()
    return EXIT_OK
