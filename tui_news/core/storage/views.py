"""Listing a view at any size: its newest stories at once, all of them after, its counts.

A view may hold 200,000 stories, and turning that many ids into Python objects alone
takes ~0.1 s. The UI therefore asks for the head of a view (a few screens, newest
first) to draw it, and for the whole id list afterwards.

A search picks its plan by how many stories match, counted in the index up to a cap:
- few matches: look each one up by id and sort them (SQLite's own choice, whose cost
  grows with the matches: ~0.3 s for a word in every story);
- many: walk the view's own index newest first and keep the stories that match (stops
  once the head is full; ~30 ms to walk 200,000 stories when almost none match); for the
  whole list, the matches' ids are gathered into a set once and the view's walk kept in
  it (`_many_matches`), for the ids and then the unread count;
- for the head, when at least one story in `DENSE` matches and every word is a whole
  word (one or two letters) or a three-letter prefix the index keeps (schema 11): walk
  the index and ask the search index about each story in turn. The plan above first
  gathers every match (20 ms for "o" in 152,601 of 200,000 stories, 29 ms for "a"); this
  one stops after a few dozen look-ups (~1.5 ms). A longer prefix is never asked this
  way: each look-up lists its words again (~0.3 ms).
"""

from __future__ import annotations

import json
from dataclasses import replace

from tui_news.core.models import Story, StoryFilter
from tui_news.core.storage import search_index
from tui_news.core.storage.base import cache_errors
from tui_news.core.storage.filter_sql import fts_query, prefix_words
from tui_news.core.storage.stories import _STORY_SELECT, StoryStorage, _story_from_row

# Below this many matches, looking the matches up beats walking an index, for the head
# of a view (which the walk fills early when matches are common) and for all of it.
FEW_FOR_HEAD = 1_000
FEW_FOR_ALL = 20_000
# One story in this many matching makes a search dense enough to ask story by story
# (a look-up costs ~5-20 µs, ~25 µs when it misses: below one in four, gathering the
# matches costs less than 6 ms anyway). The walk gives up after twice the stories that
# should fill the head (360 for 45 lines: ~8 ms at worst, when the matches are all
# older), and the head is gathered as above.
DENSE = 4
LONGEST_HEAD = 1_000  # stories; a longer head would look up too many of them one by one
SAMPLE = 4_000  # the newest story ids, where a search's density is judged
_ORDER = "ORDER BY s.sort_time DESC, s.id DESC"
_ONE_STORY_MATCHES = (
    "s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ? AND rowid = s.id)"
)


