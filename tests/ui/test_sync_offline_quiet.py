"""A laptop offline with the app open under `[sync]`: the sync on start says it failed,
once; the timer's syncs that fail the same way after it keep to the header ("Sync
failed"), as a refresh offline keeps to one word. R still says it every time."""

from __future__ import annotations

import socket
import time

from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.conftest import coldsweat  # noqa: F401 (the fixture)
from tests.ui.conftest import AppFactory, listed, notifications, wait_for
from tui_news.core.sync.settings import SyncSettings


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_the_timers_syncs_do_not_repeat_the_same_failure(make_app: AppFactory) -> None:
    url = f"http://127.0.0.1:{closed_port()}/fever/"
    app = make_app(refresh_on_start=True, sync=SyncSettings("fever", url, "me", "pw-123456"))

    def failures() -> list[str]:
        return [n for n in notifications(app) if "Sync failed" in n]

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 0)
        await wait_for(pilot, lambda: len(failures()) == 1, timeout=20)
        assert "cannot reach the Fever server" in failures()[0]
        for _timer in range(2):
            screen.refresh_due_feeds()
            await wait_for(pilot, lambda: screen.refresh_running)
            await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
            await pilot.pause(0.2)
            assert screen.sub_title == "Sync failed"
        assert len(failures()) == 1
        await pilot.press("R")  # asked for: said again
        await wait_for(pilot, lambda: len(failures()) == 2, timeout=20)


async def test_a_failed_sync_says_the_marks_made_here_wait_for_the_next(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
) -> None:
    now = time.time()
    account = coldsweat.account(
        {"waits": [(f"w-{i}", f"waits {i}", now - 60 * i) for i in range(2)]}
    )
    sync = account.settings
    app = make_app(refresh_on_start=True, sync=sync)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 2)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        await pilot.press("m", "j", "s")  # read one, star the other: two changes queued
        await pilot.pause(0.3)
        coldsweat.stop()
        try:
            await pilot.press("R")
            await wait_for(pilot, lambda: screen.sub_title == "Sync failed", timeout=20)
        finally:
            coldsweat.start()
        [said] = [n for n in notifications(app) if "Sync failed" in n]
        assert said.endswith("(2 changes kept for the next sync)")
