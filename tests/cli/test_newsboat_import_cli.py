"""Switching from newsboat in one command, end to end: a set-up made by the real newsboat
(tests/newsboat_setup.py) imports with every feed, item, read state and flag; its tags
and query line arrive; its ignore-article rule keeps hiding what it matched; a second
import changes nothing; a refresh afterwards adds no duplicate. Bad input: one line,
exit 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import Run, newsterm
from tests.newsboat_setup import FEEDS, NewsboatSetup, feed_text, holding_newsboat_lock

KEPT = {  # title: (read, starred), every item newsboat kept and the user did not delete
    "Ukraine talks resume": (True, False),
    "Weather today": (False, False),
    "Markets open higher": (True, True),  # flags "AZ": any flag is newsterm's star
    "Harbour cranes return": (False, False),
    "Hello world": (False, True),
    "Second post": (False, False),
    "A post without an id": (False, False),
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _import(capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup) -> Run:
    return newsterm(capsys, data, "import", "--newsboat", str(newsboat.directory))


def _stories(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> dict[str, dict]:
    run = newsterm(capsys, data, "stories", "--json", "--limit", "0", *args)
    assert run.code == 0, run.err
    return {story["title"]: story for story in run.json()}


def _snapshot(data: Path) -> tuple[list[tuple], str]:
    with sqlite3.connect(data / "newsterm.db") as conn:
        rows = conn.execute(
            "SELECT s.id, f.url, f.title, s.key, s.title, s.read, s.starred, s.published "
            "FROM stories s JOIN feeds f ON f.id = s.feed_id ORDER BY s.id"
        ).fetchall()
        rows += conn.execute("SELECT feed_id, tag FROM feed_tags ORDER BY 1, 2").fetchall()
    conn.close()
    return rows, (data / "config.toml").read_text(encoding="utf-8")


def test_one_command_brings_feeds_stories_marks_tags_views_and_rules(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup
) -> None:
    run = _import(capsys, data, newsboat)
    assert run.code == 1  # an exec: line, a query and a rule newsterm cannot take
    assert run.out == (
        "imported from newsboat: 2 feeds (2 new), 7 stories (2 read, 2 starred; 0 already "
        "there), 1 saved view, 2 kill rules; 1 deleted in newsboat left out, 3 skipped\n"
    )
    assert "skipped line 6: exec:~/bin/make-feed.sh" in run.err
    assert "skipped line 5: query:Linked: newsterm has nothing like newsboat's 'link'" in run.err

    feeds = {feed["url"]: feed for feed in newsterm(capsys, data, "feeds", "--json").json()}
    world, blog = feeds[newsboat.feed_url("world.xml")], feeds[newsboat.feed_url("blog.xml")]
    assert (world["title"], world["tags"], world["total"]) == ("World Desk", ["news", "world"], 4)
    assert (blog["title"], blog["tags"], blog["total"]) == ("Beta Blog", ["blogs"], 3)

    stories = _stories(capsys, data)
    assert {title: (s["read"], s["starred"]) for title, s in stories.items()} == KEPT
    talks = stories["Ukraine talks resume"]
    assert (talks["author"], talks["published"]) == ("Jo Smith", "2024-01-01T10:00:00Z")
    assert talks["url"] == f"{newsboat.base}/world/talks"
    assert "Talks resume in Geneva" in talks["summary"]

    views = newsterm(capsys, data, "views", "--json").json()
    assert views == [
        {"name": "Unread world", "expression": 'unread and tag = "world"', "unread": 2, "total": 2}
    ]
    in_view = _stories(capsys, data, "--view", "Unread world")
    assert set(in_view) == {"Weather today", "Harbour cranes return"}
    rules = newsterm(capsys, data, "rules", "--json").json()
    assert [(r["expression"], r["feeds"]) for r in rules] == [
        ('title =~ "sponsored"', []),
        ('author = "Spammer"', [newsboat.feed_url("blog.xml")]),
    ]


def test_a_urls_file_in_utf16_without_a_mark_is_read_as_text(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup
) -> None:
    """Saved by a Windows tool as UTF-16 with no byte-order mark: it was read as UTF-8,
    NUL bytes and all, and no line of it was a feed newsboat's cache knew."""
    urls = newsboat.directory / "urls"
    urls.write_bytes(urls.read_text(encoding="utf-8").encode("utf-16-le"))
    run = _import(capsys, data, newsboat)
    assert "2 feeds (2 new), 7 stories" in run.out, run.out + run.err
    feeds = {feed["url"]: feed for feed in newsterm(capsys, data, "feeds", "--json").json()}
    world, blog = feeds[newsboat.feed_url("world.xml")], feeds[newsboat.feed_url("blog.xml")]
    assert (world["title"], world["tags"]) == ("World Desk", ["news", "world"])
    assert blog["tags"] == ["blogs"]


def test_a_second_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup
) -> None:
    _import(capsys, data, newsboat)
    before = _snapshot(data)
    again = _import(capsys, data, newsboat)
    assert _snapshot(data) == before
    assert "2 feeds (0 new), 0 stories (0 read, 0 starred; 7 already there)" in again.out
    assert "0 saved views, 0 kill rules" in again.out


