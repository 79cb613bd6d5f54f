"""Which stories a view shows, as SQL over `stories s`: every value a bound parameter.

A view's plain choices (feed, tag, unread, starred, the search box), its saved search
(a filter tree) and the kill rules all end up in one WHERE clause here. Text
comparisons ignore case the Unicode way (SQLite's own lower() and LIKE only fold
ASCII), and regular expressions are Python's; both run as the functions
`register_functions` adds to each connection.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Sequence
from functools import lru_cache

from tui_news.core.filters import (
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
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.models import Hidden, StoryFilter
from tui_news.core.storage.search_words import terms

Fragment = tuple[str, list[object]]

_PREFIX_FROM = 3  # letters a search word needs to match as a prefix


def is_searchable(text: str) -> bool:
    """Whether `text` holds any word a search could look for."""
    return fts_query(text) is not None


def fts_query(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word, as a prefix.

    Words of one or two letters are whole words ("ai", "uk"): as prefixes they stand for
    a large part of the language, and merging all those words' lists took 0.1-0.2 s at
    200,000 stories. (Scripts written without spaces: `search_words`.)
    """
    found = terms(text, prefix_from=_PREFIX_FROM)
    if not found:
        return None
    # FTS5 joins phrases by a space, but a group in parentheses only by AND.
    joint = " AND " if any(term.before is not None for term in found) else " "
    return joint.join(term.query() for term in found)


def prefix_words(text: str) -> list[str]:
    """The words of a search that match as prefixes (`fts_query`)."""
    found = terms(text, prefix_from=_PREFIX_FROM)
    return [term.text for term in found if term.prefix] + [
        term.before for term in found if term.before is not None
    ]


def story_where(
    view: StoryFilter, rules: Sequence[IgnoreRule], *, now: float | None = None
) -> Fragment:
    """`WHERE …` (or "") for the stories `view` shows, the kill rules applied."""
    now = time.time() if now is None else now
    clauses: list[str] = []
    params: list[object] = []
    if view.feed_id is not None:
        clauses.append("s.feed_id = ?")
        params.append(view.feed_id)
    if view.tag is not None:
        clauses.append("s.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ?)")
        params.append(view.tag)
    if view.unread:
        clauses.append("s.read = 0")
    if view.starred:
        clauses.append("s.starred = 1")
    if view.search:
        search, search_params = compile_filter(Search(view.search), now=now)
        clauses.append(search)
        params += search_params
    if view.expression is not None:
        expression, expression_params = compile_filter(view.expression, now=now)
        clauses.append(expression)
        params += expression_params
    if view.hidden is not Hidden.SHOW:
        hidden, hidden_params = compile_rules(rules, now=now)
        clauses.append(hidden if view.hidden is Hidden.ONLY else f"NOT {hidden}")
        params += hidden_params
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def visible(rules: Sequence[IgnoreRule], *, now: float | None = None) -> Fragment:
    """SQL true for a story no kill rule hides ("1" when there are no rules)."""
    if not rules:
        return "1", []
    hidden, params = compile_rules(rules, now=time.time() if now is None else now)
    return f"NOT {hidden}", params


def register_functions(conn: sqlite3.Connection) -> None:
    """The functions compiled filters call; every connection that runs one needs them."""
    conn.create_function("nt_fold", 1, _fold, deterministic=True)
    conn.create_function("nt_contains", 2, _contains, deterministic=True)
    conn.create_function("nt_regexp", 2, _regexp, deterministic=True)


def compile_filter(node: Node, *, now: float) -> Fragment:
    """SQL true for the stories `node` matches; `now` is when ages are counted from."""
    match node:
        case And(items):
            return _join(" AND ", [compile_filter(item, now=now) for item in items])
        case Or(items):
            return _join(" OR ", [compile_filter(item, now=now) for item in items])
        case Not(item):
            sql, params = compile_filter(item, now=now)
            return f"NOT ({sql})", params
        case Flag(name, value):
            column = "s.read" if name is FlagName.READ else "s.starred"
            return f"{column} = {int(value)}", []
        case Age(op, seconds):
            return _age(op, now - seconds)
        case Search(words):
            query = fts_query(words)
            if query is None:  # nothing searchable (only punctuation): matches nothing
                return "0", []
            return "s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ?)", [query]
        case Text(field, op, value):
            if op in (TextOp.NOT_EQUALS, TextOp.NOT_MATCHES):
                positive = TextOp.EQUALS if op is TextOp.NOT_EQUALS else TextOp.MATCHES
                sql, params = _text(field, positive, value)
                return f"NOT ({sql})", params
            return _text(field, op, value)
    raise AssertionError(f"not a filter node: {node!r}")


