"""`newsterm edit` under `[sync]` with a Google Reader server (the fake): the address is
checked as the local edit checks it, and every other field is applied, none dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import serve_feeds
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_greader import configure
from tui_news.core.storage import Store


@pytest.fixture
def synced(
    fake_greader: FakeGReader,
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> str:
    """Two feeds on the server, synced here (ids 1 and 2); the base URL of their site."""
    base = serve_feeds(httpserver, "old", "new", "other")
    fake_greader.fetch(f"{base}/old.xml")
    fake_greader.fetch(f"{base}/other.xml")
    configure(tmp_path, fake_greader)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    return base


def feeds_here(data_dir: Path) -> dict[str, tuple[str, tuple[str, ...], bool | None]]:
    with Store(data_dir / "newsterm.db") as store:
        return {f.url: (f.display_title, f.tags, f.full_text) for f in store.feeds()}


def quickadds(server: FakeGReader) -> int:
    return sum(path.endswith("/quickadd") for _method, path in server.requests)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url at all", "not a web address: 'not a url at all'"),
        ("ftp://example.test/feed", "not a web address: 'ftp://example.test/feed'"),
        ("https://example.test/" + "x" * 5000, "the address is too long"),
    ],
)
def test_an_unusable_address_never_reaches_the_server(
    url: str,
    expected: str,
    synced: str,
    fake_greader: FakeGReader,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = feeds_here(tmp_path)
    run = newsterm(capsys, tmp_path, "edit", f"{synced}/old.xml", "--url", url)
    assert run.code == 1 and expected in run.err and run.err.count("\n") == 1
    assert quickadds(fake_greader) == 0
    assert feeds_here(tmp_path) == before and len(fake_greader.feeds) == 2


def test_an_address_another_subscription_has_is_refused_before_the_server(
    synced: str, fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = newsterm(capsys, tmp_path, "edit", f"{synced}/old.xml", "--url", f"{synced}/other.xml")
    assert run.code == 1 and "already subscribed to Other" in run.err
    assert quickadds(fake_greader) == 0


def test_a_move_keeps_the_title_tags_and_full_text_given_with_it(
    synced: str, fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = newsterm(
        capsys,
        tmp_path,
        "edit",
        f"{synced}/old.xml",
        "--url",
        f"{synced}/new.xml",
        "--title",
        "Mine now",
        "--tag",
        "Work",
        "--tag",
        "Later",
        "--no-full-text",
    )
    assert run.code == 0, run.err
    assert f"Mine now (id 3): {synced}/new.xml" in run.out
    assert "tags: Later, Work · full text: never" in run.out
    on_server = {feed.url: feed.labels for feed in fake_greader.feeds.values()}
    assert on_server == {f"{synced}/new.xml": ["Work", "Later"], f"{synced}/other.xml": []}
    expected = {
        f"{synced}/new.xml": ("Mine now", ("Later", "Work"), False),
        f"{synced}/other.xml": ("Other", (), None),
    }
    assert feeds_here(tmp_path) == expected
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert feeds_here(tmp_path) == expected  # the server agrees: nothing comes back


def test_new_tags_go_to_the_server_and_outlast_a_sync(
    synced: str, fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = newsterm(capsys, tmp_path, "edit", f"{synced}/other.xml", "--tag", "Reading")
    assert run.code == 0, run.err
    assert [f.labels for f in fake_greader.feeds.values() if f.url.endswith("other.xml")] == [
        ["Reading"]
    ]
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert feeds_here(tmp_path)[f"{synced}/other.xml"][1] == ("Reading",)
