"""A mark made here while the sync is sending the opposite one for the same story: the
user read a story, the sync sends that read mark, and meanwhile (the app is open) the
user makes the story unread again. The later mark wins on both sides, in this very
sync: it is neither lost (its queue row is not the one the sent batch deletes) nor
overtaken by the server's state (which the sync takes after sending it). And a sync
killed while sending marks. Against a real coldsweat."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount
from tests.core.sync.test_sync_fever import server_state, stories, story_id, synced_feed
from tests.core.sync.test_sync_mark_refused import proxied_feed
from tests.core.sync.test_sync_marks_sent import run_sync
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.core.sync.fever import FeverClient
from tui_news.core.sync.records import Credentials, Mark


class UserMeanwhile(FeverClient):
    """The real client; while its first read mark is on its way, the user (through
    another connection to the cache, as the app has) marks `story` unread."""

    def __init__(self, account: FeverAccount, data_dir: Path, story: int) -> None:
        super().__init__(account.url, Credentials(account.user, account.password), FetchLimits())
        self.data_dir, self.story = data_dir, story
        self.sent: list[tuple[str, Mark]] = []

    async def mark(self, ids: Sequence[str], mark: Mark) -> set[str]:
        if mark is Mark.READ and not self.sent:
            with Store(self.data_dir / "newsterm.db") as app:
                app.set_read([self.story], False)
        gone = await super().mark(ids, mark)
        self.sent += [(item_id, mark) for item_id in ids]
        return gone


def test_unread_made_while_the_read_mark_is_sent_wins_on_both_sides(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = synced_feed(coldsweat, "meanwhile", 3, tmp_path, capsys)
    story = story_id(tmp_path, "meanwhile 1")
    assert newsterm(capsys, tmp_path, "mark", str(story), "--read").code == 0
    client = UserMeanwhile(account, tmp_path, story)
    run_sync(tmp_path, client, account)
    assert [mark for _, mark in client.sent] == [Mark.READ, Mark.UNREAD]
    assert stories(tmp_path)["meanwhile 1"] == (False, False)
    assert server_state(account)["meanwhile 1"] == (False, False)
    with Store(tmp_path / "newsterm.db") as store:
        assert store.sync_queue() == []


def test_a_sync_killed_while_sending_marks_sends_the_rest_once(
    coldsweat: Coldsweat, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """kill -9 half-way through a mark-all's marks: the next sync sends each mark the
    server had not taken, and again at most those that were under way at the kill."""
    proxy = proxied_feed(coldsweat, httpserver, "killed", 60, tmp_path, capsys)
    account = proxy.account
    assert (
        newsterm(capsys, tmp_path, "mark", "--feed", account.feed_url("killed"), "--read").code == 0
    )
    proxy.mark_delay = 0.02
    sync = subprocess.Popen(
        [sys.executable, "-m", "tui_news", "--data-dir", str(tmp_path), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(proxy.marked) < 20 and sync.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    sync.send_signal(signal.SIGKILL)
    sync.wait(timeout=10)
    time.sleep(1)  # the marks under way at the kill reach the server all the same
    first = list(proxy.marked)
    assert 20 <= len(first) < 60
    proxy.mark_delay = 0.0
    assert newsterm(capsys, tmp_path, "sync").code == 0
    second = proxy.marked[len(first) :]
    everything = {str(item["id"]) for item in account.items().values()}
    assert set(first) | set(second) == everything  # none lost
    twice = set(first) & set(second)
    assert len(twice) <= FetchLimits().per_host  # only those under way at the kill
    assert len(second) == len(set(second))
    assert all(read for read, _ in server_state(account).values())
    with Store(tmp_path / "newsterm.db") as store:
        assert store.sync_queue() == []
