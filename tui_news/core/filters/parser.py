"""A recursive-descent parser for the filter language (grammar in docs/FILTERS.md).

    expression := or
    or         := and ("or" and)*
    and        := unary ("and" unary)*
    unary      := "not" unary | atom
    atom       := "(" expression ")" | STRING | flag | field operator value

Keywords, field names and yes/no are case-insensitive. Every error names the column
where the expression stopped making sense, so a long saved search can be fixed.
"""

from __future__ import annotations

import re

from tui_news.core.filters.lexer import FilterError, Kind, Scanner, Token
from tui_news.core.filters.nodes import (
    DURATION_UNITS,
    Age,
    AgeOp,
    And,
    Flag,
    FlagName,
    Node,
    Not,
    Or,
    Search,
    Text,
    TextField,
    TextOp,
)

# Brackets and `not`s nest this deep at most: deeper is a mistake (or an attack on
# the recursion limit), not a search anyone means.
MAX_DEPTH = 64
# About 3,000 years: further back than any story, and safe in SQLite's REAL.
MAX_AGE_SECONDS = 10**11

FIELD_NAMES = "title, author, content, feed, tag, age, read, unread, starred"
_KEYWORDS = frozenset({"and", "or", "not"})
_TEXT_FIELDS = frozenset(field.value for field in TextField)
_TEXT_OPS = {"=": TextOp.EQUALS, "==": TextOp.EQUALS, "!=": TextOp.NOT_EQUALS, ":": TextOp.CONTAINS}
_TEXT_OPS |= {"=~": TextOp.MATCHES, ":~": TextOp.MATCHES, "!~": TextOp.NOT_MATCHES}
_AGE_OPS = {op.value: op for op in AgeOp}
_FLAGS = {
    "read": (FlagName.READ, True),
    "unread": (FlagName.READ, False),
    "starred": (FlagName.STARRED, True),
}
_YES = frozenset({"yes", "true", "1"})
_NO = frozenset({"no", "false", "0"})
_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)([a-z]*)", re.IGNORECASE)
_UNIT_ALIASES = {"": "d", "min": "m", "mins": "m", "hr": "h", "hrs": "h", "day": "d", "days": "d"}


def parse_filter(text: str) -> Node:
    """The tree of `text`; raises FilterError (with the column) if it does not parse."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.scanner = Scanner(text)
        self.depth = 0

    def parse(self) -> Node:
        node = self._or()
        token = self.scanner.next()
        if token.kind is Kind.CLOSE:
            raise FilterError(token.column, "this ')' closes nothing")
        if token.kind is not Kind.END:
            raise FilterError(
                token.column,
                f"expected 'and', 'or' or the end of the expression, found {token.describe()}",
            )
        return node

    def _or(self) -> Node:
        items = [self._and()]
        while self._keyword("or"):
            items.append(self._and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def _and(self) -> Node:
        items = [self._unary()]
        while self._keyword("and"):
            items.append(self._unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def _keyword(self, word: str) -> bool:
        token = self.scanner.peek()
        if token.kind is Kind.WORD and token.text.lower() == word:
            self.scanner.next()
            return True
        return False

    def _unary(self) -> Node:
        token = self.scanner.peek()
        if self._keyword("not"):
            self._enter(token)
            node = Not(self._unary())
            self.depth -= 1
            return node
        return self._atom()

    def _enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FilterError(token.column, f"brackets and 'not' nest more than {MAX_DEPTH} deep")

    def _atom(self) -> Node:
        token = self.scanner.next()
        if token.kind is Kind.OPEN:
            self._enter(token)
            node = self._or()
            close = self.scanner.next()
            if close.kind is not Kind.CLOSE:
                raise FilterError(
                    close.column,
                    f"expected ')' to close the '(' at column {token.column}, "
                    f"found {close.describe()}",
                )
            self.depth -= 1
            return node
        if token.kind is Kind.STRING:
            if not token.text.strip():
                raise FilterError(token.column, "an empty search (put words between the quotes)")
            return Search(token.text)
        if token.kind is Kind.WORD and token.text.lower() not in _KEYWORDS:
            return self._condition(token)
        raise FilterError(token.column, f"expected a condition, found {token.describe()}")

    def _condition(self, name_token: Token) -> Node:
        name = name_token.text.lower()
        following = self.scanner.peek()
        if name in _FLAGS:
            if following.kind is not Kind.OPERATOR:
                return Flag(*_FLAGS[name])
            return self._flag(name, self._operator(name_token))
        if name == "age":
            return self._age(self._operator(name_token))
        if name in _TEXT_FIELDS:
            return self._text(TextField(name), self._operator(name_token))
        if following.kind is Kind.OPERATOR:
            raise FilterError(
                name_token.column, f"unknown field '{name_token.text}' (fields: {FIELD_NAMES})"
            )
        raise FilterError(
            name_token.column,
            f"unknown field '{name_token.text}' (fields: {FIELD_NAMES}; "
            f'to search for a word, quote it: "{name_token.text}")',
        )

    def _operator(self, name_token: Token) -> Token:
        token = self.scanner.next()
        if token.kind is not Kind.OPERATOR:
            raise FilterError(
                token.column,
                f"expected an operator such as = or =~ after '{name_token.text}', "
                f"found {token.describe()}",
            )
        return token

    def _value(self, operator: Token) -> Token:
        token = self.scanner.value()
        if token.kind not in (Kind.WORD, Kind.STRING):
            raise FilterError(
                token.column, f"expected a value after '{operator.text}', found {token.describe()}"
            )
        return token

    def _text(self, field: TextField, operator: Token) -> Node:
        op = _TEXT_OPS.get(operator.text)
        if op is None:
            raise FilterError(
                operator.column, f"{field} is text: compare it with =, !=, :, =~ or !~"
            )
        value = self._value(operator)
        if op in (TextOp.MATCHES, TextOp.NOT_MATCHES):
            try:
                re.compile(value.text, re.IGNORECASE)
            except re.error as error:
                raise FilterError(value.column, f"bad regular expression: {error.msg}") from None
        return Text(field, op, value.text)

    def _age(self, operator: Token) -> Node:
        op = _AGE_OPS.get(operator.text)
        if op is None:
            raise FilterError(
                operator.column, "age is compared with <, <=, > or >= (such as age < 7d)"
            )
        value = self._value(operator)
        match = _DURATION_RE.fullmatch(value.text.strip())
        unit = _UNIT_ALIASES.get(match.group(2).lower(), match.group(2).lower()) if match else ""
        if match is None or unit not in DURATION_UNITS:
            raise FilterError(
                value.column,
                f"expected a duration such as 7d, 12h or 30m, found {value.describe()}",
            )
        seconds = round(float(match.group(1)) * DURATION_UNITS[unit])
        return Age(op, min(seconds, MAX_AGE_SECONDS))

    def _flag(self, name: str, operator: Token) -> Node:
        if operator.text not in ("=", "==", "!="):
            raise FilterError(operator.column, f"{name} is yes or no: compare it with = or !=")
        value = self._value(operator)
        answer = value.text.lower()
        if answer not in _YES | _NO:
            raise FilterError(value.column, f"expected yes or no, found {value.describe()}")
        flag, meaning = _FLAGS[name]
        wanted = (answer in _YES) == (operator.text != "!=")
        return Flag(flag, meaning if wanted else not meaning)
