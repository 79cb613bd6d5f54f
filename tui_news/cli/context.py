"""What every subcommand needs: paths, settings and a way to open the store."""

from __future__ import annotations

import argparse
import codecs
import io
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from tui_news.config import Config, load_config
from tui_news.core.storage import Store
from tui_news.core.text import clean_message
from tui_news.core.urls import redact_urls_in
from tui_news.paths import AppPaths

# Exit codes of every subcommand.
EXIT_OK = 0
EXIT_PARTIAL = 1  # something failed; the reasons went to stderr
EXIT_USAGE = 2  # the command line was wrong, or a feed, story or file it names is not there

# Characters JSON may carry raw that a terminal would still act on or reorder: DEL and
# the C1 controls (U+009B is a CSI), bidi controls, line/paragraph separators.
_JSON_UNSAFE_RE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


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
        return Store(self.paths.database, ignore_rules=self.config.ignore)


def error(message: str) -> None:
    """Print a one-line error to stderr in the CLI's voice.

    Messages quote what servers and users sent (reason phrases, Content-Types, URLs),
    so they are cleaned here, once, rather than at every call site; a password in any
    URL they quote is hidden.
    """
    print(f"newsterm: {clean_message(redact_urls_in(message))}", file=sys.stderr)


def say(text: str) -> None:
    """Print a line of output that holds feed or page text, made safe for a terminal
    (a password in a URL it quotes is hidden)."""
    print(clean_message(redact_urls_in(text)))


def plural(count: int, one: str, many: str) -> str:
    """`one` or `many`, as `count` asks: "1 feed", "2 feeds"."""
    return one if count == 1 else many


def fit_output_to_locale() -> None:
    """Under a locale that is not UTF-8 (ISO-8859-1, or C with Python's UTF-8 mode off),
    a character the output cannot hold is printed as '?' rather than ending the command
    with a traceback half-way through its output: feed titles hold any character."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _unicode(stream):
            stream.reconfigure(errors="replace")


def _unicode(stream: object) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


def json_text(value: Any, *, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable but every terminal-active character escaped.

    `ensure_ascii=False` already escapes C0 controls; C1 controls and bidi overrides
    would otherwise be written raw. Those can only occur inside strings, where a
    \\uXXXX escape is the same value, so the data round-trips unchanged. Where standard
    output is not UTF-8, every non-ASCII character is escaped so: the same data again,
    where '?' in its place would have changed it.
    """
    text = json.dumps(value, ensure_ascii=not _unicode(sys.stdout), indent=indent)
    return _JSON_UNSAFE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
