"""A story the server no longer has (it purges read items after a while: Miniflux after 60
days, FreshRSS after its own limit) but the cache keeps, starred here: the star stays,
and the sync stops sending it, instead of the server's silence unstarring it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_fever import server_state, stories, story_id, synced_feed
from tests.core.sync.test_sync_greader import configure
from tui_news.core.storage import Store


def purge(account: FeverAccount, title: str) -> None:
    """What the server's own clean-up does to an old read item: gone, with its marks."""
    item = account.items()[title]
    with sqlite3.connect(account.server.workdir / "coldsweat.db") as db:
        for table in ("read", "saved"):
            db.execute(f"DELETE FROM {table} WHERE entry_id = ?", (int(item["id"]),))
        db.execute("DELETE FROM entries WHERE id = ?", (int(item["id"]),))
    db.close()
    assert title not in account.items()


def test_starring_a_story_the_server_purged_keeps_the_star(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = synced_feed(coldsweat, "purged", 3, tmp_path, capsys)
    old = story_id(tmp_path, "purged 2")
    assert newsterm(capsys, tmp_path, "mark", str(old), "--read").code == 0
    assert newsterm(capsys, tmp_path, "sync").code == 0
    purge(account, "purged 2")
    # Found again in the cache months later, and kept with a star.
    assert newsterm(capsys, tmp_path, "mark", str(old), "--star", "--unread").code == 0
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert stories(tmp_path)["purged 2"] == (False, True)
    with Store(tmp_path / "newsterm.db") as store:
        assert store.sync_pending() == 0  # not sent again and again
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0 and "0 changes sent" in again.out
    assert stories(tmp_path)["purged 2"] == (False, True)
    # The stories the server still has are synced as before.
    assert {t: s for t, s in stories(tmp_path).items() if t != "purged 2"} == server_state(account)


@pytest.mark.parametrize("mark", ["--star", "--unread"])
def test_google_reader_a_story_its_server_purged_keeps_a_star_or_unread_mark_made_here(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str], mark: str
) -> None:
    """Google Reader servers ignore edit-tag for an item they lack (FreshRSS does, and so
    the fake): the mark was sent, the server's lists then lacked the story, and the same
    sync took the star (or the unread mark) away again."""
    feed = fake_greader.add_feed("http://127.0.0.1:1/p.xml", "P")
    for n in range(3):
        fake_greader.add_item(feed, f"purged {n}", read=True)
    configure(tmp_path, fake_greader)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    old = story_id(tmp_path, "purged 2")
    with fake_greader.lock:  # the server's own clean-up of an old read item
        purged = next(i for i in fake_greader.items.values() if i.title == "purged 2")
        del fake_greader.items[purged.id]
    assert newsterm(capsys, tmp_path, "mark", str(old), mark).code == 0
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    expected = (False, False) if mark == "--unread" else (True, True)
    assert stories(tmp_path)["purged 2"] == expected
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0 and "0 changes sent" in again.out
    assert stories(tmp_path)["purged 2"] == expected
    assert stories(tmp_path) | {"purged 2": (True, False)} == {
        f"purged {n}": (True, False) for n in range(3)
    }
