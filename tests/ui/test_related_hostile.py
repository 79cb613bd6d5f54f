"""A page's related links written to attack the terminal: escape sequences, Rich markup,
bidi overrides and zero-width characters in headlines and list names reach the sidebar
as plain, inert words."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from tests.ui.conftest import (
    AppFactory,
    AppPaths,
    build_world,
    listed,
    screen_text,
    sidebar_titles,
    wait_for,
)

HEADLINES = [
    "\x1b[2J\x1b[HCleared screen story headline",
    "\x1b]52;c;ZXZpbA==\x07Clipboard story headline here",
    "Bell\x07 story headline ringing here",
    "[bold red]Rich markup story[/] headline here",
    "[@click=app.quit]Quit story headline[/]",
    "\u202eBidi override story headline\u202c here",
    "\x9b2J C1 CSI story headline words",
]
UNSAFE = "\x1b\x07\x9b\u202e\u202c"


def _hostile_page() -> str:
    prose = "<p>" + "The harbour board met on Tuesday and agreed the plan after a debate. " * 4
    items = "".join(
        f"<li><a href='/world/escape-story-{n}-words'>{title}</a></li>"
        for n, title in enumerate(HEADLINES)
    )
    return (
        "<html><head><title>Dockers vote to accept</title></head><body><article>"
        f"<h1>Dockers vote to accept</h1>{prose * 4}</article>"
        f"<aside class='related'><h2>Related\u202e [b]stories\x1b]0;pwned\x07</h2>"
        f"<ul>{items}</ul></aside></body></html>"
    )


async def test_hostile_related_headlines_show_as_inert_text(
    make_app: AppFactory, paths: AppPaths, httpserver: HTTPServer
) -> None:
    build_world(paths, httpserver.url_for("").rstrip("/"))
    httpserver.expect_request("/world/dockers").respond_with_data(
        _hostile_page(), content_type="text/html; charset=utf-8"
    )
    app = make_app()
    async with app.run_test(size=(150, 34)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Dockers vote" in sidebar_titles(app))
        await pilot.press("3")
        for _ in range(10):
            item = screen.related.highlighted_item
            if item is not None and item.title == "Dockers vote":
                break
            await pilot.press("j")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Quit story headline" in " ".join(sidebar_titles(app)))
        titles = sidebar_titles(app)
        assert "Related [b]stories" in titles  # the list's name, markup shown as written
        assert "[bold red]Rich markup story[/] headline here" in titles
        assert "[@click=app.quit]Quit story headline[/]" in titles
        assert "Cleared screen story headline" in titles
        assert "Bidi override story headline here" in titles
        shown = screen_text(app)
        assert "Cleared screen story" in shown  # the sidebar is on screen
        assert not any(char in shown or char in "".join(titles) for char in UNSAFE)
        assert app.is_running  # the [@click=app.quit] headline did nothing
