"""Another reader's feeds and stories, stored in one transaction (mixed into `Store`)."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping, Sequence

from tui_news.core.models import ImportedStory, StoryImportResult
from tui_news.core.storage.feeds import FeedSpec, FeedStorage
from tui_news.core.storage.stories import (
    _existing_stories,
    _insert_story,
    _renamed,
    _unique_by_key,
)


class ImportStorage(FeedStorage):
    def import_feeds_and_stories(
        self,
        feeds: Iterable[FeedSpec],
        stories: Mapping[str, Sequence[ImportedStory]],
        *,
        feeds_own_titles: Collection[str] = (),
    ) -> StoryImportResult:
        """Subscribe to `feeds` (as `merge_feeds` does) and store `stories`, keyed by the
        URL a feed is listed under, with their read and starred marks. All or nothing.
        The feeds listed (by URL) in `feeds_own_titles` come with the feed's own title, as
        the other reader last read it: a refresh replaces it, as it would its own.

        A story is the same story as one stored under the same feed and key (what a
        refresh would give it), or under another key with the same link, title and
        date (a refresh renamed it: the feed makes up its ids), and one already stored
        is left exactly as it is, so importing twice, or after a refresh, adds nothing
        and undoes nothing.
        """
        added_stories = already = read = starred = 0
        now = time.time()
        with self.transaction() as conn:
            added, tagged, ids = self._merge_feeds(conn, feeds, {})
            new_feeds = set(added)
            for url in feeds_own_titles:
                if ids.get(url) in new_feeds:
                    conn.execute("UPDATE feeds SET title_from_feed = 1 WHERE id = ?", (ids[url],))
            for url, imported in stories.items():
                feed_id = ids.get(url)
                if feed_id is None:
                    continue
                by_key = {story.entry.key: story for story in imported}
                entries = _unique_by_key(story.entry for story in imported)
                keys = [entry.key for entry in entries]
                existing = _existing_stories(conn, feed_id, keys)
                # A refresh may have renamed them since (a feed making up its ids).
                fresh = [entry for entry in entries if entry.key not in existing]
                existing |= _renamed(conn, feed_id, fresh, listed=set(keys))
                for entry in entries:
                    if entry.key in existing:
                        already += 1
                        continue
                    story_id = _insert_story(conn, feed_id, entry, now)
                    marks = by_key[entry.key]
                    if marks.read or marks.starred:
                        conn.execute(
                            "UPDATE stories SET read = ?, starred = ? WHERE id = ?",
                            (int(marks.read), int(marks.starred), story_id),
                        )
                    added_stories += 1
                    read += marks.read
                    starred += marks.starred
        return StoryImportResult(
            feeds_added=len(added),
            feeds_tagged=len(tagged),
            stories_added=added_stories,
            stories_already=already,
            read=read,
            starred=starred,
        )
