"""Lead pictures (issue 11, item 5): above the text where the terminal can draw them,
fetched off the loop into the cache, off with a setting; the caption line stays."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from PIL import Image
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from tests.ui.conftest import (
    AppFactory,
    World,
    article,
    cache_article,
    open_cranes_story,
    reader_text,
    screen_text,
    wait_for,
)
from tests.ui.test_reading_flow import first_paragraph_on_screen
from tui_news.core.storage import Store
from tui_news.reader.pictures import lead_picture
from tui_news.ui import images
from tui_news.ui.app import NewstermApp
from tui_news.ui.screens.main import MainScreen

CAPTION = "Cranes at dawn over the old port"


def png(width: int = 64, height: int = 32) -> bytes:
    """A small gradient, as a site would serve a photo."""
    image = Image.new("RGB", (width, height))
    image.putdata([(x * 4 % 256, y * 8 % 256, 128) for y in range(height) for x in range(width)])
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def pictured_world(
    world: World, httpserver: HTTPServer, text: str = "The cranes came back on Monday."
) -> str:
    """The first story's cached article opens with a photo served from 127.0.0.1, then
    `text`."""
    image_url = world.url("/img/cranes.png")
    httpserver.expect_request("/img/cranes.png").respond_with_data(png(), content_type="image/png")
    body = f"[\\[Photo: {CAPTION}\\]]({image_url})\n\n{text}"
    cranes = world.url("/world/cranes")
    with Store(world.paths.database) as store:
        cache_article(store, cranes, article(cranes, "Harbour cranes return", text=body))
    return image_url


@pytest.fixture
def half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that draws pictures with half-blocks (tests have no terminal to ask)."""
    monkeypatch.setattr(images, "_kind", images.HALF_BLOCKS)


def picture_shown(app: NewstermApp) -> bool:
    assert app.main_screen is not None
    frame = app.main_screen.reader.query_one("#article-picture")
    return frame.display and bool(frame.children)


async def open_pictured(pilot: Pilot[Any], app: NewstermApp) -> MainScreen:
    """The cranes story opened and its lead picture drawn."""
    screen = await open_cranes_story(pilot, app)
    await wait_for(pilot, lambda: picture_shown(app))
    return screen


async def test_the_lead_picture_shows_above_the_text_and_is_cached(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, half_blocks: None
) -> None:
    image_url = pictured_world(served_world, httpserver)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        reader = (await open_pictured(pilot, app)).reader
        picture = reader.query_one("#article-picture")
        assert picture.region.y < reader.body.region.y  # above the text
        assert picture.region.height >= 8
        assert f"[Photo: {CAPTION}]" in screen_text(app)  # the caption line stays
        await app.workers.wait_for_complete()
    with Store(served_world.paths.database) as store:
        assert store.cached_image(image_url) == png()
    assert len(httpserver.log) == 1  # one fetch; the next look comes from the cache


async def test_in_a_short_terminal_the_picture_leaves_room_for_the_text(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, half_blocks: None
) -> None:
    pictured_world(served_world, httpserver)
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        reader = (await open_pictured(pilot, app)).reader
        picture = reader.query_one("#article-picture")
        await wait_for(pilot, lambda: picture.region.height > 0)
        assert picture.region.height < 14  # its height in a taller pane
        # The text begins on the pane's first screen, below the picture.
        assert reader.body.region.y < reader.content_region.bottom


async def test_no_picture_with_the_setting_off_or_a_terminal_without_graphics(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer
) -> None:
    pictured_world(served_world, httpserver)
    for app, kind in ((make_app(images=False), images.HALF_BLOCKS), (make_app(), None)):
        images._kind = kind
        try:
            async with app.run_test(size=(160, 45)) as pilot:
                await open_cranes_story(pilot, app)
                await pilot.pause(0.5)
                assert not picture_shown(app)
                assert f"[Photo: {CAPTION}]" in screen_text(app)
        finally:
            images._kind = None
    assert not httpserver.log  # nothing fetched


async def test_a_picture_that_arrives_after_the_reader_moved_on_is_not_shown(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, half_blocks: None
) -> None:
    pictured_world(served_world, httpserver)
    app = make_app(focus_reader_on_open=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_cranes_story(pilot, app)
        await pilot.press("j", "enter")  # at once: on to "Terminal apps…"
        await wait_for(pilot, lambda: "Terminal apps" in reader_text(app))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not picture_shown(app)


def test_the_lead_picture_is_one_of_the_first_blocks() -> None:
    line = "[\\[Photo: A crane\\]](https://x.test/a.jpg)"
    assert lead_picture(f"{line}\n\nText.") is not None
    assert lead_picture(f"Intro.\n\n{line}\n\nText.") is not None
    assert lead_picture(f"One.\n\nTwo.\n\nThree.\n\n{line}") is None  # the story's, not its lead
    assert lead_picture("No pictures here.") is None


async def test_the_text_read_stays_in_view_when_the_terminal_gets_shorter_or_taller(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, half_blocks: None
) -> None:
    paragraphs = "\n\n".join(
        f"Paragraph {n} of the cranes, a report on the harbour long enough to wrap."
        for n in range(1, 41)
    )
    pictured_world(served_world, httpserver, paragraphs)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        picture = (await open_pictured(pilot, app)).reader.query_one("#article-picture")
        await wait_for(pilot, lambda: picture.region.height == 14)
        await pilot.press("2", "space")
        await pilot.pause()
        left = first_paragraph_on_screen(app)
        assert left != "Paragraph 1"
        # The picture is shorter in a shorter pane: the text under it moved up, and the
        # same scroll offset showed text further on (tmux splitting the window).
        await pilot.resize_terminal(160, 26)
        await wait_for(pilot, lambda: 0 < picture.region.height < 14)
        await wait_for(pilot, lambda: first_paragraph_on_screen(app) == left)
        await pilot.resize_terminal(160, 45)
        await wait_for(pilot, lambda: picture.region.height == 14)
        await wait_for(pilot, lambda: first_paragraph_on_screen(app) == left)
