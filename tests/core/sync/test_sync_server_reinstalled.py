"""A Fever server reinstalled at the same address (same user, same feeds) counts its
item ids from 1 again: the ids linked here name other stories there now. The sync sees
it and joins the new server's items to the stories here anew, as a first sync does,
instead of sending queued marks to other items and taking their state for the wrong
stories here. Against two real coldsweat installs, one after the other on one port."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, install
from tests.core.sync.test_sync_fever import configure, stories, story_id

NOW = time.time()


def _items(prefix: str) -> list[tuple[str, str, float]]:
    return [(f"{prefix}-{i}", f"{prefix} {i}", NOW - 600 - 60 * i) for i in range(6)]


def reinstalled(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    before: Callable[[Path], None],
    on_the_new_server: Callable[[dict[str, str], Callable[..., Any]], None] = lambda *_: None,
    *,
    feeds_there: dict[str, list[tuple[str, str, float]]] | None = None,
) -> tuple[Path, dict[str, tuple[bool, bool]]]:
    """A newsterm synced with a coldsweat of one feed ("news", 6 items), `before(data)`
    done with it; then coldsweat installed again on the same port, a feed imported
    before "news" so that its items take the ids 1-6 "news" had, and
    `on_the_new_server(ids by title, api)` done there (`feeds_there`: the feeds the
    new install has instead, in the order it imports them); then a sync. Returns the data
    directory and the new server's (read, saved) by title."""
    python = install()
    first = Coldsweat(python, tmp_path / "first")
    first.start()
    try:
        account = first.account({"news": _items("news")})
        data = tmp_path / "data"
        configure(data, account)
        assert newsterm(capsys, data, "sync").code == 0
        before(data)
    finally:
        first.stop()

    second = Coldsweat(python, tmp_path / "second")
    second.feeds.stop()
    second.feeds, second.port, second.url = first.feeds, first.port, first.url
    shutil.rmtree(account.dir)  # the same user's feeds, written again
    second.start()
    try:
        again = second.account(feeds_there or {"aaa": _items("aaa"), "news": _items("news")})
        assert (again.user, again.feed_url("news")) == (account.user, account.feed_url("news"))
        ids = {title: str(item["id"]) for title, item in again.items().items()}
        on_the_new_server(ids, again.api)
        run = newsterm(capsys, data, "sync")
        assert run.code == 0, run.err
        there = {
            title: (bool(item["is_read"]), bool(item["is_saved"]))
            for title, item in again.items().items()
        }
        return data, there
    finally:
        second.close()


def test_a_reinstalled_server_is_joined_anew_and_no_mark_goes_to_another_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def before(data: Path) -> None:
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 0")), "--read").code == 0
        assert newsterm(capsys, data, "sync").code == 0  # the old server has it read
        # Read here since: queued, for the server's id of "news 1" on the old install.
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 1")), "--read").code == 0

    data, there = reinstalled(tmp_path, capsys, before)
    here = stories(data)
    assert len(here) == 12  # the six "news" stories joined, not stored twice
    assert {title: read for title, (read, _) in here.items() if read} == {
        "news 0": True,
        "news 1": True,
    }
    assert {title for title, (read, _) in there.items() if read} == {"news 0", "news 1"}


def test_a_reinstalled_servers_items_are_joined_by_link_not_by_their_old_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new install fetched "news" with two stories more at its top: its ids name
    "news" items again, but shifted by two. Each story here must be joined to its own
    item (by link), not to the one that has its old id now."""

    def before(data: Path) -> None:
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 0")), "--read").code == 0
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 4")), "--star").code == 0
        assert newsterm(capsys, data, "sync").code == 0

    late = [(f"late-{i}", f"late {i}", NOW - 60 + i) for i in range(2)]
    data, there = reinstalled(tmp_path, capsys, before, feeds_there={"news": late + _items("news")})
    here = stories(data)
    assert sorted(here) == sorted([f"news {i}" for i in range(6)] + ["late 0", "late 1"])
    assert {title for title, flags in here.items() if any(flags)} == {"news 0", "news 4"}
    assert here["news 0"] == there["news 0"] == (True, False)
    assert here["news 4"] == there["news 4"] == (False, True)
    assert here["late 0"] == there["late 0"] == (False, False)