class ViewStorage(StoryStorage):
    """The story list's queries: a view's head, its ids, its stories and its counts."""

    def story_head(self, view: StoryFilter = StoryFilter(), *, limit: int) -> list[int]:
        """The newest `limit` story ids in a view: enough to draw it at once."""
        if self._dense(view, limit):
            head = self._head_story_by_story(view, limit)
            if head is not None:
                return head
        where, params = self._where(view)
        hint = self._walk_index(view, FEW_FOR_HEAD)
        sql = f"SELECT s.id FROM stories s {hint} {where} {_ORDER} LIMIT ?"
        return [row[0] for row in self._query(sql, [*params, limit])]

    def story_ids(self, view: StoryFilter = StoryFilter()) -> list[int]:
        """Every story id in a view, newest first (200,000 in ~0.1 s)."""
        matches = self._many_matches(view)
        if matches is not None:
            return self._ids_among(view, matches)
        where, params = self._where(view)
        hint = self._walk_index(view, FEW_FOR_ALL)
        return self._ids(f"SELECT s.id FROM stories s {hint} {where} {_ORDER}", params)

    def listing(self, view: StoryFilter = StoryFilter()) -> tuple[list[int], int, int]:
        """Every story id in a view, newest first, with (total, unread) as `counts` has
        them. The total is the ids' length, so only the unread stories are counted: 25
        ms instead of 57 for a word in 152,601 of 200,000 stories (20,000 unread)."""
        matches = self._many_matches(view)
        if matches is None:
            ids = self.story_ids(view)
            where, params = self._where(replace(view, unread=True))
            (unread,) = self._query(f"SELECT count(*) FROM stories s {where}", params)[0]
            return ids, len(ids), int(unread)
        ids = self._ids_among(view, matches)
        unread = (
            len(ids) if view.unread else len(self._ids_among(replace(view, unread=True), matches))
        )
        return ids, len(ids), unread

    def _many_matches(self, view: StoryFilter) -> set[int] | None:
        """The ids of every story a search matches, when it matches `FEW_FOR_ALL` or more
        (else None). Walking the view and keeping the stories in this set is the same
        list as SQLite's walk with its probe of each story, for less: for "o" (152,601 of
        200,000 stories) 62 ms instead of 88, and the unread count 6 ms instead of 25."""
        query = fts_query(view.search) if view.search else None
        if query is None or self._matches(query, FEW_FOR_ALL) < FEW_FOR_ALL:
            return None
        sql = "SELECT json_group_array(rowid) FROM story_search WHERE story_search MATCH ?"
        return set(json.loads(self._query(sql, [query])[0][0]))

    def _ids_among(self, view: StoryFilter, matches: set[int]) -> list[int]:
        """The view's ids (its search aside), newest first, that are in `matches`."""
        where, params = self._where(replace(view, search=None))
        sql = f"SELECT s.id FROM stories s {_walk_hint(view)} {where} {_ORDER}"
        return [story_id for story_id in self._ids(sql, params) if story_id in matches]

    def _ids(self, select: str, params: list[object]) -> list[int]:
        # One JSON text instead of a row object per id: about half the time.
        sql = f"SELECT json_group_array(id) FROM ({select})"
        return list(json.loads(self._query(sql, params)[0][0]))

    def stories(
        self, view: StoryFilter = StoryFilter(), *, limit: int | None = None
    ) -> list[Story]:
        """Full stories in a view, newest first."""
        if limit is not None and self._dense(view, limit):
            head = self._head_story_by_story(view, limit)
            if head is not None:
                marks = ",".join("?" * len(head))
                rows = self._query(f"{_STORY_SELECT} WHERE s.id IN ({marks}) {_ORDER}", head)
                return [_story_from_row(row) for row in rows]
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

    def _head_story_by_story(self, view: StoryFilter, limit: int) -> list[int] | None:
        """The head, each story of the walk looked up in the search index; None when the
        walk's first stories hold too few matches to fill it."""
        where, params = self._where(replace(view, search=None))
        hint = _walk_hint(view)
        # The walk's last story bounds it (an ORDER BY over a LIMITed walk would look up
        # every story in it before sorting them).
        last = self._query(
            f"SELECT s.sort_time, s.id FROM stories s {hint} {where} {_ORDER} LIMIT 1 OFFSET ?",
            [*params, 2 * DENSE * limit - 1],
        )
        clauses = [where.removeprefix("WHERE ")] if where else []
        clauses.append(_ONE_STORY_MATCHES)
        params.append(fts_query(view.search or ""))
        if last:
            clauses.append("(s.sort_time, s.id) >= (?, ?)")
            params += [last[0][0], last[0][1]]
        sql = f"SELECT s.id FROM stories s {hint} WHERE {' AND '.join(clauses)} {_ORDER} LIMIT ?"
        head = [row[0] for row in self._query(sql, [*params, limit])]
        # Without a last story the walk took the whole view: the head is complete.
        return head if len(head) == limit or not last else None

    def _dense(self, view: StoryFilter, limit: int) -> bool:
        """Whether a head of `limit` (a few screens) is for a search of whole words only
        that matches at least one story in `DENSE`, judged on the stories cached last
        (0.1-0.2 ms; counting the matches up to 50,000 took 2 ms)."""
        query = fts_query(view.search) if view.search else None
        if query is None or limit > LONGEST_HEAD or not self._looked_up_at_once(view.search):
            return False
        (most,) = self._query("SELECT coalesce(max(id), 0) FROM stories")[0]
        (found,) = self._query(
            "SELECT count(*) FROM story_search WHERE story_search MATCH ? AND rowid > ?",
            (query, int(most) - SAMPLE),
        )[0]
        return int(most) > 0 and int(found) * DENSE >= min(int(most), SAMPLE)

    def _looked_up_at_once(self, words: str | None) -> bool:
        """Whether a story's look-up in the search index reads one list a word: every
        prefix word is one the index keeps. (Another lists its words again, ~0.3 ms.)"""
        prefixes = prefix_words(words or "")
        if not prefixes:
            return True
        if any(len(word) != search_index.PREFIX for word in prefixes):
            return False
        with cache_errors(), self.lock:
            return search_index.has_prefixes(self.conn)

    def _walk_index(self, view: StoryFilter, few: int) -> str:
        """The index a search walks when it matches at least `few` stories, else ""."""
        query = fts_query(view.search) if view.search else None
        if query is None or self._matches(query, few) < few:
            return ""
        return _walk_hint(view)

    def _matches(self, query: str, cap: int) -> int:
        """How many stories match `query`, counting no further than `cap`."""
        row = self._query(
            "SELECT count(*) FROM (SELECT rowid FROM story_search "
            "WHERE story_search MATCH ? LIMIT ?)",
            (query, cap),
        )[0]
        return int(row[0])


def _walk_hint(view: StoryFilter) -> str:
    """The index that lists the view's own stories newest first."""
    if view.feed_id is not None or view.tag is not None:
        return "INDEXED BY stories_by_feed"
    if view.unread:
        return "INDEXED BY stories_unread"
    if view.starred:
        return "INDEXED BY stories_starred"
    return "INDEXED BY stories_by_time"
