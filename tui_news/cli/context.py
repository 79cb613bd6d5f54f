"""What every subcommand needs: paths, settings and a way to open the store."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

from tui_news.config import Config, load_config
from tui_news.core.store import Store
from tui_news.paths import AppPaths

# Exit codes of every subcommand.
EXIT_OK = 0
EXIT_PARTIAL = 1  # something failed; the reasons went to stderr
EXIT_USAGE = 2  # the command line (or a file it names) was wrong


@dataclass
class CliContext:
    paths: AppPaths
    config: Config
    config_problems: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        paths = AppPaths.default(args.data_dir).ensure()
        config, problems = load_config(paths.config_file)
        return cls(paths, config, problems)

    def open_store(self) -> Store:
        return Store(self.paths.database)

    @property
    def interactive(self) -> bool:
        return sys.stdout.isatty()


def error(message: str) -> None:
    """Print a one-line error to stderr in the CLI's voice."""
    print(f"newsterm: {message}", file=sys.stderr)
