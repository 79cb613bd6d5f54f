"""`remove`, `stories --feed` and `refresh --feed` name a feed by any spelling of its URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.fetches import record_fetch
from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news.core.models import ParsedEntry
from tui_news.core.storage import Store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


def subscribe(data: Path, *urls: str) -> list[int]:
    with Store(data / "newsterm.db") as store:
        return [store.add_feed(url).id for url in urls]


def test_remove_by_a_differently_written_url(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    subscribe(data, "https://news.example/feed", "http://blog.example")
    run = newsterm(
        capsys, data, "remove", "HTTPS://News.Example:443/feed#top", "http://BLOG.example/"
    )
    assert run.code == 0 and run.out.count("removed ") == 2
    assert newsterm(capsys, data, "feeds", "--json").json() == []


def test_remove_never_treats_http_as_https_or_adds_a_slash(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    subscribe(data, "https://news.example/feed")
    for other in ("http://news.example/feed", "https://news.example/feed/"):
        run = newsterm(capsys, data, "remove", other)
        assert run.code == 2 and f"no subscription matches {other!r}" in run.err
    assert len(newsterm(capsys, data, "feeds", "--json").json()) == 1


def test_two_matching_feeds_are_a_usage_error_naming_both(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    one, two = subscribe(data, "https://news.example/feed", "https://NEWS.example/feed")
    run = newsterm(capsys, data, "remove", "https://news.example:443/feed")
    assert run.code == 2 and "nothing removed" in run.err
    assert f"id {one}" in run.err and f"id {two}" in run.err
    assert "https://news.example/feed" in run.err and "https://NEWS.example/feed" in run.err
    stories = newsterm(capsys, data, "stories", "--feed", "https://news.example:443/feed")
    assert stories.code == 2 and f"id {one}" in stories.err and f"id {two}" in stories.err
    refresh = newsterm(capsys, data, "refresh", "--feed", "https://news.example:443/feed")
    assert refresh.code == 2 and f"id {one}" in refresh.err and f"id {two}" in refresh.err
    assert len(newsterm(capsys, data, "feeds", "--json").json()) == 2


def test_stories_of_a_feed_named_by_another_spelling(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    feed_id, other_id = subscribe(data, "https://news.example/feed", "https://other.example/")
    with Store(data / "newsterm.db") as store:
        for fid, key in ((feed_id, "mine"), (other_id, "theirs")):
            entry = ParsedEntry(key=key, url=f"https://x.example/{key}", title=key.title())
            record_fetch(store, fid, entry, at=1.0, title=key)
    run = newsterm(capsys, data, "stories", "--json", "--feed", "https://NEWS.example/feed#x")
    assert run.code == 0 and [story["title"] for story in run.json()] == ["Mine"]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        for i in range(2):
            running.feeds[f"/feed{i}.xml"] = rss(f"Feed {i}", 3, prefix=f"f{i}")
        yield running


def test_refresh_one_feed_named_by_another_spelling(
    capsys: pytest.CaptureFixture[str], data: Path, server: LocalServer
) -> None:
    (data / "config.toml").write_text("timeout_seconds = 2\n", encoding="utf-8")
    subscribe(data, server.url("/feed0.xml"), server.url("/feed1.xml"))
    written = server.url("/feed1.xml").replace("http://", "HTTP://") + "#latest"
    run = newsterm(capsys, data, "refresh", "--feed", written)
    assert run.code == 0 and run.out.startswith("1 feed: 1 ok")
    assert server.hits.get("/feed0.xml") is None and server.hits.get("/feed1.xml")


def test_add_refuses_another_spelling_of_a_subscribed_feed(
    capsys: pytest.CaptureFixture[str], data: Path, server: LocalServer
) -> None:
    (data / "config.toml").write_text("timeout_seconds = 2\n", encoding="utf-8")
    subscribe(data, server.url("/feed0.xml"))
    written = server.url("/feed0.xml").replace("http://", "HTTP://") + "#top"
    run = newsterm(capsys, data, "add", written)
    assert run.code == 1 and "already subscribed to" in run.err
    assert len(newsterm(capsys, data, "feeds", "--json").json()) == 1
    assert server.hits.get("/feed0.xml") is None


@pytest.mark.parametrize(
    "args",
    [
        ("stories", "--feed", "999"),
        ("refresh", "--feed", "999"),
        ("remove", "999"),
        ("edit", "999", "--title", "X"),
        ("mark", "--feed", "999", "--read"),
    ],
)
def test_every_command_taking_a_feed_exits_2_for_an_unknown_one(
    capsys: pytest.CaptureFixture[str], data: Path, args: tuple[str, ...]
) -> None:
    """One rule (README, `--help`): a feed argument that names no subscription is a usage
    error, exit 2, one line on stderr, and nothing changes."""
    (feed_id,) = subscribe(data, "https://news.example/feed")
    with Store(data / "newsterm.db") as store:
        entry = ParsedEntry(key="k", url="https://news.example/a", title="A story")
        record_fetch(store, feed_id, entry, at=1.0, title="News")
    before = newsterm(capsys, data, "stories", "--json").json()
    feeds = newsterm(capsys, data, "feeds", "--json").json()
    run = newsterm(capsys, data, *args)
    assert run.code == 2 and run.out == ""
    assert "no subscription matches '999'" in run.err and run.err.count("\n") <= 2
    assert newsterm(capsys, data, "feeds", "--json").json() == feeds
    assert newsterm(capsys, data, "stories", "--json").json() == before
