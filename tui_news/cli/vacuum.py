"""`newsterm vacuum`: prune old stories (by the setting, or `--older-than`) and compact.

Compacting rewrites the whole database, so it is a command the user runs, never
something a refresh does behind their back. Starred stories are always kept.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tui_news.cli.context import EXIT_OK, CliContext, plural


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `vacuum` to the parser."""
    parser = commands.add_parser(
        "vacuum",
        help="prune old stories and compact the database",
        description=(
            "Delete unstarred stories older than --older-than days (default: the "
            "prune_after_days setting; 0 deletes none), with their search entries and the "
            "cached articles only they linked to, then compact the database file."
        ),
    )
    parser.add_argument(
        "--older-than",
        type=_days,
        metavar="DAYS",
        help="prune stories dated more than DAYS days ago (0: prune none)",
    )
    parser.set_defaults(handler=run)


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError("must be between 0 (prune none) and 1000000")
    return value


def run(args: argparse.Namespace, context: CliContext) -> int:
    days = context.config.prune_after_days if args.older_than is None else args.older_than
    database = context.paths.database
    before = _size(database)
    with context.open_store() as store:
        if days > 0:
            pruned = store.prune(older_than=time.time() - days * 86_400.0)
            print(
                f"pruned {pruned.stories:,} {plural(pruned.stories, 'story', 'stories')} "
                f"older than {days:,} {plural(days, 'day', 'days')} and "
                f"{pruned.articles:,} cached {plural(pruned.articles, 'article', 'articles')}"
            )
        store.compact()
    print(f"compacted {database}: {_megabytes(before)} → {_megabytes(_size(database))}")
    return EXIT_OK


def _size(database: Path) -> int:
    """The database's bytes on disk, its write-ahead log included."""
    paths = [database, database.with_name(database.name + "-wal")]
    return sum(path.stat().st_size for path in paths if path.exists())


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
