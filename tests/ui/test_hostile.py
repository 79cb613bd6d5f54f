"""Feed text is shown as plain text: markup stays literal, escape sequences never reach
the terminal, and links open only over http(s)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import (
    HOSTILE_TITLE,
    AppFactory,
    Entry,
    FeedSpec,
    World,
    fill_store,
    main,
    notifications,
    reader_text,
    screen_text,
    wait_for,
)
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.ui.browser import open_with


@pytest.fixture
def hostile_world(paths: AppPaths) -> World:
    world = World(paths, "http://127.0.0.1:9")
    spec = FeedSpec(
        "Evil [b]Feed[/b] \x1b]0;owned\x07",
        "http://127.0.0.1:9/evil.xml",
        [Entry(HOSTILE_TITLE, 5, "/evil/1", summary="<p>[red]hello[/red] \x1b[2J</p>")],
    )
    with Store(paths.database) as store:
        fill_store(store, world.base_url, [spec], world)
    return world


async def test_hostile_titles_render_inert(make_app: AppFactory, hostile_world: World) -> None:
    app = make_app()
    async with app.run_test(size=(300, 30)) as pilot:
        screen = main(app)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        text = screen_text(app)
        # Markup stays literal; the colour escape is removed whole, its text kept.
        assert "Pwned [bold red]x[/] red [link=https://evil.test]click[/link]" in text
        assert "Evil [b]Feed[/b]" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.press("enter")
        # Nothing listens on port 9: the reader falls back to the feed's summary.
        await wait_for(pilot, lambda: "Showing the feed's summary" in reader_text(app), 20)
        heading = reader_text(app)
        assert heading.startswith("Pwned [bold red]x[/] red [link=https://evil.test]")
        assert "[red]hello[/red]" in screen_text(app)
        assert "\x1b" not in screen_text(app)


async def test_o_opens_and_y_copies_the_story_link(
    make_app: AppFactory, hostile_world: World, opened_urls: list[str]
) -> None:
    app = make_app(browser="true %s &")
    async with app.run_test(size=(160, 30)) as pilot:
        screen = main(app)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 1)
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(opened_urls))
        assert opened_urls == ["http://127.0.0.1:9/evil/1"]
        await pilot.press("y")
        await wait_for(pilot, lambda: app.clipboard == "http://127.0.0.1:9/evil/1")
        await wait_for(pilot, lambda: any("(OSC 52)" in n for n in notifications(app)))


def test_the_browser_is_never_given_other_schemes() -> None:
    import webbrowser

    browser = webbrowser.BackgroundBrowser(["false", "%s"])
    assert open_with(browser, "javascript:alert(1)") == "Only http and https links are opened."
    assert open_with(browser, "file:///etc/passwd").startswith("Only http")
