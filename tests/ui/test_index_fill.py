"""A cache upgraded from schema 8 with more stories than the migration copies gets its
new search index (three-letter prefixes) filled by the app in the background; searches
find the same stories before, meanwhile and after."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, listed, wait_for
from tui_news.core.storage import search_index
from tui_news.paths import AppPaths

CACHE8 = Path(__file__).resolve().parents[1] / "data" / "cache8"
RECORDED = json.loads((CACHE8 / "searches.json").read_text())["searches"]


async def test_the_app_fills_the_new_search_index_in_the_background(
    make_app: AppFactory, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CACHE8 / "newsterm.db", paths.database)
    monkeypatch.setattr(search_index, "AT_MIGRATION", 0)  # the migration copies nothing
    monkeypatch.setattr(search_index, "BATCH", 4)
    batches: list[int] = []
    original = search_index.fill

    def fill(conn: object, stories: int) -> bool:
        batches.append(stories)
        return original(conn, stories)  # type: ignore[arg-type]

    monkeypatch.setattr(search_index, "fill", fill)
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app, stories=30)
        store = app.backend.store
        assert store.search_index_filling()
        await pilot.press("slash", *"elec")
        await wait_for(pilot, lambda: screen.stories.ids == RECORDED["elec"]["ids"])
        await wait_for(pilot, lambda: not store.search_index_filling(), timeout=20)
        assert search_index.has_prefixes(store.conn)
        assert len(batches) > 8  # 30 stories 4 at a time, then the old index's rows
        await pilot.press("backspace")  # "ele": a three-letter prefix, from the new index
        await wait_for(pilot, lambda: screen.stories.ids == RECORDED["ele"]["ids"])
