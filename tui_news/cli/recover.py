"""`newsterm recover`: save what a damaged cache still holds into a new one.

The damaged file is renamed, never deleted; the new one takes its place, so that
newsterm works again at once.
"""

from __future__ import annotations

import argparse

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, CliContext, error, say


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `recover` to the parser."""
    parser = commands.add_parser(
        "recover",
        help="save what a damaged cache still holds into a new one",
        description=(
            "Copy every row of the cache database that can still be read (as sqlite3's "
            ".recover would) into a new database with a fresh search index, then put it in "
            "place of the damaged one, which is kept beside it as newsterm.db.damaged-TIME. "
            "Close newsterm first. A cache that is not damaged is left alone."
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.core.errors import CacheError
    from tui_news.service import recover_cache

    database = context.paths.database
    if not database.exists():
        error(f"there is no cache at {database}")
        return EXIT_PARTIAL
    try:
        recovery = recover_cache(database)
    except CacheError as problem:
        error(str(problem))
        return EXIT_PARTIAL
    if recovery is None:
        say(f"the cache at {database} is not damaged: nothing to recover")
        return EXIT_OK
    saved, found = recovery.saved, recovery.found
    parts = [
        _count(saved.get("feeds", 0), found.get("feeds"), "feed"),
        _count(saved.get("stories", 0), found.get("stories"), "story", "stories"),
        _count(saved.get("articles", 0), found.get("articles"), "cached article"),
    ]
    say(f"saved {', '.join(parts)} into a new cache at {database}")
    say(f"the damaged file is kept as {recovery.damaged}")
    return EXIT_OK


def _count(saved: int, found: int | None, noun: str, plural: str = "") -> str:
    """ "3,992 of 4,000 stories" ("of" only when the damaged file could still count)."""
    words = noun if (found if found is not None else saved) == 1 else plural or noun + "s"
    if found is None or found == saved:
        return f"{saved:,} {words}"
    return f"{saved:,} of {found:,} {words}"
