"""How newsterm looks: the main screen with an article, help, and narrow layouts.

Deterministic by construction: a frozen clock, UTC, the article already in the
cache (no network), and every background step awaited before the picture.
Update with `pytest tests/ui/test_snapshots.py --snapshot-update` after checking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import (
    AppFactory,
    World,
    article,
    cache_article,
    listed,
    screen_text,
    sidebar_titles,
    wait_for,
)
from tui_news.ui.screens.help import HelpScreen

Compare = Callable[..., bool]


async def loaded(pilot: Pilot[Any]) -> None:
    """The screenshot helper runs us before the first frame: wait for the stories."""
    await wait_for(pilot, lambda: bool(pilot.app.screen.query("#stories")))
    await listed(pilot, pilot.app)


async def open_first_story(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("enter")
    await wait_for(pilot, lambda: "In your feeds" in sidebar_titles(pilot.app))  # type: ignore[arg-type]
    await pilot.press("j")
    await pilot.pause()


def test_main_screen_with_an_article(
    snap_compare: Compare, make_app: AppFactory, world: World
) -> None:
    assert snap_compare(make_app(), terminal_size=(150, 36), run_before=open_first_story)


def test_narrow_layout_folds_the_sidebar(
    snap_compare: Compare, make_app: AppFactory, world: World
) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=open_first_story)


async def open_first_story_and_its_links(pilot: Pilot[Any]) -> None:
    await open_first_story(pilot)
    await pilot.press("3")
    await wait_for(pilot, lambda: pilot.app.screen.query_one("#related").has_focus)
    await pilot.pause()


def test_narrow_layout_shows_the_sidebar_in_the_lists_place(
    snap_compare: Compare, make_app: AppFactory, world: World
) -> None:
    assert snap_compare(
        make_app(), terminal_size=(100, 30), run_before=open_first_story_and_its_links
    )


def test_very_narrow_layout_stacks_the_panes(
    snap_compare: Compare, make_app: AppFactory, world: World
) -> None:
    assert snap_compare(make_app(), terminal_size=(64, 34), run_before=open_first_story)


def test_help_screen(snap_compare: Compare, make_app: AppFactory, world: World) -> None:
    async def show_help(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=show_help)


def test_main_screen_in_a_light_theme(
    snap_compare: Compare, make_app: AppFactory, world: World
) -> None:
    """Light themes are where a colour that ignores the theme shows: white on white."""
    assert snap_compare(
        make_app(theme="solarized-light"), terminal_size=(120, 40), run_before=open_first_story
    )


def test_all_four_panes_with_the_feed_list_focused(
    snap_compare: Compare, make_app: AppFactory, world: World
) -> None:
    async def feed_list(pilot: Pilot[Any]) -> None:
        await open_first_story(pilot)
        await pilot.press("0")
        await wait_for(pilot, lambda: "#news" in screen_text(pilot.app))  # type: ignore[arg-type]

    assert snap_compare(make_app(), terminal_size=(200, 40), run_before=feed_list)


def test_an_article_with_its_lead_picture_in_half_blocks(
    snap_compare: Compare, make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_pictures import CAPTION, png
    from tui_news.core.storage import Store
    from tui_news.ui import images

    monkeypatch.setattr(images, "_kind", images.HALF_BLOCKS)
    image_url = world.url("/img/cranes.png")
    text = f"[\\[Photo: {CAPTION}\\]]({image_url})\n\nThe cranes came back on Monday."
    cranes = world.url("/world/cranes")
    with Store(world.paths.database) as store:
        cache_article(store, cranes, article(cranes, "Harbour cranes return", text=text))
        store.save_image(image_url, png(), fetched=0.0)  # cached: no network

    async def with_picture(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(pilot.app.screen.query("#article-picture > *")))

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=with_picture)
