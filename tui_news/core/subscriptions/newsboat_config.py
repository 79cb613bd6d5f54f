"""newsboat's `config` file: the `ignore-article` lines (its kill rules).

A line is a command and its arguments, separated by blanks; double quotes group, and
inside them a backslash makes the next character literal (so the filter expression
`"title =~ \\"x\\""` reads as `title =~ "x"`, as the real newsboat reads it). `#`
outside quotes starts a comment. Every other command is about how newsboat looks
and behaves, with nothing to carry over, and is passed by in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui_news.core.subscriptions.quoted import quoted_words


@dataclass(frozen=True, slots=True)
class IgnoreArticle:
    """`ignore-article FEED EXPRESSION`: FEED is a feed's URL or `*` for every feed."""

    feed: str
    expression: str
    line: int


@dataclass(slots=True)
class NewsboatConfig:
    ignores: list[IgnoreArticle] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_newsboat_config(text: str) -> NewsboatConfig:
    config = NewsboatConfig()
    for number, raw in enumerate(text.splitlines(), 1):
        try:
            words = config_words(raw)
        except ValueError as error:
            if raw.strip().startswith("ignore-article"):
                config.skipped.append(f"config line {number}: {error}")
            continue
        if not words or words[0] != "ignore-article":
            if words and words[0] == "include":
                config.skipped.append(
                    f"config line {number}: include {' '.join(words[1:])}: "
                    "included files are not read; import their ignore-article lines by "
                    "hand"
                )
            continue
        if len(words) != 3:
            config.skipped.append(
                f"config line {number}: ignore-article takes a feed and an expression"
            )
        elif "`" in raw:
            config.skipped.append(f"config line {number}: commands in backticks are not run")
        else:
            config.ignores.append(IgnoreArticle(words[1], words[2], number))
    return config


def config_words(line: str) -> list[str]:
    """The words of one config line, quotes and escapes resolved, the comment dropped."""
    try:
        return quoted_words(line, comments=True)
    except ValueError:
        raise ValueError("a quote is never closed") from None
