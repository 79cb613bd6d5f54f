"""Importing a list into a store that already has some of its feeds: their tags merge."""

from __future__ import annotations

from tui_news.core.errors import CacheError
from tui_news.core.storage import Store
from tui_news.core.subscriptions.newsboat import parse_urls
from tui_news.core.subscriptions.opml import parse_opml
from tui_news.core.subscriptions.records import import_subscriptions

NESTED_OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline text="News">
    <outline text="World">
      <outline text="Planet" type="rss" xmlUrl="https://planet.example/feed"/>
    </outline>
  </outline>
  <outline text="Fresh" type="rss" xmlUrl="https://fresh.example/rss"/>
</body></opml>
"""


def tags_of(store: Store, url: str) -> set[str]:
    feed = store.feed_by_url(url)
    assert feed is not None
    return set(feed.tags)


def test_opml_folders_are_added_to_an_existing_feeds_tags(store: Store) -> None:
    store.add_feed("https://planet.example/feed", title="Mine", tags=["keep", "World"])
    report = import_subscriptions(store, parse_opml(NESTED_OPML))
    assert (report.added, report.already, report.tagged) == (1, 1, 1)
    assert report.summary() == "imported 1 feed (1 already subscribed, 1 of them given new tags)"
    assert tags_of(store, "https://planet.example/feed") == {"keep", "News", "World"}
    planet = store.feed_by_url("https://planet.example/feed")
    assert planet is not None and planet.title == "Mine"  # only tags merge
    assert store.feed_count() == 2


def test_importing_again_adds_no_tag_twice(store: Store) -> None:
    store.add_feed("https://planet.example/feed", tags=["keep"])
    import_subscriptions(store, parse_opml(NESTED_OPML))
    again = import_subscriptions(store, parse_opml(NESTED_OPML))
    assert (again.added, again.already, again.tagged) == (0, 2, 0)
    assert again.summary() == "imported 0 feeds (2 already subscribed)"
    planet = store.feed_by_url("https://planet.example/feed")
    assert planet is not None and sorted(planet.tags) == ["News", "World", "keep"]


def test_newsboat_tags_after_the_url_are_merged(store: Store) -> None:
    store.add_feed("https://a.example/feed", tags=["tech"])
    store.add_feed("https://b.example/feed", tags=["untouched"])
    listed = parse_urls(
        'https://a.example/feed tech "long reads" "~A title"\n'
        "https://b.example/feed\n"
        "https://c.example/feed new\n"
    )
    report = import_subscriptions(store, listed)
    assert (report.added, report.already, report.tagged) == (1, 2, 1)
    assert tags_of(store, "https://a.example/feed") == {"tech", "long reads"}
    assert tags_of(store, "https://b.example/feed") == {"untouched"}
    assert tags_of(store, "https://c.example/feed") == {"new"}


def test_a_url_written_differently_merges_into_the_same_feed(store: Store) -> None:
    store.add_feed("https://a.example/feed", tags=["old"])
    report = import_subscriptions(store, parse_urls("HTTPS://A.Example:443/feed#top fresh\n"))
    assert (report.added, report.tagged, store.feed_count()) == (0, 1, 1)
    assert tags_of(store, "https://a.example/feed") == {"old", "fresh"}


def test_the_import_is_one_transaction(store: Store) -> None:
    store.add_feed("https://planet.example/feed")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    import_subscriptions(store, parse_opml(NESTED_OPML))
    store.conn.set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"]
    writes = [s for s in statements if s.upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes and statements.index(writes[-1]) < statements.index("COMMIT")


def test_a_failure_part_way_leaves_the_store_as_it_was(store: Store) -> None:
    store.add_feed("https://planet.example/feed", tags=["keep"])
    # A trigger fails the second new feed: the merge of the first must roll back too.
    store.conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON feeds WHEN NEW.url LIKE '%fresh%' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    try:
        import_subscriptions(store, parse_opml(NESTED_OPML))
    except CacheError:
        pass
    else:
        raise AssertionError("the trigger should have refused the import")
    assert tags_of(store, "https://planet.example/feed") == {"keep"}
    assert store.feed_count() == 1


def test_a_list_naming_a_feed_twice_in_two_spellings_lists_it_once() -> None:
    listed = parse_urls("https://a.example/feed one\nHTTPS://A.EXAMPLE:443/feed#x two\n")
    assert [(feed.url, feed.tags) for feed in listed.feeds] == [
        ("https://a.example/feed", ("one", "two"))
    ]
    assert listed.duplicates == 1