def test_a_refresh_afterwards_adds_no_duplicate_and_the_rule_hides_what_newsboat_ignored(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup
) -> None:
    _import(capsys, data, newsboat)
    imported = _stories(capsys, data)
    refresh = newsterm(capsys, data, "refresh")
    assert refresh.code == 0, refresh.err
    everything = _stories(capsys, data, "--show-hidden")
    # Only what newsboat never stored (its ignore rule) or the user deleted there is new.
    assert set(everything) - set(imported) == {"Sponsored: buy a better kettle", "An old story"}
    with sqlite3.connect(data / "newsterm.db") as conn:
        ((stories, distinct),) = conn.execute(
            "SELECT count(*), count(DISTINCT feed_id || ' ' || url) FROM stories"
        ).fetchall()
    conn.close()
    assert stories == distinct == 9
    for title, story in imported.items():  # the same stories, marks and ids
        assert (everything[title]["id"], everything[title]["read"]) == (story["id"], story["read"])
        assert everything[title]["starred"] == story["starred"]
    assert "Sponsored: buy a better kettle" not in _stories(capsys, data)
    assert everything["Sponsored: buy a better kettle"]["hidden"] is True
    assert set(_stories(capsys, data, "--hidden")) == {"Sponsored: buy a better kettle"}
    counts = newsterm(capsys, data, "rules")
    assert '      1 hidden  title =~ "sponsored"' in counts.out


def _titles(capsys: pytest.CaptureFixture[str], data: Path) -> dict[str, str]:
    return {feed["url"]: feed["title"] for feed in newsterm(capsys, data, "feeds", "--json").json()}


def test_a_title_from_newsboat_s_cache_follows_the_feed_and_a_given_one_stays(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup, httpserver: HTTPServer
) -> None:
    """The blog's title came from newsboat's cache (its urls line names none): it was the
    feed's own as newsboat last read it, and stayed for good after the feed renamed
    itself. The world feed's "~World Desk" is the user's, from the urls file, and stays;
    so does a title set with `newsterm edit`."""
    _import(capsys, data, newsboat)
    world, blog = newsboat.feed_url("world.xml"), newsboat.feed_url("blog.xml")
    assert {world: "World Desk", blog: "Beta Blog"}.items() <= _titles(capsys, data).items()
    httpserver.clear_all_handlers()  # the feeds as they are now: both renamed themselves
    for name in FEEDS:
        text = feed_text(name, newsboat.base).replace("Beta Blog<", "Beta Weekly<")
        httpserver.expect_request(f"/{name}").respond_with_data(
            text.replace("World News<", "World Today<"), content_type="application/xml"
        )
    assert newsterm(capsys, data, "refresh").code == 0
    assert {world: "World Desk", blog: "Beta Weekly"}.items() <= _titles(capsys, data).items()

    assert newsterm(capsys, data, "edit", blog, "--title", "Ann's blog").code == 0
    assert newsterm(capsys, data, "refresh").code == 0
    assert _titles(capsys, data)[blog] == "Ann's blog"


def test_a_title_from_newsboat_s_cache_is_one_line_of_plain_text(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup
) -> None:
    """newsboat keeps a feed's title as the feed gave it: a hostile feed's escape
    sequences, bell, line breaks and length reached newsterm's feed list and `feeds`
    as they were, where a refresh would have cleaned them."""
    blog = newsboat.feed_url("blog.xml")
    hostile = "Evil\x1b]0;owned\x07\nBlog &amp; <b>more</b> " + "y" * 5_000
    with sqlite3.connect(newsboat.cache) as conn:
        conn.execute("UPDATE rss_feed SET title = ? WHERE rssurl = ?", (hostile, blog))
    conn.close()
    _import(capsys, data, newsboat)
    title = _titles(capsys, data)[blog]
    assert title.startswith("Evil Blog & more yyy") and len(title) <= 500
    assert title.isprintable()


def _one_line_failure(run: Run, words: str) -> None:
    assert run.code == 1
    lines = run.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsterm: "), run.err
    assert words in lines[0]


def test_a_missing_set_up_or_cache_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    _one_line_failure(
        newsterm(capsys, data, "import", "--newsboat", str(tmp_path / "nowhere")),
        "is not a directory; nothing imported",
    )
    only_urls = tmp_path / "only-urls"
    only_urls.mkdir()
    (only_urls / "urls").write_text("https://a.example/rss\n")
    _one_line_failure(
        newsterm(capsys, data, "import", "--newsboat", str(only_urls)),
        f"no newsboat cache at {only_urls / 'cache.db'}; nothing imported",
    )
    _one_line_failure(newsterm(capsys, data, "import", "--newsboat"), "no newsboat set-up found")


def test_a_locked_or_unknown_cache_is_one_line_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], data: Path, newsboat: NewsboatSetup
) -> None:
    with holding_newsboat_lock(newsboat.cache) as pid:
        _one_line_failure(_import(capsys, data, newsboat), f"newsboat is running (process {pid})")
    with sqlite3.connect(newsboat.cache) as conn:
        conn.execute("UPDATE metadata SET db_schema_version_major = 7")
    conn.close()
    _one_line_failure(_import(capsys, data, newsboat), "schema version 7.")
    assert newsterm(capsys, data, "stories", "--json").json() == []
    assert not (data / "config.toml").exists()


def test_a_bad_expression_is_one_line_with_its_column(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    _one_line_failure(
        newsterm(capsys, data, "stories", "--filter", "unread and titel = x"),
        "column 12: unknown field 'titel'",
    )
    _one_line_failure(
        newsterm(capsys, data, "views", "add", "Broken", 'unread and title =~ "(x"'),
        "column 21: bad regular expression",
    )
    _one_line_failure(
        newsterm(capsys, data, "stories", "--view", "Nope"), "no saved view named 'Nope'"
    )
