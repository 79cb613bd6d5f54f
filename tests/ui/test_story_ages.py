"""Smaller things a daily user would notice, found in review."""

from __future__ import annotations

import pytest

from tests.ui.conftest import MINUTE, NOW, World, in_process_reader, listed, screen_text, wait_for
from tui_news.config import Config
from tui_news.ui.app import build_app
from tui_news.ui.widgets import story_list


async def test_story_ages_keep_up_with_the_clock(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left open for an hour, a story must not still say it is five minutes old."""
    monkeypatch.setattr(story_list, "AGE_TICK", 0.1)
    now = [NOW]
    app = build_app(
        world.paths,
        Config(refresh_on_start=False, auto_refresh_minutes=0),
        clock=lambda: now[0],
        remember_theme=False,
        make_reader=in_process_reader,
    )
    async with app.run_test(size=(200, 30)) as pilot:
        await listed(pilot, app)

        def cranes_line() -> str:
            return next(row for row in screen_text(app).splitlines() if "cranes ret" in row)

        assert "5m" in cranes_line()
        now[0] += 60 * MINUTE
        await wait_for(pilot, lambda: "1h" in cranes_line())