def compile_rules(rules: Sequence[IgnoreRule], *, now: float) -> Fragment:
    """SQL true for the stories any of `rules` hides ("0" when there are none)."""
    if not rules:
        return "(0)", []
    return _join(" OR ", [compile_rule(rule, now=now) for rule in rules])


def compile_rule(rule: IgnoreRule, *, now: float) -> Fragment:
    """A kill rule: its expression, only within its feeds and tags when it names some."""
    sql, params = compile_filter(rule.node, now=now)
    scopes: list[Fragment] = []
    if rule.feeds:
        marks = ",".join("?" * len(rule.feeds))
        scopes.append(
            (f"s.feed_id IN (SELECT id FROM feeds WHERE url IN ({marks}))", [*rule.feeds])
        )
    if rule.tags:
        marks = ",".join("?" * len(rule.tags))
        scopes.append(
            (f"s.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag IN ({marks}))", [*rule.tags])
        )
    if not scopes:
        return sql, params
    scope_sql, scope_params = _join(" OR ", scopes)
    return f"({scope_sql}) AND ({sql})", [*scope_params, *params]


def _join(operator: str, parts: list[Fragment]) -> Fragment:
    params: list[object] = []
    for _, part_params in parts:
        params.extend(part_params)
    return "(" + operator.join(f"({sql})" for sql, _ in parts) + ")", params


def _age(op: AgeOp, boundary: float) -> Fragment:
    # Younger than N is "placed after now - N"; the comparison flips with the direction.
    comparison = {
        AgeOp.YOUNGER: ">",
        AgeOp.YOUNGER_OR_EQUAL: ">=",
        AgeOp.OLDER: "<",
        AgeOp.OLDER_OR_EQUAL: "<=",
    }[op]
    return f"s.sort_time {comparison} ?", [boundary]


def _text(field: TextField, op: TextOp, value: str) -> Fragment:
    """A positive test (=, :, =~) of `field`."""
    if field is TextField.TITLE:
        return _test(op, value, "s.title")
    if field is TextField.AUTHOR:
        return _test(op, value, "s.author")
    if field is TextField.CONTENT:
        content, content_params = _test(op, value, "s.content")
        summary, summary_params = _test(op, value, "s.summary")
        # A summary that merely repeats the content need not be searched twice.
        return (
            f"({content}) OR (s.summary != s.content AND ({summary}))",
            [*content_params, *summary_params],
        )
    if field is TextField.FEED:
        title, title_params = _test(op, value, "title")
        url, url_params = _test(op, value, "url")
        return (
            f"s.feed_id IN (SELECT id FROM feeds WHERE ({title}) OR ({url}))",
            [*title_params, *url_params],
        )
    tag, tag_params = _test(op, value, "tag")
    return f"s.feed_id IN (SELECT feed_id FROM feed_tags WHERE {tag})", tag_params


def _test(op: TextOp, value: str, column: str) -> Fragment:
    """SQLite's own NOCASE and LIKE where they fold case as Python would (ASCII text),
    which keeps a kill rule from costing a Python call per story on every list."""
    if op is TextOp.MATCHES:
        words = _literal_alternatives(value)
        if words is None:
            return f"nt_regexp(?, {column})", [value]
        parts = [_test(TextOp.CONTAINS, word, column) for word in words]
        return " OR ".join(f"({sql})" for sql, _ in parts), [p for _, ps in parts for p in ps]
    if op is TextOp.EQUALS:
        if value.isascii():
            return f"{column} = ? COLLATE NOCASE", [value]
        return f"nt_fold({column}) = ?", [value.casefold()]
    if value.isascii():
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE ? ESCAPE '\\'", [f"%{escaped}%"]
    return f"nt_contains({column}, ?)", [value.casefold()]


_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\()")


def _literal_alternatives(pattern: str) -> list[str] | None:
    """`sponsor|advert` → ["sponsor", "advert"]: a pattern that only lists plain ASCII
    words (what most kill rules are) is a set of "contains" tests; None otherwise."""
    words = pattern.split("|")
    if not pattern.isascii() or any(not word or _REGEX_SYNTAX & set(word) for word in words):
        return None
    return words


def _fold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def _contains(haystack: object, needle: str) -> bool:
    return isinstance(haystack, str) and needle in haystack.casefold()


@lru_cache(maxsize=256)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _regexp(pattern: str, value: object) -> bool:
    return isinstance(value, str) and _pattern(pattern).search(value) is not None
