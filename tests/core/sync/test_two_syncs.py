"""Two syncs at once on one cache (the app's and a `newsterm sync` from cron): each counts
the stories it stored as new, not the other's too."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from tests.core.sync.test_sync_interrupted import PAGE, PagedServer, cached, sync
from tui_news.core.sync.engine import SyncSummary
from tui_news.core.sync.records import ItemPage


class PausingServer(PagedServer):
    """The first sync to ask for items is held after its first page until `go_on`."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.paused = threading.Event()
        self.go_on = threading.Event()

    async def new_items(
        self, cursor: str | None, known: Callable[[str], bool]
    ) -> AsyncIterator[ItemPage]:
        first = not self.paused.is_set()
        async for page in super().new_items(cursor, known):
            yield page
            if first:
                self.paused.set()
                self.go_on.wait(20)  # its page is stored: the other sync runs meanwhile
                first = False


def test_two_syncs_at_once_each_count_only_the_stories_they_stored(tmp_path: Path) -> None:
    path = tmp_path / "newsterm.db"
    server = PausingServer(PAGE * 5)
    held: list[SyncSummary] = []
    first = threading.Thread(target=lambda: held.append(sync(path, server)))
    first.start()
    try:
        assert server.paused.wait(20)
        second = sync(path, server)  # goes on from the first one's cursor: the other 80
    finally:
        server.go_on.set()
        first.join(30)
    assert second.new_stories == PAGE * 4
    assert [summary.new_stories for summary in held] == [PAGE]
    assert cached(path)[0] == server.state()  # all 100 here, once each

    # Neither left anything to the next sync.
    assert sync(path, server).new_stories == 0
