"""With `[sync]` set, the app's refresh (on start, R) is a sync, and its marks reach the server."""

from __future__ import annotations

from tests.core.sync.fake_greader import FakeGReader
from tests.ui.conftest import AppFactory, listed, screen_text, wait_for
from tui_news.core.sync.settings import SyncSettings


async def test_the_app_syncs_on_start_and_on_r_and_sends_its_marks(make_app: AppFactory) -> None:
    fake_greader = FakeGReader().start()
    try:
        await _session(make_app, fake_greader)
    finally:
        fake_greader.stop()


async def _session(make_app: AppFactory, fake_greader: FakeGReader) -> None:
    feed = fake_greader.add_feed("http://127.0.0.1:1/s.xml", "Server feed", ["Tag"])
    ids = [fake_greader.add_item(feed, f"server story {n}") for n in range(3)]
    sync = SyncSettings("greader", fake_greader.url, fake_greader.user, fake_greader.password)
    app = make_app(refresh_on_start=True, sync=sync)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 3)
        await wait_for(pilot, lambda: not screen.refresh_running)
        assert "server story 2" in screen_text(app)
        await pilot.press("m")  # the highlighted story: read here at once, queued
        assert len(fake_greader.unread()) == 3  # sent at the next sync, not before
        later = fake_greader.add_item(feed, "arrived later")
        await pilot.press("R")
        await listed(pilot, app, 4)
        await wait_for(pilot, lambda: len(fake_greader.unread()) == 3)
        assert later in fake_greader.unread()
        assert "Synced" in str(screen.sub_title)
    assert set(ids) - fake_greader.unread()  # one of the first three is read there


async def test_a_sync_that_fails_midway_shows_the_stories_it_kept(make_app: AppFactory) -> None:
    from tui_news.core.sync.greader import CONTENTS_BATCH

    fake_greader = FakeGReader().start()
    try:
        feed = fake_greader.add_feed("http://127.0.0.1:1/s.xml", "Server feed")
        fake_greader.add_item(feed, "first story")
        sync = SyncSettings("greader", fake_greader.url, fake_greader.user, fake_greader.password)
        app = make_app(refresh_on_start=True, sync=sync)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await listed(pilot, app, 1)
            await wait_for(pilot, lambda: not screen.refresh_running)
            for n in range(CONTENTS_BATCH + 5):
                fake_greader.add_item(feed, f"server story {n}")
            # One more page, then the server falls over.
            contents = "stream/items/contents"
            fake_greader.broken[contents] = fake_greader.calls.get(contents, 0) + 1
            await pilot.press("R")
            await wait_for(pilot, lambda: screen.sub_title == "Sync failed", timeout=20)
            # What arrived before the failure is kept, and listed without another key.
            await wait_for(pilot, lambda: len(screen.stories.ids) == CONTENTS_BATCH + 1, timeout=2)
    finally:
        fake_greader.stop()
