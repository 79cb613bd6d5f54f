"""One subscription per feed: two addresses that differ only in their user name or
password are one feed (the credentials are how it is reached, not which it is)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news.config import Config
from tui_news.core.storage import FeedExistsError, Store
from tui_news.service import Newsterm


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.feeds["/team.xml"] = rss("Team News", 2, prefix="t")
        running.feeds["/other.xml"] = rss("Other News", 2, prefix="o")
        yield running


def with_login(url: str, login: str) -> str:
    return url.replace("http://", f"http://{login}@")


@pytest.fixture
def data_dir(tmp_path: Path, server: LocalServer) -> Path:
    """Subscribed to /team.xml as alice, and to /other.xml."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text("full_text_prefetch = false\n", encoding="utf-8")
    with Store(data / "newsterm.db") as store:
        store.add_feed(with_login(server.url("/team.xml"), "alice:one"), title="Team News")
        store.add_feed(server.url("/other.xml"), title="Other News")
    return data


def urls(data_dir: Path) -> list[str]:
    with Store(data_dir / "newsterm.db") as store:
        return sorted(feed.url for feed in store.feeds())


def test_adding_the_feed_again_with_another_password_is_refused_as_a_duplicate(
    capsys: pytest.CaptureFixture[str], data_dir: Path, server: LocalServer
) -> None:
    before = urls(data_dir)
    for login in ("bob:two", "alice:other"):
        run = newsterm(capsys, data_dir, "add", with_login(server.url("/team.xml"), login))
        assert run.code == 1 and run.out == "" and run.err.count("\n") == 1
        assert "already subscribed to Team News (id 1)" in run.err
        assert "`newsterm edit 1 --url ADDRESS` sets its password" in run.err
        assert ":one@" not in run.err and ":two@" not in run.err  # passwords hidden
    # Without credentials it is the same feed too.
    plain = newsterm(capsys, data_dir, "add", server.url("/team.xml"))
    assert plain.code == 1 and "already subscribed to Team News (id 1)" in plain.err
    assert urls(data_dir) == before
    assert server.hits.get("/team.xml", 0) == 0  # refused before anything was fetched


def test_an_edit_to_another_feeds_address_with_other_credentials_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, server: LocalServer
) -> None:
    before = urls(data_dir)
    taken = with_login(server.url("/team.xml"), "bob:two")
    run = newsterm(capsys, data_dir, "edit", "2", "--url", taken)
    assert run.code == 1 and "already subscribed to Team News (id 1)" in run.err
    assert urls(data_dir) == before
    # The feed's own address with a new password is its own: that edit is made.
    mine = with_login(server.url("/team.xml"), "alice:new")
    assert newsterm(capsys, data_dir, "edit", "1", "--url", mine).code == 0
    assert mine in urls(data_dir)


def test_an_import_listing_the_feed_with_other_credentials_adds_no_second_one(
    capsys: pytest.CaptureFixture[str], data_dir: Path, server: LocalServer, tmp_path: Path
) -> None:
    outlines = "".join(
        f'<outline type="rss" text="Team" xmlUrl="{with_login(server.url("/team.xml"), login)}"/>'
        for login in ("bob:two", "carol:three")
    )
    opml = tmp_path / "list.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><head/><body>'
        f'<outline text="work">{outlines}</outline></body></opml>',
        encoding="utf-8",
    )
    before = urls(data_dir)
    run = newsterm(capsys, data_dir, "import", str(opml))
    assert run.code == 0, run.err
    assert "imported 0 feeds (1 already subscribed, 1 of them given new tags, 1 listed twice)" in (
        run.out
    )
    # The subscription keeps the password the user has: an import never undoes an edit.
    assert urls(data_dir) == before
    with Store(data_dir / "newsterm.db") as store:
        assert store.feed(1).tags == ("work",)


def test_the_apps_subscribe_refuses_a_discovered_feed_subscribed_with_other_credentials(
    data_dir: Path, server: LocalServer
) -> None:
    # The app subscribes through the service without the CLI's check before fetching.
    core = Newsterm(Config(full_text_prefetch=False))
    found = asyncio.run(core.discover(with_login(server.url("/team.xml"), "bob:two")))
    before = urls(data_dir)
    with Store(data_dir / "newsterm.db") as store, pytest.raises(FeedExistsError):
        core.save_discovered(store, found)
    assert urls(data_dir) == before
