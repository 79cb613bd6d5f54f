"""OPML import and export: the shared corpus, listparser's cases, round trips, hostile files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import CORPUS
from tui_news.core.models import Feed
from tui_news.core.storage import Store
from tui_news.core.subscriptions.opml import (
    SubscriptionFileError,
    parse_opml,
    read_subscription_file,
    write_opml,
)
from tui_news.core.subscriptions.records import SubscriptionList, import_subscriptions

OPML_CORPUS = CORPUS / "opml"
CORPUS_FILES = sorted(
    path
    for path in OPML_CORPUS.rglob("*")
    if path.is_file() and path.name != "MANIFEST.tsv" and "LICENSES" not in path.parts
)
OPML_FILES = [path for path in CORPUS_FILES if b"<opml" in path.read_bytes().lower()]
LISTPARSER = OPML_CORPUS / "listparser-tests" / "files"
AWESOME = OPML_CORPUS / "awesome-rss-feeds" / "recommended"
# Not subscription lists at all: each must fail with a reason, never import nothing quietly.
NOT_LISTS = {
    "newsboat/opml-element-missing.opml": "root element is <not-opml>",
    "listparser-tests/files/unknown-namespace.xml": "not an OPML file",
    "newsraft/newsraft_json_parse_1.json": "JSON",
}
# Independent of the importer: every feed entry the raw bytes show, empty xmlUrl excluded.
RAW_FEED_ENTRY = re.compile(rb"""\sxmlurl\s*=\s*["']\s*[^"'\s]""", re.I)


def corpus_id(path: Path) -> str:
    return str(path.relative_to(OPML_CORPUS))


def read(path: Path) -> SubscriptionList:
    return read_subscription_file(path.read_bytes())


def feed(url: str, title: str = "", tags: tuple[str, ...] = (), site_url: str = "") -> Feed:
    return Feed(id=0, url=url, title=title, tags=tags, site_url=site_url)


# -- the corpus ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_FILES, ids=corpus_id)
def test_every_corpus_file_imports_in_full_or_fails_clearly(path: Path) -> None:
    data = path.read_bytes()
    try:
        listed = read_subscription_file(data)
    except SubscriptionFileError as error:
        assert len(error.message) > 10
        return
    urls = [f.url for f in listed.feeds]
    assert len(urls) == len(set(urls)), "a feed listed twice must be imported once"
    assert all(url.startswith(("http://", "https://")) for url in urls)
    if listed.format == "OPML":
        accounted = len(urls) + listed.duplicates + len(listed.skipped) + listed.lost
        assert accounted == len(RAW_FEED_ENTRY.findall(data))
    if listed.lost:
        assert listed.problems, "entries lost to a damaged file must be reported"


@pytest.mark.slow
@pytest.mark.parametrize("path", OPML_FILES, ids=corpus_id)
def test_a_malformed_xml_file_is_never_imported_silently(path: Path) -> None:
    data = path.read_bytes()
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        pass
    else:
        return
    try:
        listed = read_subscription_file(data)
    except SubscriptionFileError as error:
        assert "line" in error.message
        return
    said = " ".join(listed.notes + listed.problems)
    assert "not well-formed XML" in said and re.search(r"line \d+, column \d+", said)


@pytest.mark.parametrize("name, reason", NOT_LISTS.items())
def test_files_that_are_not_subscription_lists_are_refused(name: str, reason: str) -> None:
    with pytest.raises(SubscriptionFileError, match=re.escape(reason)):
        read(OPML_CORPUS / name)


def test_the_corpus_counts_match_the_manifest_for_well_formed_lists() -> None:
    manifest = (OPML_CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    checked = 0
    for line in manifest:
        name, *_, count, _what, _listparser = line.split("\t")
        path = OPML_CORPUS / name
        if name.startswith("newsboat/") and name.endswith("missing.opml"):
            continue
        if not name.startswith(("awesome-rss-feeds/", "newsboat/", "nom/")):
            continue
        listed = read(path)
        assert len(listed.feeds) + len(listed.skipped) + listed.lost == int(count), name
        checked += 1
    assert checked > 100


def test_nested_folders_each_become_a_tag() -> None:
    listed = read(OPML_CORPUS / "newsboat" / "example.opml")
    tags = {f.url: f.tags for f in listed.feeds}
    assert tags["https://blogs.example.com/~mike/.rss"] == ("Blogs", "friends")
    assert tags["https://blogs.example.com/~john/posts.rss"] == ("Blogs",)
    assert tags["https://example.com/feed.xml"] == ()
    assert len(listed.feeds) == 7 and not listed.notes


def test_newsboat_category_attribute_gives_its_tags() -> None:
    (only,) = read(OPML_CORPUS / "newsboat" / "category.opml").feeds
    assert only.tags == ("tag one", "tag_two", "tag/three")


def test_a_command_feed_is_skipped_with_its_line_and_reason() -> None:
    listed = read(OPML_CORPUS / "newsboat" / "piped.opml")
    assert [f.url for f in listed.feeds] == ["https://example.com/feed.atom"]
    (reason,) = listed.skipped
    assert reason.startswith("line 8:") and "Birdsite search" in reason


def test_stray_ampersands_are_repaired_and_every_feed_read() -> None:
    listed = read(AWESOME / "with_category" / "Android.opml")
    assert len(listed.feeds) == 18 and not listed.problems
    (note,) = listed.notes
    assert "not well-formed XML (line 30, column" in note and "repaired" in note


def test_a_damaged_file_says_how_many_entries_were_recovered() -> None:
    listed = read(AWESOME / "with_category" / "Programming.opml")
    assert len(listed.feeds) == 49 and listed.lost == 1
    (problem,) = listed.problems
    assert "recovered 49 of its 50 feed entries" in problem and "line 34, column 140" in problem
    # The entry whose markup broke must not turn into a folder for the ones after it.
    assert {tag for f in listed.feeds for tag in f.tags} == {"Programming"}


def test_quotes_inside_attributes_are_recovered_in_full() -> None:
    listed = read(OPML_CORPUS / "awesome-rss-feeds/countries/with_category/Russia.opml")
    assert len(listed.feeds) == 13 and not listed.lost
    assert any(f.title == "Вести.Ru" for f in listed.feeds)


def test_text_before_the_xml_declaration_is_repaired() -> None:
    listed = read(OPML_CORPUS / "nom" / "test.opml")
    assert len(listed.feeds) == 20
    assert "text before the first tag" in listed.notes[0]


# -- listparser's cases -------------------------------------------------------------------


def only_feed(relative: str) -> tuple[str, str, tuple[str, ...]]:
    (found,) = read(LISTPARSER / relative).feeds
    return found.url, found.title, found.tags


@pytest.mark.parametrize(
    "relative, tags",
    [
        ("opml/categories/cats-1-single_standalone.xml", ("root",)),
        ("opml/categories/cats-2-single_hierarchy.xml", ("root", "parent", "child")),
        ("opml/categories/cats-3-multiple.xml", ("root1", "node1", "root2", "node2")),
        ("opml/categories/tags-2-multiple.xml", ("tag1", "tag2")),
        ("opml/categories/tags-4-bad.xml", ("tag1", "tag2")),
        ("opml/categories/duplication.xml", ("dupe",)),
        ("opml/categories/hier-2-nested.xml", ("grouping1", "grouping2")),
        ("opml/categories/hier-3-whitespace.xml", ("grouping",)),
        ("opml/categories/hier-4-mixed.xml", ("grouping", "tag", "parent", "child")),
        ("opml/categories/hier-5-title.xml", ("wordpress",)),
        ("opml/outline-duplication-2.xml", ("hier1", "hier2")),
    ],
)
def test_listparser_categories_and_folders_become_tags(relative: str, tags: tuple) -> None:
    assert only_feed(relative)[2] == tags


@pytest.mark.parametrize(
    "relative",
    [
        "opml/outline_xmlUrl.xml",
        "opml/outline_xmlUrl-whitespace.xml",
        "opml/outline_xmlUrl-miscapitalized.xml",
    ],
)
def test_listparser_feed_urls_are_found_and_trimmed(relative: str) -> None:
    assert only_feed(relative)[0] == "http://domain/feed"


def test_listparser_titles_prefer_text_and_fall_back_to_title() -> None:
    texts = {
        name: only_feed(f"opml/{name}.xml")[1]
        for name in ("outline_text-overrides_title", "outline_title-text_empty", "outline_text")
    }
    assert all(texts.values()) and texts["outline_text"] == "feedname"


def test_html_entities_in_a_title_are_decoded() -> None:
    titles = [f.title for f in read(LISTPARSER / "malformed/html-entity-attribute.xml").feeds]
    assert titles == ["archæology", "archæology"]


def test_outlines_without_a_feed_url_are_not_feeds() -> None:
    for name in ("opml/outline_xmlUrl-empty.xml", "opml/opportunities/opml-htmlUrl.xml"):
        listed = read(LISTPARSER / name)
        assert listed.feeds == [] and listed.skipped == []


# -- export and round trips ---------------------------------------------------------------

AWKWARD_FEEDS = [
    feed("https://a.example/feed?x=1&y=2", "Tom & Jerry <3 \"quoted\" 'single'", ("news", "world")),
    feed("https://b.example/rss", "Ünïcödé — 日本語 ニュース", ("日本", "Ünï & co")),
    feed("https://c.example/atom.xml", "", ()),
    feed("https://d.example/f", "Plain", ("a, b", "c")),
    feed("https://e.example/f", "Slashed", ("/root/leaf", "x")),
    feed("https://f.example/f", "Site", ("x",), site_url="https://f.example/"),
    # Two tags that `category` cannot carry: both must survive as folders.
    feed("https://g.example/f", "Two awkward", ("p, q", "/r", "s")),
]


def as_set(feeds: list) -> set[tuple[str, str, frozenset[str]]]:
    return {(f.url, f.title, frozenset(f.tags)) for f in feeds}


def test_export_then_import_is_lossless() -> None:
    document = write_opml(AWKWARD_FEEDS)
    listed = parse_opml(document)
    assert as_set(listed.feeds) == as_set(AWKWARD_FEEDS)
    assert not (listed.notes or listed.problems or listed.skipped or listed.duplicates)
    site_urls = {f.url: f.site_url for f in listed.feeds}
    assert site_urls["https://f.example/f"] == "https://f.example/"


def test_export_is_opml_2_with_a_folder_per_tag_and_every_tag_in_category() -> None:
    root = etree.fromstring(write_opml(AWKWARD_FEEDS))
    assert root.tag == "opml" and root.get("version") == "2.0"
    (entry,) = root.findall(".//outline[@xmlUrl='https://a.example/feed?x=1&y=2']")
    assert entry.getparent().get("text") == "news"
    assert entry.get("category") == "news,world" and entry.get("type") == "rss"
    untagged = root.find(".//outline[@xmlUrl='https://c.example/atom.xml']")
    assert untagged.getparent().tag == "body" and untagged.get("text") == untagged.get("xmlUrl")
    assert root.find(".//outline[@xmlUrl='https://f.example/f']").get("htmlUrl")


def test_store_round_trip_restores_feeds_titles_and_tags(tmp_path: Path) -> None:
    with Store(tmp_path / "one.db") as first:
        report = import_subscriptions(first, parse_opml(write_opml(AWKWARD_FEEDS)))
        assert report.added == len(AWKWARD_FEEDS)
        exported = write_opml(first.feeds())
    with Store(tmp_path / "two.db") as second:
        import_subscriptions(second, parse_opml(exported))
        assert as_set(second.feeds()) == as_set(AWKWARD_FEEDS)


def test_import_counts_already_subscribed_and_listed_twice(tmp_path: Path) -> None:
    listed = read(LISTPARSER / "opml/outline-duplication-1.xml")
    with Store(tmp_path / "n.db") as store:
        store.add_feed("http://domain/feed")
        report = import_subscriptions(store, listed)
    assert (report.added, report.already, report.duplicates) == (0, 1, 1)
    assert report.summary() == "imported 0 feeds (1 already subscribed, 1 listed twice)"


def test_an_empty_store_exports_a_valid_empty_list() -> None:
    listed = parse_opml(write_opml([]))
    assert listed.feeds == [] and not listed.notes


# -- hostile and odd input ----------------------------------------------------------------


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<opml version="2.0"><body><outline text="x &s;" xmlUrl="https://x.example/"/>'
        "</body></opml>"
    ).encode()
    try:
        listed = read_subscription_file(document)
    except SubscriptionFileError:
        return
    assert all("TOP-SECRET" not in f.title for f in listed.feeds)


def test_terminal_escapes_in_titles_and_folders_are_removed() -> None:
    document = (
        b'<opml version="1.0"><body><outline text="\x1b[31mRed&#27;]0;pwn&#7;">'
        b'<outline text="Evil\x1b]52;c;AAAA\x07 title" xmlUrl="https://x.example/f"/>'
        b"</outline></body></opml>"
    )
    (only,) = read_subscription_file(document).feeds
    assert "\x1b" not in only.title + "".join(only.tags) and "\x07" not in only.tags[0]
    assert only.title == "Evil title"


def test_feed_scheme_urls_are_accepted_and_javascript_refused() -> None:
    document = (
        b'<opml version="1.0"><body><outline text="a" xmlUrl="feed://a.example/rss"/>'
        b'<outline text="b" xmlUrl="javascript:alert(1)"/></body></opml>'
    )
    listed = read_subscription_file(document)
    assert [f.url for f in listed.feeds] == ["http://a.example/rss"]
    assert "not an http(s) feed URL" in listed.skipped[0]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"<!DOCTYPE html><html><body>hi</body></html>", "HTML page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "JSON"),
        (b"<opml><body><outline", "not well-formed XML: line 1"),
        (b"<rss version='2.0'><channel/></rss>", "root element is <rss>"),
    ],
)
def test_what_is_not_a_list_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(SubscriptionFileError, match=re.escape(reason)):
        read_subscription_file(data)
