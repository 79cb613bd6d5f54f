"""Command-line words that are not text: bytes the locale's encoding (UTF-8) cannot read.

Python hands such bytes over as lone surrogates, which no file, config or database
write can take: a Latin-1 "é" typed into a UTF-8 terminal ended `newsterm stories --tag`,
`mark --feed` and `views add` in a traceback. A word that names text (a tag, a title, a
search, an address) is refused as a usage error; a file's name is left as it is, since
the system reads those bytes back as the same name.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

# The arguments that name files: their bytes are the file's name, whatever they decode to.
_FILE_NAMES = frozenset({"data_dir", "file", "newsboat", "inputs"})


def refuse_undecodable(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """parser.error() (exit 2) for the first text argument that is not valid text."""
    for action in _chosen_actions(parser, args):
        if action.dest in _FILE_NAMES:
            continue
        value = getattr(args, action.dest, None)
        for word in value if isinstance(value, list) else [value]:
            if isinstance(word, str) and not _is_text(word):
                name = "/".join(action.option_strings) or action.metavar or action.dest
                shown = word.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
                parser.error(
                    f"argument {name}: '{shown}' is not UTF-8 text "
                    "(the terminal's encoding is not the locale's?)"
                )


def _chosen_actions(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> Iterator[argparse.Action]:
    """The actions of `parser` and of the subcommands the command line chose."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                yield from _chosen_actions(chosen, args)
        else:
            yield action


def _is_text(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
