"""A refresh whose start fails (its store will not open, the service's module fails
to import while newsterm is being upgraded) ends as a failed refresh: the header does
not stay on "Refreshing…", and R refreshes again."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import AppFactory, World, main, notifications, wait_for


async def test_a_refresh_that_fails_to_start_is_over_and_r_works_again(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        core = screen.backend.core

        def half_installed(*args: Any, **kwargs: Any) -> Any:
            raise ImportError("cannot import name 'Update' from 'tui_news.service.update'")

        monkeypatch.setattr(core, "update", half_installed)
        await pilot.press("R")
        await wait_for(pilot, lambda: screen.sub_title == "Refresh failed", 10)
        assert not screen.refresh_running
        assert any("cannot import name 'Update'" in note for note in notifications(app))

        monkeypatch.undo()  # the upgrade is over
        await pilot.press("R")
        # Its feeds are on a port nothing listens on: a refresh that ends, and says so.
        await wait_for(pilot, lambda: (screen.sub_title or "").startswith("Updated"), 20)
        assert "A refresh is already running." not in notifications(app)
