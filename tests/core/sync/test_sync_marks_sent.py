"""Many read marks to a Fever server (one request an item): several go at once, and a
sync cut short half-way keeps exactly the marks the server has not taken for the next
sync, none lost and none sent twice. Against a real coldsweat."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount
from tests.core.sync.test_sync_fever import _items, configure
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.core.sync.account import account_of
from tui_news.core.sync.engine import SyncEngine
from tui_news.core.sync.errors import SyncUnavailableError
from tui_news.core.sync.fever import FeverClient
from tui_news.core.sync.records import Credentials, Mark


class WatchedFever(FeverClient):
    """The real client, watched: the ids whose mark the server answered, how many
    marks were under way at most at once; `fail_after` marks, the server is gone."""

    def __init__(self, account: FeverAccount, *, fail_after: int | None = None) -> None:
        super().__init__(account.url, Credentials(account.user, account.password), FetchLimits())
        self.fail_after = fail_after
        self.sent: list[str] = []
        self.under_way = self.most = 0

    async def mark(self, ids: Sequence[str], mark: Mark) -> set[str]:
        if self.fail_after is not None and len(self.sent) >= self.fail_after:
            raise SyncUnavailableError("cannot reach the Fever server (test)")
        self.under_way += 1
        self.most = max(self.most, self.under_way)
        try:
            await asyncio.sleep(0.02)  # a server farther away than 127.0.0.1
            gone = await super().mark(ids, mark)
        finally:
            self.under_way -= 1
        self.sent += ids
        return gone


def run_sync(data_dir: Path, client: WatchedFever, account: FeverAccount) -> None:
    async def sync() -> None:
        try:
            with Store(data_dir / "newsterm.db") as store:
                await SyncEngine(store, client, account_of(account.settings)).run()
        finally:
            await client.aclose()

    asyncio.run(sync())


def read_on_server(account: FeverAccount) -> set[str]:
    return {str(item["id"]) for item in account.items().values() if int(item["is_read"])}


def queued_reads(data_dir: Path) -> list[str]:
    with Store(data_dir / "newsterm.db") as store:
        return [c.target for c in store.sync_queue() if c.kind == "item" and c.action == "read"]


def test_a_sync_cut_short_while_marking_sends_the_rest_next_time_and_nothing_twice(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({"cut": _items("cut", 30)})
    configure(tmp_path, account)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert newsterm(capsys, tmp_path, "mark", "--feed", account.feed_url("cut"), "--read").code == 0
    everything = set(queued_reads(tmp_path))
    assert len(everything) == 30

    first = WatchedFever(account, fail_after=12)
    with pytest.raises(SyncUnavailableError):
        run_sync(tmp_path, first, account)
    pending = set(queued_reads(tmp_path))
    # Exactly the marks the server did not answer wait: none lost, none the server has.
    assert pending == everything - set(first.sent)
    assert 12 <= len(first.sent) < 30
    assert set(first.sent) <= read_on_server(account)

    second = WatchedFever(account)
    run_sync(tmp_path, second, account)
    assert sorted(second.sent) == sorted(pending)  # only those, each once
    assert queued_reads(tmp_path) == []
    assert read_on_server(account) == everything


def test_a_first_syncs_joined_read_marks_go_several_at_once(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({"joined": _items("joined", 24)})
    # Used without sync first: every story read here, none on the server.
    added = newsterm(capsys, tmp_path, "add", "--no-full-text", account.feed_url("joined"))
    assert added.code == 0, added.err
    assert (
        newsterm(capsys, tmp_path, "mark", "--feed", account.feed_url("joined"), "--read").code == 0
    )
    assert read_on_server(account) == set()

    configure(tmp_path, account)
    client = WatchedFever(account)
    run_sync(tmp_path, client, account)
    assert len(client.sent) == 24 and len(read_on_server(account)) == 24
    assert client.most == FetchLimits().per_host  # 4 at once, not one after another
