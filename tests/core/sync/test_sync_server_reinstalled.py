"""A Fever server reinstalled at the same address (same user, same feeds) counts its
item ids from 1 again: the ids linked here name other stories there now. The sync sees
it and joins the new server's items to the stories here anew, as a first sync does,
instead of sending queued marks to other items and taking their state for the wrong
stories here. Against two real coldsweat installs, one after the other on one port."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, install
from tests.core.sync.test_sync_fever import configure, stories, story_id

NOW = time.time()


def _items(prefix: str) -> list[tuple[str, str, float]]:
    return [(f"{prefix}-{i}", f"{prefix} {i}", NOW - 600 - 60 * i) for i in range(6)]


def test_a_reinstalled_server_is_joined_anew_and_no_mark_goes_to_another_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    python = install()
    first = Coldsweat(python, tmp_path / "first")
    first.start()
    try:
        account = first.account({"news": _items("news")})
        data = tmp_path / "data"
        configure(data, account)
        assert newsterm(capsys, data, "sync").code == 0
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 0")), "--read").code == 0
        assert newsterm(capsys, data, "sync").code == 0  # the old server has it read
        # Read here since: queued, for the server's id of "news 1" on the old install.
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 1")), "--read").code == 0
    finally:
        first.stop()

    second = Coldsweat(python, tmp_path / "second")
    second.feeds.stop()
    second.feeds, second.port, second.url = first.feeds, first.port, first.url
    shutil.rmtree(account.dir)  # the same user's feeds, written again
    second.start()
    try:
        # A feed imported before "news": its items take the ids 1-6 "news" had.
        again = second.account({"aaa": _items("aaa"), "news": _items("news")})
        assert (again.user, again.feed_url("news")) == (account.user, account.feed_url("news"))
        run = newsterm(capsys, data, "sync")
        assert run.code == 0, run.err
        here = stories(data)
        assert len(here) == 12  # the six "news" stories joined, not stored twice
        assert {title: read for title, (read, _) in here.items() if read} == {
            "news 0": True,
            "news 1": True,
        }
        there = {title: bool(item["is_read"]) for title, item in again.items().items()}
        assert {title for title, read in there.items() if read} == {"news 0", "news 1"}
    finally:
        second.close()
