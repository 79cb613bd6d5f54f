"""The `newsterm` subcommands: parse arguments, call the service, print.

`tui_news.entry` sends every command line that names a subcommand (or asks for help)
here, and launches the app itself otherwise; the CLI never imports the UI. Exit codes:
0 success, 1 partial failure (reasons on stderr), 2 usage error (a feed or story named
on the command line that does not exist is one, in every subcommand).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NoReturn

from tui_news import __version__
from tui_news.cli.context import (
    EXIT_OK,
    EXIT_PARTIAL,
    CliContext,
    error,
    fit_output_to_locale,
)
from tui_news.cli.text_arguments import refuse_undecodable
from tui_news.core.errors import CacheDamagedError, CacheError, NewstermError, os_reason
from tui_news.core.storage.db import CacheVersionError
from tui_news.paths import AppPaths


def build_parser() -> argparse.ArgumentParser:
    # The subcommands' modules are imported only for a subcommand (or --help): the TUI's
    # first frame should not wait for them (asyncio alone is ~30 ms).
    from tui_news.cli import (
        edit,
        importing,
        mark,
        read,
        recover,
        refresh,
        stories,
        subscriptions,
        sync,
        vacuum,
        views,
    )

    parser = _global_options()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (
        subscriptions,
        importing,
        edit,
        refresh,
        sync,
        stories,
        views,
        mark,
        read,
        vacuum,
        recover,
    ):
        module.register(commands)
    return parser


_NO_VALUE = re.compile(r"argument (-[^:]*?/)?(?P<option>--[\w-]+): expected one argument$")


class _Parser(argparse.ArgumentParser):
    """argparse, whose "expected one argument" for `--search -apple` says how to write
    it: argparse takes any word that begins with '-' for an option (`-apple` is one it
    does not know), whatever option comes before it, and has no setting against that."""

    _words: tuple[str, ...] = ()  # what this parser (a subcommand's: its part) was given

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._words = tuple(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        found = _NO_VALUE.match(message)
        if found is not None:
            message += self._dashed_value_hint(found["option"])
        super().error(message)

    def _dashed_value_hint(self, option: str) -> str:
        """How to give `option` the word after it, if that word is no option of ours."""
        words = self._words
        for index, word in enumerate(words[:-1]):
            value = words[index + 1]
            known = value.split("=", 1)[0] in self._option_string_actions
            if word == option and value.startswith("-") and not known:
                return f" (for a value that begins with '-', write {option}={value})"
        return ""


class _NotTheApp(Exception):
    """The probe in `app_arguments` met words only the whole parser can judge."""


class _QuietProbe(argparse.ArgumentParser):
    """The global options, parsed without a word to the user: whatever is wrong is said
    once, by the whole parser (argparse prints before it exits)."""

    def error(self, message: str) -> NoReturn:
        raise _NotTheApp(message)


def _global_options(*, probe: bool = False) -> argparse.ArgumentParser:
    parser = (_QuietProbe if probe else _Parser)(
        prog="newsterm",
        description="A keyboard-first terminal news reader. Run with no command for the TUI.",
        add_help=not probe,
    )
    if not probe:
        # The probe leaves --version (and its abbreviations) to the whole parser, which
        # prints it: printed by both, it came out twice.
        parser.add_argument("--version", action="version", version=f"newsterm {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep the database, config and cache here instead of the XDG directories",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run the TUI offline on bundled sample feeds, in a throw-away cache",
    )
    return parser


def app_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments when they name no subcommand (the app), else None."""
    words = list(sys.argv[1:] if argv is None else argv)
    if "-h" in words or "--help" in words:
        return None
    try:
        args, rest = _global_options(probe=True).parse_known_args(words)
    except _NotTheApp:
        return None  # the whole parser says what is wrong
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the subcommand `argv` names; its exit status."""
    fit_output_to_locale()
    parser = build_parser()
    args = parser.parse_args(argv)
    refuse_undecodable(parser, args)
    if args.command is None:
        # Only `tui_news.entry` launches the app; it never sends a bare command line here.
        parser.error("name a command (see --help)")
    if args.demo:
        # Else the command ran on the real cache, which the user meant to keep out of it.
        parser.error("--demo runs the app on sample feeds: it takes no command")
    return guarded(args, partial(_run, args))


def guarded(args: argparse.Namespace, work: Callable[[], int]) -> int:
    """Make the data directory, then `work()`; the errors a user can act on in one line
    (the app's start-up is guarded the same way)."""
    try:
        if not args.demo and not _data_dir_usable(args.data_dir):
            return EXIT_PARTIAL
        return work()
    except (CacheVersionError, CacheError) as problem:
        # A cache from a newer newsterm, or a file that is not (or no longer) a database.
        error(f"cache error: {cache_problem(problem, AppPaths.default(args.data_dir).database)}")
        return EXIT_PARTIAL
    except NewstermError as problem:
        # A command that did not say it itself: its one line is the whole story. Any other
        # exception is a bug, and keeps its traceback.
        error(str(problem))
        return EXIT_PARTIAL


def cache_problem(problem: Exception, database: Path) -> str:
    """SQLite's words, with what the user can do about the two that need explaining."""
    text = str(problem)
    if text == "unable to open database file" and not os.access(database.parent, os.W_OK):
        # WAL needs its -wal and -shm files beside the database, even to read it.
        return f"cannot open {database}: its directory is read-only"
    if isinstance(problem, CacheDamagedError):
        from tui_news.service import RECOVER_HINT

        return f"{text}: {database}; {RECOVER_HINT}"
    if text == "database is locked":
        return (
            f"{database} is locked: another program (a newsterm refresh?) kept writing to "
            "it longer than newsterm waits; try again when it has finished"
        )
    return text


def _run(args: argparse.Namespace) -> int:
    context = CliContext.from_args(args)
    for problem in context.config_problems:
        error(f"config: {problem}")
    try:
        return int(args.handler(args, context))
    except KeyboardInterrupt:
        print("newsterm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `newsterm stories | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return EXIT_OK


def _data_dir_usable(data_dir: Path | None) -> bool:
    """Create the data and config directories, or say in one line why they cannot be."""
    try:
        AppPaths.default(data_dir).ensure()
    except OSError as problem:
        where = data_dir or Path(problem.filename or "the data directory")
        # mkdir's "File exists" means something that is not a directory is in the way.
        reason = "not a directory" if isinstance(problem, FileExistsError) else os_reason(problem)
        error(f"cannot use {where} as the data directory: {reason}")
        return False
    return True
