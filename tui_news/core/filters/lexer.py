"""Splitting a filter expression into tokens, each with the column it starts at.

The parser asks for a value separately (`Scanner.value`) because what follows an
operator is read differently: `tag:world-news`, `age<7d` and `title =~ a|b` need no
quotes, yet `:` and `<` end a field name. A value runs to the next blank, bracket
or quote; anything else must be quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tui_news.core.errors import NewstermError


class FilterError(NewstermError, ValueError):
    """An expression that does not parse; `str()` is one line with the column."""

    def __init__(self, column: int, reason: str) -> None:
        super().__init__(f"column {column}: {reason}")
        self.column = column
        self.reason = reason


class Kind(Enum):
    WORD = "word"
    STRING = "string"
    OPERATOR = "operator"
    OPEN = "("
    CLOSE = ")"
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str  # a string's value, unquoted and unescaped
    column: int  # 1-based, in characters

    def describe(self) -> str:
        """How an error message names this token."""
        if self.kind is Kind.END:
            return "the end of the expression"
        if self.kind is Kind.STRING:
            return f'the string "{_shorten(self.text)}"'
        return f"'{_shorten(self.text)}'"


OPERATORS = frozenset({"=", "==", "!=", "=~", "!~", "<", ">", "<=", ">=", ":", ":~"})
_OPERATOR_CHARS = frozenset("=!<>:~#")
_STOPS = frozenset("()\"'")


class Scanner:
    """Reads tokens from the left; `peek` looks at the next one without taking it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self._peeked: Token | None = None

    def peek(self) -> Token:
        if self._peeked is None:
            self._peeked = self._read()
        return self._peeked

    def next(self) -> Token:
        token = self.peek()
        self._peeked = None
        return token

    def value(self) -> Token:
        """The value after an operator: a quoted string or a run of anything unquoted."""
        if self._peeked is not None:  # the parser looked ahead; start where that token did
            self.pos = self._peeked.column - 1
            self._peeked = None
        self._skip_blanks()
        start = self.pos
        if start >= len(self.text):
            return Token(Kind.END, "", start + 1)
        if self.text[start] in "\"'":
            return self._string()
        end = start
        while end < len(self.text) and not (self.text[end].isspace() or self.text[end] in _STOPS):
            end += 1
        self.pos = end
        if end == start:  # a bracket where the value should be
            return self._read()
        return Token(Kind.WORD, self.text[start:end], start + 1)

    def _skip_blanks(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _read(self) -> Token:
        self._skip_blanks()
        start = self.pos
        if start >= len(self.text):
            return Token(Kind.END, "", start + 1)
        char = self.text[start]
        if char in "()":
            self.pos += 1
            return Token(Kind.OPEN if char == "(" else Kind.CLOSE, char, start + 1)
        if char in "\"'":
            return self._string()
        if char in _OPERATOR_CHARS:
            end = start
            while end < len(self.text) and self.text[end] in _OPERATOR_CHARS:
                end += 1
            self.pos = end
            operator = self.text[start:end]
            if operator not in OPERATORS:
                raise FilterError(start + 1, _unknown_operator(operator))
            return Token(Kind.OPERATOR, operator, start + 1)
        end = start
        while end < len(self.text) and not (
            self.text[end].isspace()
            or self.text[end] in _STOPS
            or self.text[end] in _OPERATOR_CHARS
        ):
            end += 1
        self.pos = end
        return Token(Kind.WORD, self.text[start:end], start + 1)

    def _string(self) -> Token:
        """A quoted string. Inside it `\\"` is a quote and `\\\\` a backslash; any other
        backslash stays as typed, so a regular expression's `\\d` needs no doubling."""
        start = self.pos
        quote = self.text[start]
        chars: list[str] = []
        index = start + 1
        while index < len(self.text):
            char = self.text[index]
            if (
                char == "\\"
                and index + 1 < len(self.text)
                and self.text[index + 1] in (quote, "\\")
            ):
                chars.append(self.text[index + 1])
                index += 2
                continue
            if char == quote:
                self.pos = index + 1
                return Token(Kind.STRING, "".join(chars), start + 1)
            chars.append(char)
            index += 1
        raise FilterError(start + 1, f"this {quote} is never closed")


def _unknown_operator(operator: str) -> str:
    if "#" in operator:
        return f"unknown operator '{operator}' (for a tag, write tag = \"name\")"
    if operator == "!":
        return "unknown operator '!' (write not)"
    return f"unknown operator '{operator}' (operators: =, !=, :, =~, !~, <, >, <=, >=)"


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
