"""The first sync of a cache that was used without one: the stories read and starred
here before are linked to the server's copies, and neither side's marks are lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.test_sync_fever import (
    _items,
    configure,
    server_state,
    stories,
    story_id,
)
from tui_news.core.storage import Store


def test_marks_made_before_sync_was_on_reach_the_server_and_the_servers_stay(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({"before": _items("before", 5)})
    # Read on the server (another client) before this cache ever synced.
    on_server = {title: int(item["id"]) for title, item in account.items().items()}
    account.api(mark="item", **{"as": "read"}, id=str(on_server["before 3"]))
    account.api(mark="item", **{"as": "saved"}, id=str(on_server["before 4"]))
    # Used here without sync: the same feed, one story read, one starred.
    added = newsterm(capsys, tmp_path, "add", "--no-full-text", account.feed_url("before"))
    assert added.code == 0, added.err
    for title, flag in (("before 1", "--read"), ("before 2", "--star")):
        assert newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, title)), flag).code == 0

    configure(tmp_path, account)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    wanted = {
        "before 0": (False, False),
        "before 1": (True, False),  # read here: read there now too
        "before 2": (False, True),  # starred here: kept, and starred there
        "before 3": (True, False),  # read there: read here
        "before 4": (False, True),  # starred there: starred here
    }
    assert stories(tmp_path) == wanted
    assert server_state(account) == wanted
    with Store(tmp_path / "newsterm.db") as store:
        assert store.sync_pending() == 0  # sent in this sync, not left for the next
    # And a second sync changes nothing back.
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0 and "0 changes sent" in again.out
    assert stories(tmp_path) == server_state(account) == wanted
