"""`newsterm add/remove/feeds/import/export`, in-process and once as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.conftest import CORPUS
from tests.core.subscriptions.test_discover import ATOM, RSS, RSS_TYPE, page
from tui_news.core.storage import Store

OPML = CORPUS / "opml"
NEWSBOAT_EXAMPLE = OPML / "newsboat" / "example.opml"
DAMAGED = OPML / "awesome-rss-feeds" / "recommended" / "with_category" / "Programming.opml"
REPO = Path(__file__).resolve().parents[2]
FEED_KEYS = {"id", "url", "title", "site_url", "tags", "last_status", "error", "last_checked"}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def feed_set(feeds: list[dict]) -> set[tuple[str, str, frozenset[str]]]:
    return {(f["url"], f["title"], frozenset(f["tags"])) for f in feeds}


@pytest.mark.parametrize("command", ["add", "remove", "feeds", "import", "export", "stories"])
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], data: Path, command: str):
    run = newsterm(capsys, data, command, "--help")
    assert run.code == 0 and f"usage: newsterm {command}" in run.out


# -- import / export / feeds --------------------------------------------------------------


def test_import_then_feeds_json(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run = newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    assert run.code == 0 and run.out.strip() == "imported 7 feeds" and run.err == ""
    feeds = newsterm(capsys, data, "feeds", "--json").json()
    assert len(feeds) == 7 and set(feeds[0]) >= FEED_KEYS
    mike = next(f for f in feeds if f["url"] == "https://blogs.example.com/~mike/.rss")
    assert mike["title"] == "Notes by Mike" and sorted(mike["tags"]) == ["Blogs", "friends"]
    assert mike["last_status"] == "new" and mike["error"] is None
    assert (mike["unread"], mike["total"]) == (0, 0)


def test_importing_again_counts_what_is_already_there(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    run = newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    assert run.code == 0 and run.out.strip() == "imported 0 feeds (7 already subscribed)"


def test_a_damaged_file_imports_what_it_can_and_says_so(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "import", str(DAMAGED))
    assert run.code == 1
    assert run.out.strip() == "imported 49 feeds (1 unreadable in the damaged file)"
    assert "not well-formed XML (line 34, column 140" in run.err
    assert "recovered 49 of its 50" in run.err


def test_skipped_entries_are_listed_on_stderr(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "import", str(OPML / "newsboat" / "piped.opml"))
    assert run.code == 1 and run.out.strip() == "imported 1 feed (1 skipped)"
    assert "skipped line 8: 'Birdsite search'" in run.err


def test_a_file_that_is_not_a_list_imports_nothing(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "import", str(OPML / "newsraft" / "newsraft_json_parse_1.json"))
    assert run.code == 1 and "looks like JSON" in run.err and "nothing imported" in run.err
    assert newsterm(capsys, data, "feeds", "--json").json() == []


def test_a_newsraft_feeds_file_without_sections_imports_its_names_as_titles(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """newsraft's own `convert-opml-to-feeds` output: `URL "Name"` lines, no section.
    It read as a newsboat file, every feed's name a tag of its own and no title."""
    run = newsterm(capsys, data, "import", str(OPML / "newsraft" / "convert_opml_to_feeds.txt"))
    assert run.code == 0 and run.out.strip() == "imported 13 feeds"
    assert "read as a newsraft feeds file" in run.err and len(run.err.splitlines()) == 1
    feeds = {feed["url"]: feed for feed in newsterm(capsys, data, "feeds", "--json").json()}
    wired = feeds["http://www.wired.com/news_drop/netcenter/netcenter.rdf"]
    assert (wired["title"], wired["tags"]) == ("Wired News", [])
    assert feeds["http://www.nytimes.com/services/xml/rss/nyt/Business.xml"]["title"] == (
        "NYT > Business"
    )
    assert all(feed["tags"] == [] for feed in feeds.values())


def test_a_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run = newsterm(capsys, data, "import", str(data / "nope.opml"))
    assert run.code == 2 and "cannot read" in run.err


def test_import_reads_stdin(
    capsys: pytest.CaptureFixture[str], data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _BytesStdin(b"https://a.example/rss news\n"))
    run = newsterm(capsys, data, "import", "-")
    assert run.code == 0 and run.out.strip() == "imported 1 feed"


class _BytesStdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def test_export_to_stdout_round_trips_into_an_empty_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    newsterm(capsys, first, "import", str(OPML / "nom" / "test.opml"))
    newsterm(capsys, first, "import", str(NEWSBOAT_EXAMPLE))
    with Store(first / "newsterm.db") as store:
        feed = store.feed_by_url("https://example.com/feed.xml")
        assert feed is not None
        store.update_feed_settings(feed.id, title='Tom & "Jerry" <3 Ünïcödé')
        store.set_feed_tags(feed.id, ["a & b", "日本", "x,y"])
    exported = newsterm(capsys, first, "export")
    assert exported.code == 0 and exported.out.startswith('<?xml version="1.0"')
    opml = tmp_path / "subs.opml"
    opml.write_text(exported.out, encoding="utf-8")
    assert newsterm(capsys, second, "import", str(opml)).code == 0
    before = newsterm(capsys, first, "feeds", "--json").json()
    after = newsterm(capsys, second, "feeds", "--json").json()
    assert len(before) == 27 and feed_set(before) == feed_set(after)


