"""`newsterm vacuum` (or `prune_after_days`) under `[sync]`: the old stories it deleted
stay deleted. The next sync brought them back as new stories (and fetched their pages
again): unread ones by id from a Fever server, every one from a Google Reader server,
whose list of items is compared with what the cache has."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_fever import configure, stories
from tests.core.sync.test_sync_greader import configure as configure_greader

DAY = 86_400.0


def test_stories_vacuum_pruned_are_not_brought_back_by_a_fever_sync(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    old = [(f"o-{i}", f"old {i}", now - 40 * DAY - 60 * i) for i in range(3)]
    recent = [(f"r-{i}", f"recent {i}", now - 600 - 60 * i) for i in range(2)]
    account = coldsweat.account({"aging": old + recent})
    configure(tmp_path, account)
    assert "5 new stories" in newsterm(capsys, tmp_path, "sync").out
    vacuum = newsterm(capsys, tmp_path, "vacuum", "--older-than", "30")
    assert vacuum.code == 0, vacuum.err
    assert sorted(stories(tmp_path)) == ["recent 0", "recent 1"]
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0, again.err
    assert "0 new stories" in again.out
    assert sorted(stories(tmp_path)) == ["recent 0", "recent 1"]
    assert account.items()["old 0"]["is_read"] == 0  # the server keeps its own state
    # Starred on another machine since: wanted here again, so it comes back.
    account.api(mark="item", **{"as": "saved"}, id=str(account.items()["old 1"]["id"]))
    starred = newsterm(capsys, tmp_path, "sync")
    assert starred.code == 0 and "1 new story" in starred.out
    assert stories(tmp_path)["old 1"] == (False, True)
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out


def test_stories_vacuum_pruned_are_not_brought_back_by_a_google_reader_sync(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/aging.xml", "Aging")
    for i in range(3):
        fake_greader.add_item(feed, f"old {i}", published=int(now - 40 * DAY), read=i == 0)
    fake_greader.add_item(feed, "recent", published=int(now - 600))
    configure_greader(tmp_path, fake_greader)
    assert "4 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert newsterm(capsys, tmp_path, "vacuum", "--older-than", "30").code == 0
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0, again.err
    assert "0 new stories" in again.out
    assert sorted(stories(tmp_path)) == ["recent"]


def test_prune_after_days_prunes_after_a_sync_too(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    old = [(f"o-{i}", f"old {i}", now - 40 * DAY - 60 * i) for i in range(3)]
    account = coldsweat.account({"setting": [*old, ("r-0", "recent 0", now - 600)]})
    config = configure(tmp_path, account)
    config.write_text("prune_after_days = 30\n" + config.read_text())
    first = newsterm(capsys, tmp_path, "sync")
    assert first.code == 0, first.err
    assert "3 old stories pruned" in first.out
    assert sorted(stories(tmp_path)) == ["recent 0"]
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0 and "0 new stories" in again.out
    assert sorted(stories(tmp_path)) == ["recent 0"]


def pruned_ids(data_dir: Path) -> set[str]:
    with sqlite3.connect(data_dir / "newsterm.db") as conn:
        return {row[0] for row in conn.execute("SELECT remote_id FROM sync_pruned")}


def a_month_later(data_dir: Path) -> None:
    """The pruned ids the server stopped listing stopped 31 days ago."""
    with sqlite3.connect(data_dir / "newsterm.db") as conn:
        conn.execute("UPDATE sync_pruned SET unlisted = unlisted - 31 * 86400")


def test_pruned_ids_a_fever_server_stopped_listing_go_after_a_month(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fever lists only unread and starred ids: a pruned story read there since cannot
    come back (the sync's pages start after the newest id here), so its id is let go,
    after a month unlisted; an unread one would come back, so its id stays."""
    now = time.time()
    old = [(f"o-{i}", f"old {i}", now - 40 * DAY - 60 * i) for i in range(3)]
    account = coldsweat.account({"trim": [*old, ("r-0", "recent 0", now - 600)]})
    configure(tmp_path, account)
    assert "4 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert newsterm(capsys, tmp_path, "vacuum", "--older-than", "30").code == 0
    ids = {title: str(item["id"]) for title, item in account.items().items()}
    assert pruned_ids(tmp_path) == {ids["old 0"], ids["old 1"], ids["old 2"]}
    for title in ("old 0", "old 1"):  # read on the phone
        account.api(mark="item", **{"as": "read"}, id=ids[title])
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert len(pruned_ids(tmp_path)) == 3  # not at once: one answer may be short
    a_month_later(tmp_path)
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert pruned_ids(tmp_path) == {ids["old 2"]}
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert sorted(stories(tmp_path)) == ["recent 0"]


def test_pruned_ids_a_google_reader_server_purged_go_after_a_month(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Reader lists every item it keeps, read or not: a pruned id stays while it
    is listed, and goes a month after the server purged its item."""
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/purge.xml", "Purge")
    old = [
        fake_greader.add_item(feed, f"old {i}", published=int(now - 40 * DAY), read=i < 2)
        for i in range(3)
    ]
    fake_greader.add_item(feed, "recent", published=int(now - 600))
    configure_greader(tmp_path, fake_greader)
    assert "4 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert newsterm(capsys, tmp_path, "vacuum", "--older-than", "30").code == 0
    with fake_greader.lock:
        del fake_greader.items[int(old[0])]  # the server's own clean-up
    a_month_later(tmp_path)  # nothing unlisted yet: nothing goes
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert pruned_ids(tmp_path) == set(old)
    a_month_later(tmp_path)
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert pruned_ids(tmp_path) == set(old[1:])  # read, but listed: kept
    assert sorted(stories(tmp_path)) == ["recent"]


def test_a_pruned_id_unlisted_while_the_clock_was_ahead_goes_a_month_after_it_is_right(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sync ran with the clock a year ahead (a machine whose clock was wrong until the
    network set it): the id it found unlisted was dated then, and would have stayed a
    year and a month, with every other one dated so; counted from the next sync, it
    goes a month later as any other."""
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/clock.xml", "Clock")
    old = [fake_greader.add_item(feed, f"old {i}", published=int(now - 40 * DAY)) for i in range(2)]
    fake_greader.add_item(feed, "recent", published=int(now - 600))
    configure_greader(tmp_path, fake_greader)
    assert "3 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert newsterm(capsys, tmp_path, "vacuum", "--older-than", "30").code == 0
    with fake_greader.lock:
        del fake_greader.items[int(old[0])]
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    with sqlite3.connect(tmp_path / "newsterm.db") as conn:  # that sync's clock
        conn.execute("UPDATE sync_pruned SET unlisted = unlisted + 365 * 86400")
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out  # the clock right
    assert pruned_ids(tmp_path) == set(old)
    a_month_later(tmp_path)
    assert "0 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert pruned_ids(tmp_path) == {old[1]}
