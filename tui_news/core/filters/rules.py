"""Saved views and kill rules: a filter expression with a name, or with a scope."""

from __future__ import annotations

from dataclasses import dataclass

from tui_news.core.filters.nodes import Node
from tui_news.core.filters.parser import parse_filter


@dataclass(frozen=True, slots=True)
class SavedView:
    """A saved search: the config's `[views]` entry `name = "expression"`."""

    name: str
    expression: str
    node: Node

    @classmethod
    def parse(cls, name: str, expression: str) -> SavedView:
        """Raises FilterError when `expression` does not parse."""
        return cls(name, expression, parse_filter(expression))


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    """A kill rule (`[[ignore]]`): stories it matches are hidden everywhere.

    With feeds (URLs) or tags it applies only to stories of those feeds, or of feeds
    with those tags; without, to every story.
    """

    expression: str
    node: Node
    feeds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @classmethod
    def parse(
        cls, expression: str, *, feeds: tuple[str, ...] = (), tags: tuple[str, ...] = ()
    ) -> IgnoreRule:
        """Raises FilterError when `expression` does not parse."""
        return cls(expression, parse_filter(expression), feeds, tags)

    @property
    def label(self) -> str:
        """The expression, and its scope if it has one: how lists name the rule."""
        scope = [f"feed {url}" for url in self.feeds] + [f"tag {tag}" for tag in self.tags]
        return self.expression + (f"  (only {', '.join(scope)})" if scope else "")
