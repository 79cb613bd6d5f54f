"""`newsterm sync` and `newsterm mark` against a real Fever server (coldsweat)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store

NOW = time.time()


def _items(prefix: str, count: int, newest: float = NOW - 600) -> list[tuple[str, str, float]]:
    return [(f"{prefix}-{i}", f"{prefix} {i}", newest - 60 * i) for i in range(count)]


def configure(data_dir: Path, account: FeverAccount, *, url: str | None = None) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    config = data_dir / "config.toml"
    config.write_text(
        f'[sync]\nservice = "fever"\nurl = "{url or account.url}"\n'
        f'user = "{account.user}"\npassword = "{account.password}"\n'
    )
    config.chmod(0o600)
    return config


def stories(data_dir: Path) -> dict[str, tuple[bool, bool]]:
    """Every story here by title: (read, starred)."""
    with Store(data_dir / "newsterm.db") as store:
        return {s.title: (s.read, s.starred) for s in store.stories(StoryFilter(), limit=100_000)}


def story_id(data_dir: Path, title: str) -> int:
    with Store(data_dir / "newsterm.db") as store:
        return next(s.id for s in store.stories(StoryFilter(), limit=100_000) if s.title == title)


def synced_feed(
    coldsweat: Coldsweat, name: str, count: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> FeverAccount:
    """A Fever account with one feed, `name`, of `count` items ("<name> 0" newest),
    already synced into `data_dir`."""
    account = coldsweat.account({name: _items(name, count)})
    configure(data_dir, account)
    assert newsterm(capsys, data_dir, "sync").code == 0
    return account


def server_state(account: FeverAccount) -> dict[str, tuple[bool, bool]]:
    return {t: (bool(i["is_read"]), bool(i["is_saved"])) for t, i in account.items().items()}


def test_sync_brings_feeds_groups_as_tags_and_every_item(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account(
        {"news": _items("news", 60), "blog": _items("blog", 3)}, {"news": "Daily"}
    )
    configure(tmp_path, account)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "2 feeds" in run.out and "63 new stories" in run.out
    with Store(tmp_path / "newsterm.db") as store:
        feeds = {feed.title: feed for feed in store.feeds()}
        assert feeds["News Feed"].tags == ("Daily",)
        assert feeds["News Feed"].url == account.feed_url("news")
        story = next(s for s in store.stories(StoryFilter(), limit=100) if s.title == "news 7")
        # The server's HTML is the feed's text; the link is the story's own page.
        assert "Body of news 7" in story.content
        assert story.url == f"{account.feeds_base}/news/news-7.html"
    assert sorted(stories(tmp_path)) == sorted(
        [f"news {i}" for i in range(60)] + [f"blog {i}" for i in range(3)]
    )
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0 and "0 new stories" in again.out


def test_state_both_ways_and_a_second_machine_sees_it(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({"state": _items("state", 4)})
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    configure(laptop, account)
    configure(desktop, account)
    assert newsterm(capsys, laptop, "sync").code == 0
    # Read on the server (another client): read here after sync.
    ids = {title: int(item["id"]) for title, item in account.items().items()}
    account.api(mark="item", **{"as": "read"}, id=str(ids["state 0"]))
    assert newsterm(capsys, laptop, "sync").code == 0
    assert stories(laptop)["state 0"] == (True, False)
    # Marked here: read and saved on the server after sync.
    run = newsterm(capsys, laptop, "mark", str(story_id(laptop, "state 1")), "--read", "--star")
    assert run.code == 0 and "marked 1 story read and starred" in run.out
    assert stories(laptop)["state 1"] == (True, True)  # at once, before any sync
    assert newsterm(capsys, laptop, "sync").code == 0
    assert server_state(account)["state 1"] == (True, True)
    assert newsterm(capsys, desktop, "sync").code == 0
    assert stories(desktop) == stories(laptop) == server_state(account)


def test_a_story_read_and_unstarred_on_the_server_counts_once_as_changed(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = synced_feed(coldsweat, "both", 3, tmp_path, capsys)
    run = newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "both 1")), "--star")
    assert run.code == 0 and newsterm(capsys, tmp_path, "sync").code == 0
    # On the phone: the starred story read and unstarred, another one read.
    ids = {title: str(item["id"]) for title, item in account.items().items()}
    account.api(mark="item", **{"as": "read"}, id=ids["both 1"])
    account.api(mark="item", **{"as": "unsaved"}, id=ids["both 1"])
    account.api(mark="item", **{"as": "read"}, id=ids["both 2"])
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0 and "· 2 stories changed there" in run.out, run.out
    assert stories(tmp_path) == {
        "both 0": (False, False),
        "both 1": (True, False),
        "both 2": (True, False),
    }


def test_server_down_is_one_line_and_the_change_waits(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = synced_feed(coldsweat, "down", 3, tmp_path, capsys)
    newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "down 2")), "--star")
    coldsweat.stop()
    try:
        run = newsterm(capsys, tmp_path, "sync")
    finally:
        coldsweat.start()
    assert run.code == 1
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert (
        "cannot reach the Fever server" in run.err
        and "(1 change kept for the next sync)" in run.err
    )
    assert account.password not in run.err + run.out
    assert server_state(account)["down 2"] == (False, False)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert server_state(account)["down 2"] == (False, True)


def test_a_refused_login_is_one_line_without_the_password(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({})
    config = configure(tmp_path, account)
    config.write_text(config.read_text().replace(account.password, "wrong-password-999"))
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 1 and run.err.count("\n") == 1
    assert "refused the login" in run.err and "wrong-password-999" not in run.err


def test_mark_all_read_spares_what_reached_the_server_after_the_key_press(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = synced_feed(coldsweat, "flood", 5, tmp_path, capsys)
    feed_url = account.feed_url("flood")
    assert newsterm(capsys, tmp_path, "mark", "--feed", feed_url, "--read").code == 0
    assert all(read for read, _ in stories(tmp_path).values())
    time.sleep(1.1)  # Fever's `before` is in whole seconds
    account.write_feed("flood", [("late", "late story", time.time() + 2), *_items("flood", 5)])
    account.fetch(expect=6)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    state = stories(tmp_path)
    assert state.pop("late story") == (False, False)
    assert all(read for read, _ in state.values())
    assert server_state(account)["late story"] == (False, False)
    assert server_state(account)["flood 3"] == (True, False)


def test_fever_cannot_change_subscriptions_and_says_where_to(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = synced_feed(coldsweat, "keep", 2, tmp_path, capsys)
    listing = tmp_path / "subs.txt"
    listing.write_text("http://127.0.0.1:9/other.xml\n")
    site = account.url.removesuffix("fever/")
    for args in (
        ["add", "http://127.0.0.1:9/new.xml"],
        ["remove", account.feed_url("keep")],
        ["import", str(listing)],
        ["edit", account.feed_url("keep"), "--url", "http://127.0.0.1:9/moved.xml"],
        # Tags are the server's groups: set only here, the next sync would undo them.
        ["edit", account.feed_url("keep"), "--tag", "Mine"],
    ):
        run = newsterm(capsys, tmp_path, *args)
        assert run.code == 1, args
        assert "Fever cannot change subscriptions" in run.err and site in run.err
        assert run.err.count("\n") == 1
    assert sorted(stories(tmp_path)) == ["keep 0", "keep 1"]
    assert [f["url"] for f in account.api("feeds")["feeds"]] == [account.feed_url("keep")]
    # A title is this reader's own: kept here, through syncs, under Fever too.
    assert newsterm(capsys, tmp_path, "edit", account.feed_url("keep"), "--title", "Kept").code == 0
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert "Kept" in newsterm(capsys, tmp_path, "feeds").out
