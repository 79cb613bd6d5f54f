"""`newsterm edit` through the real command line: what changes, what lasts, what is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import Run, newsterm
from tests.hostile.documents import rss
from tests.hostile.server import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.feeds["/news.xml"] = rss("tagesschau.de - Die Nachrichten der ARD", 3, prefix="n")
        running.feeds["/moved.xml"] = rss("Moved", 2, prefix="m")
        yield running


@pytest.fixture
def data_dir(tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text("full_text_prefetch = false\n", encoding="utf-8")
    assert newsterm(capsys, data, "add", server.url("/news.xml"), "--tag", "de").code == 0
    return data


def feed(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, object]:
    (only,) = newsterm(capsys, data_dir, "feeds", "--json").json()
    return dict(only)


def test_a_title_given_lasts_through_refreshes_and_an_opml_round_trip(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    run = newsterm(capsys, data_dir, "edit", "1", "--title", "Tagesschau")
    assert run.code == 0 and run.err == ""
    assert run.out.startswith("Tagesschau (id 1): http://127.0.0.1:")
    assert newsterm(capsys, data_dir, "refresh").code == 0
    assert newsterm(capsys, data_dir, "refresh", "--feed", "1").code == 0
    assert feed(capsys, data_dir)["title"] == "Tagesschau"
    assert "Tagesschau: " in newsterm(capsys, data_dir, "stories").out

    opml = tmp_path / "subs.opml"
    assert newsterm(capsys, data_dir, "export", str(opml)).code == 0
    fresh = tmp_path / "fresh"
    assert newsterm(capsys, fresh, "import", str(opml)).code == 0
    assert newsterm(capsys, fresh, "refresh", "--no-full-text").code == 0
    assert feed(capsys, fresh)["title"] == "Tagesschau"


def test_the_feed_s_own_title_follows_the_feed_until_one_is_given(
    capsys: pytest.CaptureFixture[str], data_dir: Path, server: LocalServer
) -> None:
    """`add` took the feed's title as it was that day, and kept it for good after the
    feed renamed itself; the feed's own title is renewed by each refresh now, until the
    user gives one."""
    assert feed(capsys, data_dir)["title"] == "tagesschau.de - Die Nachrichten der ARD"
    server.feeds["/news.xml"] = rss("tagesschau.de - Nachrichten", 3, prefix="n")
    assert newsterm(capsys, data_dir, "refresh", "--no-full-text").code == 0
    assert feed(capsys, data_dir)["title"] == "tagesschau.de - Nachrichten"
    assert newsterm(capsys, data_dir, "edit", "1", "--title", "Tagesschau").code == 0
    server.feeds["/news.xml"] = rss("ARD", 3, prefix="n")
    assert newsterm(capsys, data_dir, "refresh", "--no-full-text").code == 0
    assert feed(capsys, data_dir)["title"] == "Tagesschau"


def test_tags_are_replaced_or_removed(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run = newsterm(capsys, data_dir, "edit", "1", "--tag", "news", "--tag", "german")
    assert run.code == 0 and "tags: german, news" in run.out
    assert feed(capsys, data_dir)["tags"] == ["german", "news"]
    assert newsterm(capsys, data_dir, "edit", "1", "--no-tags").code == 0
    assert feed(capsys, data_dir)["tags"] == []


def test_the_full_text_choice_and_the_address_change(
    capsys: pytest.CaptureFixture[str], data_dir: Path, server: LocalServer
) -> None:
    assert newsterm(capsys, data_dir, "refresh").code == 0
    run = newsterm(capsys, data_dir, "edit", "1", "--no-full-text")
    assert run.code == 0 and "full text: never" in run.out
    assert feed(capsys, data_dir)["full_text"] is False
    new = server.url("/moved.xml")
    assert newsterm(capsys, data_dir, "edit", server.url("/news.xml"), "--url", new).code == 0
    assert feed(capsys, data_dir)["url"] == new
    assert newsterm(capsys, data_dir, "refresh").out.startswith("1 feed: 1 ok")
    assert server.hits["/moved.xml"] == 1
    assert feed(capsys, data_dir)["total"] == 5  # the old address's stories stay


def one_line_error(run: Run, code: int = 1) -> str:
    assert run.code == code and run.out == ""
    assert run.err.startswith("newsterm: edit: ") and run.err.count("\n") == 1
    return run.err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("1", "--title", "   "), "the title is empty"),
        (("1", "--title", "\x1b[2J"), "the title is empty"),
        (("1", "--url", "ftp://example.test/feed"), "not a web address: 'ftp://example.test/feed'"),
        (("1", "--url", ""), "not a web address: ''"),
    ],
)
def test_bad_input_is_one_line_exit_one_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: tuple[str, ...], says: str
) -> None:
    before = feed(capsys, data_dir)
    assert says in one_line_error(newsterm(capsys, data_dir, "edit", *args))
    assert feed(capsys, data_dir) == before


@pytest.mark.parametrize("name", ["42", "http://nowhere.test/x"])
def test_an_unknown_feed_is_a_usage_error_exit_two_changing_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, name: str
) -> None:
    before = feed(capsys, data_dir)
    run = newsterm(capsys, data_dir, "edit", name, "--title", "X")
    assert f"no subscription matches {name!r}" in one_line_error(run, code=2)
    assert feed(capsys, data_dir) == before


def test_an_address_another_feed_has_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, server: LocalServer
) -> None:
    assert newsterm(capsys, data_dir, "add", server.url("/moved.xml")).code == 0
    err = one_line_error(newsterm(capsys, data_dir, "edit", "1", "--url", server.url("/moved.xml")))
    assert "already subscribed to Moved (id 2)" in err


def test_nothing_to_change_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert "nothing to change" in one_line_error(newsterm(capsys, data_dir, "edit", "1"), 2)
    assert newsterm(capsys, data_dir, "edit", "1", "--tag", "a", "--no-tags").code == 2
