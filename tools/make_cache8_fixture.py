"""Remake tests/data/cache8/ with newsterm at schema 8 (a real cache, as that version left it).

    git worktree add --detach /tmp/newsterm-v8 d64a865
    PYTHONPATH=/tmp/newsterm-v8 python tools/make_cache8_fixture.py

Writes `newsterm.db` through that newsterm's own store (feeds, stories as a refresh
stores them, an article's text indexed, marks), and `searches.json`: what its searches
found, which the migration tests expect schema 11 to find alike. Refuses to run with a
newsterm of another schema.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from tui_news.core.models import ParsedEntry, ParsedFeed, StoryFilter
from tui_news.core.storage import Store, db

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "cache8"
NOW = 1_800_000_000.0
TITLES = [
    "Election day in the valley",
    "Electric ferries reach the harbour",
    "An elegant bridge for the old town",
    "Elephants return to the park",
    "Telecom strike ends",
    "Delegates meet at the port",
    "The ele festival opens",
    "El Niño warms the coast",
    "EU rules on harbour cranes",
    "Élection municipale à Lyon",
    "Électricité: les prix baissent",
    "Honey prices rise",
    "Honest brokers wanted",
    "A quiet day",
    "O what a night",
]
# Searches as typed in the app: three-letter prefixes, longer ones, short whole words.
SEARCHES = ["ele", "elec", "eleg", "el", "tel", "del", "élé", "ele har", "hon", "o", "eu", "zzz"]


def main() -> int:
    if db.SCHEMA_VERSION != 8:
        print(f"this newsterm writes schema {db.SCHEMA_VERSION}, not 8", file=sys.stderr)
        return 1
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with Store(OUT / "newsterm.db") as store:
        for f in range(3):
            feed = store.add_feed(f"https://news{f}.test/rss", title=f"News {f}", tags=["local"])
            entries = tuple(
                ParsedEntry(
                    key=f"{f}-{i}",
                    url=f"https://news{f}.test/{i}",
                    title=title,
                    summary=f"<p>{TITLES[(i + f + 3) % len(TITLES)]}</p>",
                    published=NOW - (i * 3 + f) * 60,
                )
                for i, title in enumerate(TITLES)
                if (i + f) % 3 != 2
            )
            store.record_feed_update(
                feed.id,
                ParsedFeed(title=f"News {f}", entries=entries),
                checked_at=NOW,
                etag=None,
                last_modified=None,
                next_due=None,
            )
        ids = store.story_ids()
        store.index_article_text(ids[4], "The elevator to the harbour was mended on Monday.")
        store.set_read(ids[::4])
        store.set_starred(ids[3], True)
        found = {
            words: {
                "ids": store.story_ids(StoryFilter(search=words)),
                "head": store.story_head(StoryFilter(search=words), limit=3),
                "counts": list(store.counts(StoryFilter(search=words))),
            }
            for words in SEARCHES
        }
        stories = [
            [s.id, s.feed_id, s.title, s.read, s.starred] for s in store.stories(StoryFilter())
        ]
    (OUT / "searches.json").write_text(
        json.dumps({"stories": stories, "searches": found}, ensure_ascii=False, indent=1) + "\n"
    )
    for suffix in ("-wal", "-shm"):
        (OUT / f"newsterm.db{suffix}").unlink(missing_ok=True)
    print(f"wrote {OUT}: {len(stories)} stories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