def test_export_to_a_file(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path) -> None:
    newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    target = tmp_path / "out.opml"
    run = newsterm(capsys, data, "export", str(target))
    assert run.code == 0 and run.out.strip() == f"exported 7 feeds to {target}"
    assert target.read_bytes().count(b"xmlUrl=") == 7
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_feeds_table_for_humans(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    lines = newsterm(capsys, data, "feeds").out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "UNREAD", "TOTAL", "TAGS", "STATUS"]
    assert len(lines) == 8
    assert any("Notes by Mike" in line and "Blogs, friends" in line for line in lines)


def test_feeds_on_an_empty_store_do_not_subscribe_to_defaults(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    assert "no subscriptions yet" in newsterm(capsys, data, "feeds").out
    assert newsterm(capsys, data, "feeds", "--json").json() == []
    with Store(data / "newsterm.db") as store:
        assert store.feed_count() == 0


# -- remove -------------------------------------------------------------------------------


def test_remove_by_id_and_by_url(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    feeds = newsterm(capsys, data, "feeds", "--json").json()
    run = newsterm(capsys, data, "remove", str(feeds[0]["id"]), feeds[1]["url"])
    assert run.code == 0 and run.out.count("removed ") == 2
    assert len(newsterm(capsys, data, "feeds", "--json").json()) == 5


def test_remove_with_an_unknown_name_removes_nothing(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    newsterm(capsys, data, "import", str(NEWSBOAT_EXAMPLE))
    some = newsterm(capsys, data, "feeds", "--json").json()[0]["url"]
    run = newsterm(capsys, data, "remove", some, "https://nowhere.example/")
    assert run.code == 2 and "no subscription matches 'https://nowhere.example/'" in run.err
    assert "nothing removed" in run.err
    assert len(newsterm(capsys, data, "feeds", "--json").json()) == 7


# -- add (127.0.0.1 only) -----------------------------------------------------------------


def test_add_a_feed_url_stores_its_stories(
    capsys: pytest.CaptureFixture[str], data: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    run = newsterm(capsys, data, "add", httpserver.url_for("/rss"), "--tag", "local")
    assert run.code == 0 and run.out.startswith("subscribed to Local News")
    (feed,) = newsterm(capsys, data, "feeds", "--json").json()
    assert (feed["title"], feed["tags"], feed["last_status"]) == ("Local News", ["local"], "ok")
    stories = newsterm(capsys, data, "stories", "--json").json()
    assert [s["title"] for s in stories] == ["First story"]


def test_add_can_set_the_feeds_full_text_prefetch(
    capsys: pytest.CaptureFixture[str], data: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    assert newsterm(capsys, data, "add", httpserver.url_for("/rss"), "--full-text").code == 0
    (feed,) = newsterm(capsys, data, "feeds", "--json").json()
    assert feed["full_text"] is True


def test_add_a_page_subscribes_to_its_feed(
    capsys: pytest.CaptureFixture[str], data: Path, httpserver: HTTPServer
) -> None:
    head = '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
    httpserver.expect_request("/").respond_with_data(page(head), content_type="text/html")
    httpserver.expect_request("/atom.xml").respond_with_data(
        ATOM, content_type="application/atom+xml"
    )
    run = newsterm(capsys, data, "add", httpserver.url_for("/"))
    assert run.code == 0 and "Atom Blog" in run.out and "found on" in run.out
    assert newsterm(capsys, data, "feeds", "--json").json()[0]["url"].endswith("/atom.xml")
    again = newsterm(capsys, data, "add", httpserver.url_for("/"))
    assert again.code == 1 and "already subscribed to Atom Blog" in again.err


def test_add_a_page_without_a_feed_explains(
    capsys: pytest.CaptureFixture[str], data: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/").respond_with_data(page(), content_type="text/html")
    run = newsterm(capsys, data, "add", httpserver.url_for("/"))
    assert run.code == 1 and "no feed found" in run.err
    assert newsterm(capsys, data, "feeds", "--json").json() == []


def test_add_rejects_what_is_not_a_web_address(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "add", "ftp://files.example/feed")
    assert run.code == 2 and "not a web address" in run.err


# -- the real console entry point ---------------------------------------------------------


def test_the_entry_point_runs_as_a_subprocess(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tui_news", "--data-dir", str(tmp_path), *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    imported = run("import", str(NEWSBOAT_EXAMPLE))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "imported 7 feeds"
    listed = run("feeds")
    assert listed.returncode == 0 and "Notes by Mike" in listed.stdout
    assert run("remove", "https://nowhere.example/").returncode == 2


def test_remove_with_a_digit_like_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "remove", "²")
    assert run.code == 2 and "no subscription matches '²'" in run.err
