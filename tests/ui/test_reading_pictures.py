"""Picture lines in the reading pane: clicking one, or pressing o with its text selected,
opens the image in the browser; the article stays where it is."""

from __future__ import annotations

from typing import Any

from pytest_httpserver import HTTPServer
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection
from textual.widget import Widget

from tests.ui.conftest import AppFactory, World, listed, page_html, screen_text, wait_for
from tui_news.ui.app import NewstermApp
from tui_news.ui.screens.main import MainScreen

CAPTION = "A sea otter eats a crab by the pier"


def pictured_page(title: str) -> str:
    figure = (
        '<figure><img src="/img/otter.jpg" width="960" height="540">'
        f"<figcaption>{CAPTION} (Jane Doe/Coast Wire)</figcaption></figure>"
    )
    html = page_html(title)
    second = html.index("<p>Paragraph 3")
    return html[:second] + figure + html[second:]


def picture_block(screen: MainScreen) -> Widget:
    """The Markdown block that shows the picture line."""
    return next(
        block
        for block in screen.reader.body.query("*")
        if "[Photo:" in str(getattr(block, "source", "") or "")
    )


async def open_pictured_story(
    pilot: Pilot[Any], app: NewstermApp, httpserver: HTTPServer
) -> MainScreen:
    httpserver.expect_request("/tech/phones").respond_with_data(
        pictured_page("Small phones make a quiet comeback"), content_type="text/html"
    )
    screen = await listed(pilot, app)
    await pilot.press(*"jjjjj", "enter")  # Small phones…
    await wait_for(pilot, lambda: "Paragraph 3 of the small" in screen_text(app))
    return screen


async def test_a_picture_line_shows_its_caption_and_a_click_opens_the_image(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, opened_urls: list[str]
) -> None:
    app = make_app(browser="true %s &")
    async with app.run_test(size=(150, 40)) as pilot:
        screen = await open_pictured_story(pilot, app, httpserver)
        body = screen.reader.body
        assert "[Photo: A sea otter eats a crab" in screen_text(app)  # the brackets shown
        source = body.source
        assert f"[\\[Photo: {CAPTION}\\]]({served_world.url('/img/otter.jpg')})" in source
        await pilot.click(picture_block(screen), offset=(3, 0))
        await wait_for(pilot, lambda: bool(opened_urls))
        assert opened_urls == [served_world.url("/img/otter.jpg")]
        current = screen.reading.history.current
        assert current is not None
        assert current.url == served_world.url("/tech/phones")  # still reading
        assert body.source == source


async def test_o_opens_the_selected_picture_line_else_the_page(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, opened_urls: list[str]
) -> None:
    app = make_app(browser="true %s &")
    async with app.run_test(size=(150, 40)) as pilot:
        screen = await open_pictured_story(pilot, app, httpserver)
        screen.reader.focus()
        await pilot.press("o")
        await wait_for(pilot, lambda: len(opened_urls) == 1)
        screen.selections = {picture_block(screen): Selection(None, None)}
        await pilot.pause()
        await pilot.press("o")
        await wait_for(pilot, lambda: len(opened_urls) == 2)
        assert opened_urls == [
            served_world.url("/tech/phones"),
            served_world.url("/img/otter.jpg"),
        ]


async def test_o_with_a_word_of_the_text_selected_opens_the_page_not_a_picture(
    make_app: AppFactory, served_world: World, httpserver: HTTPServer, opened_urls: list[str]
) -> None:
    """A word selected in the article (double-clicked to copy it, say) that a caption
    happens to hold too ("the") is no picture line: o opens the page."""
    app = make_app(browser="true %s &")
    async with app.run_test(size=(150, 40)) as pilot:
        screen = await open_pictured_story(pilot, app, httpserver)
        screen.reader.focus()
        paragraph = next(
            block
            for block in screen.reader.body.query("*")
            if str(getattr(block, "source", "") or "").startswith("Paragraph 3 of the")
        )
        start = len("Paragraph 3 of ")
        selection = Selection(Offset(start, 0), Offset(start + 3, 0))
        screen.selections = {paragraph: selection}
        await pilot.pause()
        assert "".join(paragraph.get_selection(selection) or ()).strip() == "the"
        await pilot.press("o")
        await wait_for(pilot, lambda: len(opened_urls) == 1)
        assert opened_urls == [served_world.url("/tech/phones")]
