"""Mark all read marks the stories that were here at the key press: one a refresh stored
while the question was open stays unread (and, under sync, is not marked on the server)."""

from __future__ import annotations

import time
from pathlib import Path

from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.storage import Store


def _entry(key: str) -> ParsedEntry:
    return ParsedEntry(key=key, url=f"https://site.test/{key}", title=key, published=1.7e9)


def test_a_story_stored_after_the_key_press_stays_unread(tmp_path: Path) -> None:
    with Store(tmp_path / "newsterm.db") as store:
        feed = store.add_feed("https://site.test/rss", title="Site")
        record_fetch(store, feed.id, _entry("before"), at=time.time())
        pressed = time.time()
        time.sleep(0.01)
        record_fetch(store, feed.id, _entry("during"), _entry("before"), at=time.time())
        assert store.mark_view_read(StoryFilter(feed_id=feed.id), pressed=pressed) == 1
        read = {story.title: story.read for story in store.stories(StoryFilter())}
        assert read == {"before": True, "during": False}
        # Without a key press (a script's own call), everything in the view.
        assert store.mark_view_read(StoryFilter()) == 1
