"""newsboat filter expressions (`query:` feeds, `ignore-article`) → newsterm's language.

What newsterm can say is converted; what it cannot (newsboat's `link`, `date`,
`articleindex`…) makes the whole expression unconvertible, with the reason: half a
filter would match other stories than the user's. Conversions that widen or narrow
a little (newsboat's 26 flags are newsterm's one star) are converted with a note.

newsboat 2.21 (Debian's) reads `and` and `or` from left to right with equal weight:
`a or b and c` there means `(a or b) and c`. Checked against the real program (an
`ignore-article` rule of that shape ignored only what the left-to-right reading
matches); the converted expression says so with brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_news.core.filters.nodes import (
    Age,
    AgeOp,
    And,
    Flag,
    FlagName,
    Node,
    Not,
    Or,
    Text,
    TextField,
    TextOp,
    render,
)

DAY = 86_400


@dataclass(frozen=True, slots=True)
class Conversion:
    """Either `expression` (newsterm's text) or `problem` (why not) is set."""

    expression: str = ""
    problem: str = ""
    notes: tuple[str, ...] = ()


class _Unconvertible(Exception):
    pass


def convert_newsboat_filter(text: str) -> Conversion:
    """newsterm's spelling of the newsboat filter expression `text`, if it has one."""
    notes: list[str] = []
    try:
        tokens = _tokens(text)
        node, rest = _expression(tokens, 0, notes)
        if rest != len(tokens):
            raise _Unconvertible(f"newsboat would not read it either ('{tokens[rest]}' is extra)")
    except _Unconvertible as reason:
        return Conversion(problem=str(reason))
    return Conversion(expression=render(node), notes=tuple(dict.fromkeys(notes)))


_TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<string>"[^"]*")
      | (?P<op>==|=~|!=|!~|!\#|<=|>=|=|\#|<|>)
      | (?P<bracket>[()])
      | (?P<word>[A-Za-z0-9_.:\-]+)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[str]:
    """newsboat's strings have no escapes: everything up to the next `"` is the value."""
    tokens: list[str] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None or match.end() == position:
            raise _Unconvertible(f"newsboat would not read it either (at '{text[position:]}')")
        tokens.append(match.group(match.lastgroup or "word"))
        position = match.end()
    return tokens


def _expression(tokens: list[str], index: int, notes: list[str]) -> tuple[Node, int]:
    node, index = _term(tokens, index, notes)
    while index < len(tokens) and tokens[index].lower() in ("and", "or"):
        joiner = tokens[index].lower()
        right, index = _term(tokens, index + 1, notes)
        node = And((node, right)) if joiner == "and" else Or((node, right))
    return node, index


def _term(tokens: list[str], index: int, notes: list[str]) -> tuple[Node, int]:
    if index >= len(tokens):
        raise _Unconvertible("newsboat would not read it either (it ends too soon)")
    if tokens[index] == "(":
        node, index = _expression(tokens, index + 1, notes)
        if index >= len(tokens) or tokens[index] != ")":
            raise _Unconvertible("newsboat would not read it either (a '(' is never closed)")
        return node, index + 1
    if index + 2 >= len(tokens):
        raise _Unconvertible("newsboat would not read it either (it ends too soon)")
    attribute, operator, value = tokens[index], tokens[index + 1], tokens[index + 2]
    if operator.lower() == "between":
        operator = "between"
    return _comparison(attribute.lower(), operator, _unquote(value), notes), index + 3


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


_TEXT_FIELDS = {
    "title": TextField.TITLE,
    "author": TextField.AUTHOR,
    "content": TextField.CONTENT,
    "feedtitle": TextField.FEED,
    "rssurl": TextField.FEED,
}
_TEXT_OPS = {
    "=": TextOp.EQUALS,
    "==": TextOp.EQUALS,
    "!=": TextOp.NOT_EQUALS,
    "=~": TextOp.MATCHES,
    "!~": TextOp.NOT_MATCHES,
}


def _comparison(attribute: str, operator: str, value: str, notes: list[str]) -> Node:
    if attribute in _TEXT_FIELDS:
        return _text(_TEXT_FIELDS[attribute], attribute, operator, value)
    if attribute == "tags":
        return _tags(operator, value)
    if attribute == "unread":
        return _unread(operator, value)
    if attribute == "flags":
        return _flags(operator, value, notes)
    if attribute == "age":
        return _age(operator, value)
    raise _Unconvertible(f"newsterm has nothing like newsboat's '{attribute}'")


def _text(field: TextField, attribute: str, operator: str, value: str) -> Node:
    if operator in ("#", "!#"):
        word = Text(field, TextOp.MATCHES, rf"(?<!\S){re.escape(value)}(?!\S)")
        return word if operator == "#" else Not(word)
    op = _TEXT_OPS.get(operator)
    if op is None:
        raise _Unconvertible(f"newsterm does not compare {attribute} with '{operator}'")
    if op in (TextOp.MATCHES, TextOp.NOT_MATCHES):
        value = posix_to_python_regex(value)
    return Text(field, op, value)


def _tags(operator: str, value: str) -> Node:
    if operator in ("#", "!#"):
        tag = Text(TextField.TAG, TextOp.EQUALS, value)
        return tag if operator == "#" else Text(TextField.TAG, TextOp.NOT_EQUALS, value)
    if operator in ("=~", "!~"):
        op = TextOp.MATCHES if operator == "=~" else TextOp.NOT_MATCHES
        return Text(TextField.TAG, op, posix_to_python_regex(value))
    raise _Unconvertible(
        f"tags {operator} compares the whole list of tags; newsterm tests one tag at a time "
        '(newsboat\'s tags # "name")'
    )


_YES_NO = {"yes": True, "no": False}


def _unread(operator: str, value: str) -> Node:
    answer = _YES_NO.get(value.lower())
    if operator not in ("=", "==", "!=") or answer is None:
        raise _Unconvertible(f'unread {operator} "{value}" is not a yes-or-no test')
    unread = answer == (operator != "!=")
    return Flag(FlagName.READ, not unread)


def _flags(operator: str, value: str, notes: list[str]) -> Node:
    """newsboat's flags are letters; imported, any flag is newsterm's star."""
    if operator in ("=", "==", "!=") and value == "":
        has_none = operator != "!="
        return Flag(FlagName.STARRED, not has_none)
    if operator in ("#", "=~", "!#", "!~"):
        notes.append(f'flags {operator} "{value}" became starred: newsterm has one flag')
        return Flag(FlagName.STARRED, operator in ("#", "=~"))
    raise _Unconvertible(f'flags {operator} "{value}": newsterm has only one flag, starred')


def _age(operator: str, value: str) -> Node:
    """newsboat's age is whole days gone by, so `age > 3` means 4 days or more."""
    if operator == "between":
        low, _, high = value.partition(":")
        if not (low.isdigit() and high.isdigit()):
            raise _Unconvertible(f"age between {value} is not a range of days such as 0:7")
        younger = Age(AgeOp.YOUNGER, (int(high) + 1) * DAY)
        return And((Age(AgeOp.OLDER_OR_EQUAL, int(low) * DAY), younger)) if int(low) else younger
    if not value.isdigit():
        raise _Unconvertible(f"age {operator} {value}: newsboat's age is a number of days")
    days = int(value)
    exact = And((Age(AgeOp.OLDER_OR_EQUAL, days * DAY), Age(AgeOp.YOUNGER, (days + 1) * DAY)))
    ages: dict[str, Node] = {
        "<": Age(AgeOp.YOUNGER, days * DAY),
        "<=": Age(AgeOp.YOUNGER, (days + 1) * DAY),
        ">": Age(AgeOp.OLDER_OR_EQUAL, (days + 1) * DAY),
        ">=": Age(AgeOp.OLDER_OR_EQUAL, days * DAY),
        "=": exact,
        "==": exact,
        "!=": Not(exact),
    }
    if operator not in ages:
        raise _Unconvertible(f"newsterm does not compare age with '{operator}'")
    return ages[operator]


# POSIX bracket classes, which Python's re does not know, as ranges it does.
_POSIX_CLASSES = {
    "[:alpha:]": "a-zA-Z",
    "[:digit:]": "0-9",
    "[:alnum:]": "a-zA-Z0-9",
    "[:upper:]": "A-Z",
    "[:lower:]": "a-z",
    "[:space:]": r"\s",
    "[:blank:]": r" \t",
    "[:punct:]": r"!-/:-@\[-`{-~",
    "[:xdigit:]": "0-9A-Fa-f",
}


def posix_to_python_regex(pattern: str) -> str:
    """A POSIX extended regular expression (newsboat's) in Python's dialect.

    Raises _Unconvertible when Python cannot read the result.
    """
    converted = pattern.replace(r"\<", r"\b").replace(r"\>", r"\b")
    for posix, python in _POSIX_CLASSES.items():
        converted = converted.replace(posix, python)
    try:
        re.compile(converted, re.IGNORECASE)
    except re.error as error:
        raise _Unconvertible(
            f'the regular expression "{pattern}" does not work here: {error.msg}'
        ) from None
    return converted
