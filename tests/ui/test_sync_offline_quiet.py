"""A laptop offline with the app open under `[sync]`: the sync on start says it failed,
once; the timer's syncs that fail the same way after it keep to the header ("Sync
failed"), as a refresh offline keeps to one word. R still says it every time."""

from __future__ import annotations

import socket

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
