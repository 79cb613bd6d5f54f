"""A story the server no longer has (it purges read items after a while: Miniflux after 60
days, FreshRSS after its own limit) but the cache keeps, starred here: the star stays,
and the sync stops sending it, instead of the server's silence unstarring it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount
from tests.core.sync.test_sync_fever import server_state, stories, story_id, synced_feed
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
