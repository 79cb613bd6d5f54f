"""Synthetic caches for the TUI and scale benches: the same stories for newsterm and newsboat.

Titles and texts are drawn from a made-up vocabulary with a Zipf distribution, so that
search sees what it sees in real news: a few words in most stories, most words in few.
Everything is deterministic (fixed seeds), so two runs build the same caches.

newsterm's cache is written through its own store API (`Store.record_feed_update`, the
reader's article cache, `index_article_text`), as a refresh and a prefetch would leave it.
newsboat's is written in newsboat's own schema, which newsboat itself creates first.
Nothing here touches the network.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

NOW = time.time()
STORY_SPACING = 30.0  # seconds between two stories, across all feeds
VOCABULARY = 6000


def _vocabulary(size: int) -> list[str]:
    """Pronounceable made-up words, shortest (and most frequent) first."""
    rng = random.Random(14)
    onsets = ["", "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v"]
    nuclei = ["a", "e", "i", "o", "u", "ai", "ou"]
    codas = ["", "n", "r", "s", "l", "t", "m"]
    syllables = [o + n + c for o in onsets for n in nuclei for c in codas]
    words: dict[str, None] = {}
    length = 1
    while len(words) < size:
        for _ in range(size * 2):
            words.setdefault("".join(rng.choice(syllables) for _ in range(length)), None)
            if len(words) >= size:
                break
        length += 1
    return sorted(words, key=lambda w: (len(w), w))[:size]


WORDS = _vocabulary(VOCABULARY)
_WEIGHTS = list(itertools.accumulate(1.0 / rank for rank in range(1, VOCABULARY + 1)))


class Text:
    """Words drawn with Zipf's law, from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def words(self, count: int) -> str:
        return " ".join(self.rng.choices(WORDS, cum_weights=_WEIGHTS, k=count))

    def title(self) -> str:
        return self.words(self.rng.randint(6, 12)).capitalize()

    def paragraphs(self, count: int, words: int) -> str:
        return "\n\n".join(self.words(words).capitalize() + "." for _ in range(count))


@dataclass(frozen=True, slots=True)
class SyntheticStory:
    feed: int
    index: int
    key: str
    url: str
    title: str
    published: float
    summary: str


def feed_title(feed: int) -> str:
    return f"{WORDS[200 + feed % 3000].capitalize()} News {feed:04d}"


def feed_url(base_url: str, feed: int) -> str:
    return f"{base_url}/feed{feed}.xml"


def story_url(base_url: str, feed: int, index: int) -> str:
    return f"{base_url}/a/{feed}/{index}.html"


def feed_stories(base_url: str, feed: int, feeds: int, per_feed: int) -> Iterator[SyntheticStory]:
    """One feed's stories, newest first; story (0, 0) is the newest of the whole cache."""
    text = Text(feed * 7919 + 1)
    for index in range(per_feed):
        url = story_url(base_url, feed, index)
        yield SyntheticStory(
            feed=feed,
            index=index,
            key=url,
            url=url,
            title=text.title(),
            published=NOW - (index * feeds + feed) * STORY_SPACING,
            summary=text.words(40).capitalize() + ".",
        )


def newest_title(base_url: str, feeds: int) -> str:
    return next(feed_stories(base_url, 0, feeds, 1)).title


# -- newsterm -------------------------------------------------------------------------------


def build_newsterm(
    data_dir: Path, *, feeds: int, per_feed: int, articles: int, base_url: str
) -> None:
    """A newsterm cache as refreshes and prefetches leave it: `articles` of the newest
    stories have their full text cached and searchable."""
    from tui_news.core.models import ParsedEntry, ParsedFeed
    from tui_news.core.storage import Store

    data_dir.mkdir(parents=True, exist_ok=True)
    with Store(data_dir / "newsterm.db") as store:
        store.add_feeds(
            (feed_url(base_url, f), feed_title(f), [f"topic{f % 12}"]) for f in range(feeds)
        )
        ids = {feed.url: feed.id for feed in store.feeds()}
        for f in range(feeds):
            entries = tuple(
                ParsedEntry(
                    key=s.key, url=s.url, title=s.title, published=s.published, summary=s.summary
                )
                for s in feed_stories(base_url, f, feeds, per_feed)
            )
            store.record_feed_update(
                ids[feed_url(base_url, f)],
                ParsedFeed(title=feed_title(f), site_url=base_url, entries=entries),
                checked_at=NOW,
                etag=None,
                last_modified=None,
                next_due=NOW + 86_400,
            )
        _mark(store)
        if articles:
            _cache_articles(store, base_url, feeds, per_feed, articles)


