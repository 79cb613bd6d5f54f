"""The app open while another newsterm syncs the same cache (`newsterm sync` from cron or a
shell): what that sync brought, new stories and stories read on the server, shows in the
app within seconds, as a shell's `newsterm refresh` does without sync."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.conftest import coldsweat  # noqa: F401 (the fixture)
from tests.core.sync.test_sync_fever import configure
from tests.ui.conftest import AppFactory, listed, wait_for
from tui_news.paths import AppPaths


@pytest.fixture
def fast_cache_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_news.ui.screens import refreshing

    monkeypatch.setattr(refreshing, "CACHE_CHECK_INTERVAL", 0.1)


async def test_what_a_shells_sync_brings_shows_in_the_open_app(
    make_app: AppFactory,
    paths: AppPaths,
    coldsweat: Coldsweat,  # noqa: F811
    fast_cache_check: None,
) -> None:
    now = time.time()
    items = [(f"o-{i}", f"other {i}", now - 600 - 60 * i) for i in range(2)]
    account = coldsweat.account({"other": items})
    sync = account.settings
    app = make_app(refresh_on_start=True, sync=sync)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, 2)
        await wait_for(pilot, lambda: not screen.refresh_running, timeout=20)
        await pilot.pause(0.5)
        # Meanwhile: a new story on the server, and one read on the phone.
        account.write_feed("other", [("o-new", "other new", now - 60), *items])
        account.fetch(expect=3)
        read_there = account.items()["other 1"]["id"]
        account.api(mark="item", **{"as": "read"}, id=str(read_there))
        configure(paths.data_dir, account)  # the shell's newsterm reads the config file
        shell = subprocess.run(
            [sys.executable, "-m", "tui_news", "--data-dir", str(paths.data_dir), "sync"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert shell.returncode == 0, shell.stderr
        assert "1 new story" in shell.stdout
        await listed(pilot, app, 3)
        store = screen.backend.store

        def read_in_list() -> dict[str, bool]:
            rows = screen.stories.rows(screen.stories.ids)
            return {store.story(row.id).title: row.read for row in rows}  # type: ignore[union-attr]

        await wait_for(pilot, lambda: read_in_list()["other 1"], timeout=5)
        assert read_in_list() == {"other new": False, "other 0": False, "other 1": True}
        assert "2 unread · 3" in str(screen.query_one("#list-pane").border_subtitle)
