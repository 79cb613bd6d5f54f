"""The filter language's syntax tree, and how a tree is written back as text.

Nodes are frozen and hashable: a story view holds one, and views are compared and
kept in sets by the UI. `render` gives the canonical spelling, which parses back to
an equal tree; the newsboat converter and the app's "save this search" write it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never


class TextField(StrEnum):
    """A field compared as text."""

    TITLE = "title"
    AUTHOR = "author"
    CONTENT = "content"
    FEED = "feed"  # the feed's title or its URL
    TAG = "tag"  # any one of the feed's tags


class TextOp(StrEnum):
    EQUALS = "="
    NOT_EQUALS = "!="
    CONTAINS = ":"
    MATCHES = "=~"
    NOT_MATCHES = "!~"


class AgeOp(StrEnum):
    YOUNGER = "<"
    YOUNGER_OR_EQUAL = "<="
    OLDER = ">"
    OLDER_OR_EQUAL = ">="


class FlagName(StrEnum):
    READ = "read"
    STARRED = "starred"


@dataclass(frozen=True, slots=True)
class Text:
    """`title =~ "ukraine"`: every text comparison ignores case."""

    field: TextField
    op: TextOp
    value: str


@dataclass(frozen=True, slots=True)
class Age:
    """`age < 7d`: how long ago the story was published (or first seen, if undated)."""

    op: AgeOp
    seconds: int


@dataclass(frozen=True, slots=True)
class Flag:
    """`read`, `unread` (read = False), `starred`."""

    name: FlagName
    value: bool = True


@dataclass(frozen=True, slots=True)
class Search:
    """A quoted string on its own: the words the search box would find."""

    words: str


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


Node = Text | Age | Flag | Search | Not | And | Or

DURATION_UNITS: dict[str, int] = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1}
# Largest first; weeks are read but written as days ("age < 7d" says what newsboat's
# "age < 7" said).
_WRITTEN_UNITS = ("d", "h", "m")


def render(node: Node) -> str:
    """The canonical text of `node`; `parse_filter(render(node)) == node`."""
    return _render(node, parent=0)


# Binding strength: or < and < not < a condition. A child weaker than its parent
# needs brackets.
_OR, _AND, _NOT, _ATOM = 1, 2, 3, 4


def _render(node: Node, parent: int) -> str:
    match node:
        case Or(items):
            text, strength = " or ".join(_render(item, _OR) for item in items), _OR
        case And(items):
            text, strength = " and ".join(_render(item, _AND) for item in items), _AND
        case Not(item):
            text, strength = f"not {_render(item, _NOT)}", _NOT
        case Text(field, op, value):
            spacing = "" if op is TextOp.CONTAINS else " "  # tag:"world" reads as one word
            text, strength = f"{field}{spacing}{op}{spacing}{quote(value)}", _ATOM
        case Age(op, seconds):
            text, strength = f"age {op} {duration(seconds)}", _ATOM
        case Flag(name, value):
            text, strength = _flag_text(name, value), _ATOM
        case Search(words):
            text, strength = quote(words), _ATOM
        case _:
            assert_never(node)
    # `not not x` needs no brackets, but and/or inside and/or/not do when weaker,
    # and a nested and inside and is kept bracketed so the tree shape survives.
    if strength < parent or (strength == parent and strength in (_AND, _OR)):
        return f"({text})"
    return text


def _flag_text(name: FlagName, value: bool) -> str:
    if name is FlagName.READ:
        return "read" if value else "unread"
    return "starred" if value else "starred = no"


def quote(value: str) -> str:
    """`value` double-quoted, as the lexer reads strings back.

    A backslash is doubled only where the lexer would otherwise take it as an escape
    (before `\\`, before `"`, or last), so a regular expression stays readable:
    `title =~ "a\\.b"`, not `"a\\\\.b"`.
    """
    out: list[str] = []
    for index, char in enumerate(value):
        after = value[index + 1 : index + 2]
        if char == '"' or (char == "\\" and after in ("", "\\", '"')):
            out.append("\\")
        out.append(char)
    return '"' + "".join(out) + '"'


def duration(seconds: int) -> str:
    """7d, 36h, 90m: the largest unit that divides `seconds` exactly."""
    for unit in _WRITTEN_UNITS:
        if seconds and seconds % DURATION_UNITS[unit] == 0:
            return f"{seconds // DURATION_UNITS[unit]}{unit}"
    return f"{seconds}s" if seconds else "0d"
