"""`newsterm` and `python -m tui_news`: a command line that names a subcommand runs it in
the CLI; one that names none launches the app.

The one module that knows both front ends, so that neither imports the other. The app's
start-up is guarded as a command is (the data directory made, a cache error said in one
line), and Textual is imported only on the app's way in: a subcommand never pays for it,
and the app's first frame never waits for the subcommands' modules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial


def main(argv: Sequence[str] | None = None) -> int:
    """The process's exit status: 0 success, 1 partial failure, 2 usage error, 130
    interrupted."""
    try:
        # Imported here, inside the guard: Ctrl-C comes as soon as the process starts.
        from tui_news.cli import app_arguments, guarded
        from tui_news.cli import main as run_command

        args = app_arguments(argv)
        if args is None:
            return run_command(argv)
        return guarded(args, partial(_launch_app, args))
    except KeyboardInterrupt:
        # Ctrl-C before a command's own handler or Textual took it (the imports, the
        # app's preview): the same line as a command's, not a traceback.
        print("newsterm: interrupted", file=sys.stderr)
        return 130


def _launch_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # With no keyboard to quit it, the app ran on, busy, for as long as nobody noticed.
        print(
            "newsterm: the app needs a terminal; from a script or cron name a command "
            "(newsterm refresh, newsterm --help)",
            file=sys.stderr,
        )
        return 2
    from tui_news.ui.launch import run_tui

    return run_tui(data_dir=args.data_dir, demo=args.demo)
