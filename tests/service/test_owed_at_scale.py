"""What updates owe can grow to the whole cache (`newsterm refresh --no-full-text` from
cron for months; a cache migrated from schema 7 with an old mark): an update still
answers at once, reading only the stories whose full text it would fetch, the newest
`full_text_per_feed` of each feed."""

from __future__ import annotations

import time
from pathlib import Path

from tui_news.config import Config
from tui_news.core.models import ParsedEntry, ParsedFeed
from tui_news.core.storage import Store
from tui_news.service import Newsterm, UpdateEvents

FEEDS, PER_FEED = 30, 2_000
NOW = 1_800_000_000.0


class Says(UpdateEvents):
    def __init__(self) -> None:
        self.owed: int | None = None

    def full_text_left(self, owed: int) -> None:
        self.owed = owed


def owing_cache(path: Path) -> None:
    """60,000 stories, every one owed by a refresh that fetched no full text; no feed is
    due (a refresh checks none, so nothing here is fetched)."""
    with Store(path) as store:
        update = store.begin_update("refresh")
        for f in range(FEEDS):
            feed = store.add_feed(f"http://127.0.0.1:9/feed/{f}")
            entries = tuple(
                ParsedEntry(
                    key=f"{f}-{n}",
                    url=f"http://127.0.0.1:9/{f}/{n}",
                    title=f"S {n}",
                    published=NOW - n * 60,
                )
                for n in range(PER_FEED)
            )
            store.record_feed_update(
                feed.id,
                ParsedFeed(title=f"Feed {f}", entries=entries),
                checked_at=NOW,
                etag=None,
                last_modified=None,
                next_due=NOW + 10 * 86_400,
                update=update,
            )
        store.let_go(update)


def test_refresh_no_full_text_owing_60000_stories_answers_at_once(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    owing_cache(path)
    events = Says()
    with Store(path) as store:
        started = time.process_time()
        Newsterm(Config(full_text_per_feed=3)).update(store, events).run(full_text=False)
        spent = time.process_time() - started
    assert events.owed == FEEDS * 3  # the next refresh fetches the newest 3 of each feed
    assert spent < 0.5, f"{spent:.2f} s of CPU"  # 1.05 s when it read every story
