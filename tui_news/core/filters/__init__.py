"""The filter language of saved searches (views) and kill rules; see docs/FILTERS.md.

Pure: text in, a syntax tree out, and back. The tree becomes SQL only in the store.
"""

from __future__ import annotations

from tui_news.core.filters.lexer import FilterError
from tui_news.core.filters.nodes import (
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
    render,
)
from tui_news.core.filters.parser import parse_filter

__all__ = [
    "Age",
    "AgeOp",
    "And",
    "FilterError",
    "Flag",
    "FlagName",
    "Node",
    "Not",
    "Or",
    "Search",
    "Text",
    "TextField",
    "TextOp",
    "parse_filter",
    "render",
]
