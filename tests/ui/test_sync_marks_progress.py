"""A mark-all of hundreds of stories under Fever (one request a story): while the sync
sends them, the header says how far it got, and the list still moves at once."""

from __future__ import annotations

import time

from pytest_httpserver import HTTPServer

from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.conftest import coldsweat  # noqa: F401 (the fixture)
from tests.core.sync.test_sync_mark_refused import RefusingProxy
from tests.ui.conftest import AppFactory, listed, notifications, wait_for
from tui_news.core.sync.settings import SyncSettings
from tui_news.ui.screens.confirm import ConfirmScreen

STORIES = 240


async def test_the_header_counts_the_marks_sent_and_keys_answer_meanwhile(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
    httpserver: HTTPServer,
) -> None:
    now = time.time()
    account = coldsweat.account(
        {"many": [(f"m-{i}", f"story {i}", now - 600 - 60 * i) for i in range(STORIES)]}
    )
    proxy = RefusingProxy(httpserver, account)
    settings = SyncSettings("fever", proxy.url, account.user, account.password)
    app = make_app(refresh_on_start=True, sync=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, STORIES)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=30)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        proxy.mark_delay = 0.03  # the sync's send takes seconds
        headers: list[str] = []

        def counted() -> bool:
            headers.append(str(screen.sub_title))
            return "sent 100 of" in headers[-1]

        await pilot.press("R")
        await wait_for(pilot, counted, timeout=30)
        assert f"Syncing: sent 100 of {STORIES} changes" in headers
        # The list answers while the marks go: each key at once, not after the sync.
        for _ in range(3):
            before = screen.stories.highlighted_id
            pressed = time.monotonic()
            await pilot.press("j")
            await wait_for(pilot, lambda b=before: screen.stories.highlighted_id != b, timeout=5)
            assert time.monotonic() - pressed < 1.0
        assert screen.refresh_running  # still sending
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=60)
    assert sum(int(item["is_read"]) for item in account.items().values()) == STORIES


async def test_a_mark_the_server_refuses_is_said_kept(
    make_app: AppFactory,
    coldsweat: Coldsweat,  # noqa: F811
    httpserver: HTTPServer,
) -> None:
    """The server answers 500 to one mark: the sync goes on, and says the change waits."""
    now = time.time()
    account = coldsweat.account(
        {"refused": [(f"r-{i}", f"refused {i}", now - 600 - i) for i in range(3)]}
    )
    proxy = RefusingProxy(httpserver, account)
    settings = SyncSettings("fever", proxy.url, account.user, account.password)
    app = make_app(refresh_on_start=True, sync=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 3)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=30)
        proxy.refused |= {str(item["id"]) for item in account.items().values()}
        await pilot.press("m")  # the highlighted story read: queued for the server
        await pilot.press("R")
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=30)

        def said() -> bool:
            return any(
                "1 change refused there, kept for the next sync" in n for n in notifications(app)
            )

        await wait_for(pilot, said, timeout=5)
        assert "Synced" in str(screen.sub_title)
    assert proxy.refusals >= 1
