"""What the kill rules hide: a count per rule and in all (mixed into `Store`)."""

from __future__ import annotations

import time

from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.storage.base import StorageBase
from tui_news.core.storage.filter_sql import compile_rule, compile_rules


class RuleStorage(StorageBase):
    def hidden_counts(self) -> list[tuple[IgnoreRule, int]]:
        """Each kill rule with how many stories it matches now (a story two rules match
        counts for both)."""
        now = time.time()
        counts: list[tuple[IgnoreRule, int]] = []
        for rule in self.ignore_rules:
            sql, params = compile_rule(rule, now=now)
            row = self._query(f"SELECT count(*) FROM stories s WHERE {sql}", params)[0]
            counts.append((rule, int(row[0])))
        return counts

    def hidden_total(self) -> int:
        """How many stories the kill rules hide altogether."""
        sql, params = compile_rules(self.ignore_rules, now=time.time())
        return int(self._query(f"SELECT count(*) FROM stories s WHERE {sql}", params)[0][0])
