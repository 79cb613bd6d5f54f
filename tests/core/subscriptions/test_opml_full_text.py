"""The per-feed full-text setting survives export and import (newsterm's OPML namespace)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tui_news.core.models import Feed
from tui_news.core.storage import Store
from tui_news.core.subscriptions.opml import NEWSTERM_NS, parse_opml, write_opml
from tui_news.core.subscriptions.records import import_subscriptions

SETTINGS = {
    "https://follow.example/rss": None,
    "https://always.example/rss": True,
    "https://never.example/rss": False,
}


def full_text_by_url(feeds: list) -> dict[str, bool | None]:
    return {feed.url: feed.full_text for feed in feeds}


def store_with_settings(path: Path) -> Store:
    store = Store(path)
    store.add_feeds((url, "", ("news",)) for url in SETTINGS)
    for feed in store.feeds():
        if SETTINGS[feed.url] is not None:
            store.update_feed_settings(feed.id, full_text=SETTINGS[feed.url])
    return store


def test_store_round_trip_keeps_follow_always_and_never(tmp_path: Path) -> None:
    with store_with_settings(tmp_path / "one.db") as first:
        assert full_text_by_url(first.feeds()) == SETTINGS
        exported = write_opml(first.feeds())
    with Store(tmp_path / "two.db") as second:
        report = import_subscriptions(second, parse_opml(exported))
        assert report.added == 3 and report.complete and not report.notes
        assert full_text_by_url(second.feeds()) == SETTINGS


def test_export_marks_only_set_feeds_in_newsterms_namespace() -> None:
    feeds = [
        Feed(id=n, url=url, full_text=value) for n, (url, value) in enumerate(SETTINGS.items())
    ]
    root = etree.fromstring(write_opml(feeds))
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.nsmap.get("newsterm") == NEWSTERM_NS
    marks = {o.get("xmlUrl"): o.get(f"{{{NEWSTERM_NS}}}fullText") for o in root.iter("outline")}
    assert marks == {
        "https://follow.example/rss": None,
        "https://always.example/rss": "true",
        "https://never.example/rss": "false",
    }


def test_other_readers_opml_imports_as_follow_the_config(tmp_path: Path) -> None:
    document = b"""<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="A" xmlUrl="https://a.example/rss"/>
      <outline text="B" xmlUrl="https://b.example/rss" fullText="true"/>
    </body></opml>"""
    listed = parse_opml(document)
    assert [feed.full_text for feed in listed.feeds] == [None, None]
    with Store(tmp_path / "n.db") as store:
        import_subscriptions(store, listed)
        assert [feed.full_text for feed in store.feeds()] == [None, None]


def test_the_attribute_counts_only_in_newsterms_namespace() -> None:
    document = b"""<opml version="2.0" xmlns:other="https://other.example/ns"><body>
      <outline text="A" xmlUrl="https://a.example/rss" other:fullText="true"/>
    </body></opml>"""
    (feed,) = parse_opml(document).feeds
    assert feed.full_text is None


def test_a_bogus_value_is_ignored_with_a_note_naming_the_feed() -> None:
    document = f"""<opml version="2.0" xmlns:newsterm="{NEWSTERM_NS}"><body>
      <outline text="Odd" xmlUrl="https://odd.example/rss" newsterm:fullText="maybe"/>
      <outline text="Yes" xmlUrl="https://yes.example/rss" newsterm:fullText=" TRUE "/>
    </body></opml>""".encode()
    listed = parse_opml(document)
    assert full_text_by_url(listed.feeds) == {
        "https://odd.example/rss": None,
        "https://yes.example/rss": True,
    }
    (note,) = listed.notes
    assert "'Odd'" in note and "maybe" in note and "line 2" in note
    assert not (listed.problems or listed.skipped)


def test_an_existing_subscription_keeps_the_users_setting(tmp_path: Path) -> None:
    with store_with_settings(tmp_path / "one.db") as store:
        flipped = [
            Feed(id=1, url="https://always.example/rss", full_text=False),
            Feed(id=2, url="https://never.example/rss", full_text=True),
            Feed(id=3, url="https://follow.example/rss", full_text=True),
            Feed(id=4, url="https://new.example/rss", full_text=False),
        ]
        report = import_subscriptions(store, parse_opml(write_opml(flipped)))
        assert (report.added, report.already) == (1, 3)
        assert full_text_by_url(store.feeds()) == {**SETTINGS, "https://new.example/rss": False}


def test_a_feed_listed_twice_takes_the_first_setting_given() -> None:
    document = f"""<opml version="2.0" xmlns:newsterm="{NEWSTERM_NS}"><body>
      <outline text="A" xmlUrl="https://a.example/rss"/>
      <outline text="A" xmlUrl="https://a.example/rss" newsterm:fullText="false"/>
      <outline text="A" xmlUrl="https://a.example/rss" newsterm:fullText="true"/>
    </body></opml>""".encode()
    (feed,) = parse_opml(document).feeds
    assert feed.full_text is False
