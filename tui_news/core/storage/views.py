"""Listing a view at any size: its newest stories at once, all of them after, its counts.

A view may hold 200,000 stories, and turning that many ids into Python objects alone
takes ~0.1 s. The UI therefore asks for the head of a view (a few screens, newest
first) to draw it, and for the whole id list afterwards.

A search picks its plan by how many stories match, counted in the index up to a cap:
- few matches: look each one up by id and sort them (SQLite's own choice, whose cost
  grows with the matches: ~0.3 s for a word in every story);
- many: walk the view's own index newest first and keep the stories that match (stops
  once the head is full; ~30 ms to walk 200,000 stories when almost none match).
"""

from __future__ import annotations

import json

from tui_news.core.models import Story, StoryFilter
from tui_news.core.storage.filter_sql import fts_query
from tui_news.core.storage.stories import _STORY_SELECT, StoryStorage, _story_from_row

# Below this many matches, looking the matches up beats walking an index, for the head
# of a view (which the walk fills early when matches are common) and for all of it.
FEW_FOR_HEAD = 1_000
FEW_FOR_ALL = 20_000
_ORDER = "ORDER BY s.sort_time DESC, s.id DESC"


class ViewStorage(StoryStorage):
    """The story list's queries: a view's head, its ids, its stories and its counts."""

    def story_head(self, view: StoryFilter = StoryFilter(), *, limit: int) -> list[int]:
        """The newest `limit` story ids in a view: enough to draw it at once."""
        where, params = self._where(view)
        hint = self._walk_index(view, FEW_FOR_HEAD)
        sql = f"SELECT s.id FROM stories s {hint} {where} {_ORDER} LIMIT ?"
        return [row[0] for row in self._query(sql, [*params, limit])]

    def story_ids(self, view: StoryFilter = StoryFilter()) -> list[int]:
        """Every story id in a view, newest first (200,000 in ~0.1 s)."""
        where, params = self._where(view)
        hint = self._walk_index(view, FEW_FOR_ALL)
        # One JSON text instead of a row object per id: about half the time.
        sql = (
            f"SELECT json_group_array(id) FROM (SELECT s.id FROM stories s {hint} {where} {_ORDER})"
        )
        return list(json.loads(self._query(sql, params)[0][0]))

    def stories(
        self, view: StoryFilter = StoryFilter(), *, limit: int | None = None
    ) -> list[Story]:
        """Full stories in a view, newest first."""
        where, params = self._where(view)
        few = FEW_FOR_HEAD if limit is not None and limit <= FEW_FOR_HEAD else FEW_FOR_ALL
        hint = self._walk_index(view, few)
        select = _STORY_SELECT.replace("FROM stories s", f"FROM stories s {hint}")
        sql = f"{select} {where} {_ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_story_from_row(row) for row in self._query(sql, params)]

    def counts(self, view: StoryFilter = StoryFilter()) -> tuple[int, int]:
        """(total, unread) in a view."""
        where, params = self._where(view)
        hint = ""
        if not view.starred and self._walk_index(view, FEW_FOR_ALL):
            # Many matches: one pass over the smallest index that holds the read flag.
            hint = "INDEXED BY stories_feed_read"
        row = self._query(
            f"SELECT count(*), coalesce(sum(s.read = 0), 0) FROM stories s {hint} {where}",
            params,
        )[0]
        return int(row[0]), int(row[1])

    def _walk_index(self, view: StoryFilter, few: int) -> str:
        """The index a search walks when it matches at least `few` stories, else ""."""
        query = fts_query(view.search) if view.search else None
        if query is None or self._matches(query, few) < few:
            return ""
        if view.feed_id is not None or view.tag is not None:
            return "INDEXED BY stories_by_feed"
        if view.unread:
            return "INDEXED BY stories_unread"
        if view.starred:
            return "INDEXED BY stories_starred"
        return "INDEXED BY stories_by_time"

    def _matches(self, query: str, cap: int) -> int:
        """How many stories match `query`, counting no further than `cap`."""
        row = self._query(
            "SELECT count(*) FROM (SELECT rowid FROM story_search "
            "WHERE story_search MATCH ? LIMIT ?)",
            (query, cap),
        )[0]
        return int(row[0])