def _mark(store: object) -> None:
    """As a reader leaves a cache: all but the newest tenth read, one story in 500 starred."""
    from tui_news.core.storage import Store

    assert isinstance(store, Store)
    ids = store.story_ids()
    store.set_read(ids[len(ids) // 10 :])
    for story_id in ids[::500]:
        store.set_starred(story_id, True)


def _cache_articles(store: object, base_url: str, feeds: int, per_feed: int, count: int) -> None:
    """The newest `count` stories' articles, as the reader stores and indexes them."""
    from tui_news.core.models import StoryFilter
    from tui_news.core.storage import Store
    from tui_news.reader import cache
    from tui_news.reader.article import Article

    assert isinstance(store, Store)
    text = Text(99)
    for story in store.stories(StoryFilter(), limit=count):
        body = text.paragraphs(8, 70)
        article = Article(
            input=story.url,
            url=story.url,
            title=story.title,
            author="A. Writer",
            sitename=story.feed_title,
            language="en",
            text=body,
            word_count=len(body.split()),
            fetched=NOW,
        )
        cache.save(store, story.url, article)
        store.index_article_text(story.id, body)


# -- newsboat -------------------------------------------------------------------------------


def build_newsboat(directory: Path, *, feeds: int, per_feed: int, base_url: str) -> None:
    """newsboat's url list, an empty config (its defaults) and its cache holding the
    same stories, in the schema newsboat creates."""
    directory.mkdir(parents=True, exist_ok=True)
    urls, config, cache_db = newsboat_files(directory)
    urls.write_text("".join(feed_url(base_url, f) + "\n" for f in range(feeds)), "utf-8")
    config.write_text("", "utf-8")
    cache_db.unlink(missing_ok=True)
    subprocess.run(
        ["newsboat", "-u", urls, "-c", cache_db, "-C", config, "-x", "print-unread"],
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(cache_db) as conn:
        conn.executemany(
            "INSERT INTO rss_feed (rssurl, url, title) VALUES (?, ?, ?)",
            [(feed_url(base_url, f), base_url, feed_title(f)) for f in range(feeds)],
        )
        for f in range(feeds):
            conn.executemany(
                """INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content,
                                         unread, enclosure_url, enclosure_type)
                   VALUES (?, ?, '', ?, ?, ?, ?, 1, '', '')""",
                [
                    (s.key, s.title, s.url, feed_url(base_url, f), int(s.published), s.summary)
                    for s in feed_stories(base_url, f, feeds, per_feed)
                ],
            )


def newsboat_files(directory: Path) -> tuple[Path, Path, Path]:
    return directory / "urls", directory / "config", directory / "cache.db"


# -- a local site for refreshes and prefetches ----------------------------------------------


def write_site(
    directory: Path, site_url: str, listed: list[list[tuple[str, str, float, str]]], *, new: int
) -> None:
    """An RSS file for each feed of `listed` (the (url, title, published, summary) of the
    stories it lists now, as the cache holds them): `new` stories newer than the cache,
    whose pages are served here on `site_url`, then those."""
    directory.mkdir(parents=True, exist_ok=True)
    text = Text(7)
    for f, stories in enumerate(listed):
        items = []
        for index in range(-new, 0):
            link, title = story_url(site_url, f, index), text.title()
            _write_page(directory / "a" / str(f) / f"{index}.html", title, text)
            items.append(_item(title, link, time.time() + 60 * -index, text.words(40)))
        items += [
            _item(title, url, published, summary) for url, title, published, summary in stories
        ]
        (directory / f"feed{f}.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>{feed_title(f)}</title><link>{site_url}/</link>{''.join(items)}"
            "</channel></rss>",
            "utf-8",
        )


def _item(title: str, link: str, published: float, summary: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{formatdate(published)}</pubDate><description>{summary}</description></item>"
    )


def _write_page(path: Path, title: str, text: Text) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    paragraphs = "".join(f"<p>{text.words(60).capitalize()}.</p>" for _ in range(8))
    path.write_text(
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"{paragraphs}</article><footer>© Site</footer></body></html>",
        "utf-8",
    )
