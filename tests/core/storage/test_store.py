"""The cache's promises: stable identity, flags that survive updates, search that keeps
what the reader found, and titles the user chose."""

from __future__ import annotations

from dataclasses import replace

from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.storage import Store

ENTRY = ParsedEntry(
    key="guid-1",
    url="https://news.test/a",
    title="Harbour cranes return",
    summary="<p>The cranes are back.</p>",
    published=1_700_000_000.0,
)


def ingest(store: Store, feed_id: int, *entries: ParsedEntry, title: str = "Feed") -> None:
    record_fetch(store, feed_id, *entries, at=1_700_000_100.0, title=title)


def test_an_updated_entry_is_updated_in_place_and_keeps_its_flags(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, ENTRY)
    (story_id,) = store.story_ids()
    store.set_read([story_id])
    store.set_starred(story_id, True)
    ingest(store, feed.id, replace(ENTRY, title="Harbour cranes return, at last"))
    assert store.story_ids() == [story_id]
    story = store.story(story_id)
    assert story is not None
    assert (story.title, story.read, story.starred) == (
        "Harbour cranes return, at last",
        True,
        True,
    )


def test_article_text_stays_searchable_when_the_feed_updates_the_entry(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, ENTRY)
    (story_id,) = store.story_ids()
    store.index_article_text(story_id, "The full article mentions the dockers' union ballot.")
    ingest(store, feed.id, replace(ENTRY, title="Harbour cranes return, at last"))
    assert store.story_ids(StoryFilter(search="ballot")) == [story_id]
    assert store.story_ids(StoryFilter(search="last")) == [story_id]  # the new title too


def test_feed_text_is_reindexed_when_no_article_was_read(store: Store) -> None:
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, ENTRY)
    ingest(store, feed.id, replace(ENTRY, summary="<p>Now with ferries.</p>"))
    assert len(store.story_ids(StoryFilter(search="ferries"))) == 1
    assert store.story_ids(StoryFilter(search="cranes are back")) == []


def test_a_title_the_user_gave_is_kept_and_an_empty_one_is_filled(store: Store) -> None:
    named = store.add_feed("https://news.test/rss", title="My harbour news")
    unnamed = store.add_feed("https://other.test/rss")
    ingest(store, named.id, ENTRY, title="HARBOUR TIMES — All stories")
    ingest(store, unnamed.id, replace(ENTRY, key="x"), title="Other Times")
    assert store.feed(named.id).title == "My harbour news"
    assert store.feed(unnamed.id).title == "Other Times"


def test_a_title_the_feed_gave_follows_the_feed(store: Store) -> None:
    """A title first filled from the feed is the feed's: renewed by the next refresh (not
    blanked by a feed that lost its title); one a list gave stays."""
    named = store.add_feed("https://news.test/rss", title="My harbour news")
    unnamed = store.add_feed("https://other.test/rss")
    ingest(store, unnamed.id, replace(ENTRY, key="x"), title="Other Times")
    ingest(store, unnamed.id, replace(ENTRY, key="x"), title="The Other Times")
    assert store.feed(unnamed.id).title == "The Other Times"
    ingest(store, unnamed.id, replace(ENTRY, key="x"), title="")
    assert store.feed(unnamed.id).title == "The Other Times"
    ingest(store, named.id, ENTRY, title="HARBOUR TIMES")
    ingest(store, named.id, ENTRY, title="HARBOUR TIMES, daily")
    assert store.feed(named.id).title == "My harbour news"


def test_tags_are_stored_as_safe_single_lines(store: Store) -> None:
    # A user's --tag holds whatever the shell passed: escapes, bidi overrides, newlines.
    feed = store.add_feed(
        "https://a.test/rss",
        tags=["\x1b]52;c;aGk=\x07world", "left\u202eright", "two\nlines", "\x1f"],
    )
    assert sorted(store.feed(feed.id).tags) == ["leftright", "two lines", "world"]
    store.merge_feeds([("https://a.test/rss", "", ["\x1b[31mred"])])
    assert "red" in store.feed(feed.id).tags


def test_a_feed_without_a_title_never_shows_the_password_in_its_url(store: Store) -> None:
    feed = store.add_feed("https://reader:s3cret@private.test/rss")
    assert feed.display_title == "https://reader:***@private.test/rss"


def test_plain_text_of_a_summary_full_of_angle_brackets_is_quick() -> None:
    import time

    from tui_news.core.storage.stories import plain_text

    started = time.perf_counter()
    assert plain_text("a <b>bold</b> move") == "a bold move"
    plain_text("<" * 100_000)  # the old pattern took seconds here (quadratic)
    assert time.perf_counter() - started < 0.5


def test_an_entry_listed_again_under_a_new_id_is_the_same_story(store: Store) -> None:
    """Some feeds make up a new guid on every fetch: the same link, title and date under
    another id is the story already stored (flags kept), not a duplicate each refresh."""
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, ENTRY)
    (story_id,) = store.story_ids()
    store.set_read([story_id])
    for n in range(3):
        ingest(store, feed.id, replace(ENTRY, key=f"guid-1-fetch-{n}"))
    assert store.story_ids() == [story_id]
    story = store.story(story_id)
    assert story is not None and story.read
    ingest(store, feed.id, replace(ENTRY, key="guid-1-fetch-2", summary="<p>Updated.</p>"))
    assert store.story_ids(StoryFilter(search="updated")) == [story_id]  # known by its new id


def test_entries_alike_but_for_their_ids_stay_apart_when_the_feed_lists_both(
    store: Store,
) -> None:
    """Two entries of one fetch that share a link, title and date are two stories, and so
    is a daily item that keeps its link and title but not its date."""
    feed = store.add_feed("https://news.test/rss")
    ingest(store, feed.id, ENTRY, replace(ENTRY, key="guid-2"))
    assert len(store.story_ids()) == 2
    ingest(store, feed.id, ENTRY, replace(ENTRY, key="guid-2"), replace(ENTRY, key="guid-3"))
    assert len(store.story_ids()) == 3  # guid-1 and guid-2 are still listed as themselves
    daily = replace(ENTRY, key="day-2", published=ENTRY.published + 86_400)  # type: ignore[operator]
    ingest(store, feed.id, daily)
    assert len(store.story_ids()) == 4


def test_importing_again_after_a_refresh_renamed_the_stories_adds_nothing(store: Store) -> None:
    """newsboat's cache holds a feed's stories under the ids of the fetch it made; a
    refresh here renames them to the ids the feed makes up now. Importing the cache
    again must still find them, not add them a second time."""
    from tui_news.core.models import ImportedStory

    url = "https://news.test/rss"
    imported = {url: [ImportedStory(ENTRY, read=True, starred=False)]}
    first = store.import_feeds_and_stories([(url, "Feed", ())], imported)
    assert first.stories_added == 1
    (feed,) = store.feeds()
    ingest(store, feed.id, replace(ENTRY, key="guid-1-made-up-now"))
    again = store.import_feeds_and_stories([(url, "Feed", ())], imported)
    assert (again.stories_added, again.stories_already) == (0, 1)
    assert len(store.story_ids()) == 1
