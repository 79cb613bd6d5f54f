"""Which updates are still at work: another process's is, until that process is gone."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry, ParsedFeed
from tui_news.core.storage import Store

# Another newsterm: begins a refresh, stores two stories for it, and waits for its stdin.
CHILD = """
import sys
from tui_news.core.models import ParsedEntry, ParsedFeed
from tui_news.core.storage import Store

store = Store(sys.argv[1])
update = store.begin_update("refresh")
entries = tuple(ParsedEntry(key=f"child{n}", title=f"child {n}") for n in range(2))
store.record_feed_update(
    1, ParsedFeed(title="", entries=entries), checked_at=0.0, etag=None,
    last_modified=None, next_due=None, update=update,
)
print("stored", flush=True)
sys.stdin.read()
"""


def test_another_process_keeps_its_stories_until_it_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    with Store(path) as store:
        store.add_feed("http://127.0.0.1:1/feed.xml")
        record_fetch(store, 1, ParsedEntry(key="added", title="added by hand"), at=0.0)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "stored\n"
        with Store(path) as store:
            mine = store.begin_update("refresh")
            assert store.take_over(mine) == []  # its process is at work on it
            child.kill()  # a crash: it never lets go
            child.wait(10)
            taken = store.take_over(mine)
            titles = sorted(story.title for story in map(store.story, taken) if story)
            assert titles == ["child 0", "child 1"]  # not the story stored by hand
            assert store.update_story_ids(mine) == taken
            store.end_update(mine)
            assert store.take_over(store.begin_update("sync")) == []
    finally:
        child.kill()
        child.wait(10)


def test_an_update_begun_a_day_ago_is_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its process id is alive, but may be another program's by now (the update's
    process crashed, and the id was given again)."""
    import tui_news.core.storage.updates as updates

    class Yesterday:
        @staticmethod
        def time() -> float:
            return time.time() - updates.STALE_AFTER - 60

    with Store(tmp_path / "newsterm.db") as store:
        store.add_feed("http://127.0.0.1:1/feed.xml")
        monkeypatch.setattr(updates, "time", Yesterday)
        old = store.begin_update("refresh")  # this process's id: alive
        monkeypatch.undo()
        entry = ParsedEntry(key="old", title="stored by it")
        store.record_feed_update(
            1,
            ParsedFeed(title="", entries=(entry,)),
            checked_at=0.0,
            etag=None,
            last_modified=None,
            next_due=None,
            update=old,
        )
        owed = store.update_story_ids(old)
        assert len(owed) == 1
        store.begin_update("refresh")  # begun now, by this process: at work
        assert store.take_over(store.begin_update("sync")) == owed  # the old one's only
        assert store.update_story_ids(old) == []
