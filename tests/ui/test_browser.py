"""`o` with a browser that runs in the terminal (lynx, w3m, `browser = "w3m %s"`): the
app hands the terminal over while it runs, as newsboat does, instead of both drawing
on it and both reading the keys."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, World, listed, notifications, wait_for
from tui_news.ui.app import NewstermApp


def fake_browser(tmp_path: Path) -> tuple[str, Path]:
    """A command line that records the URL it was given, as a console browser would."""
    script = tmp_path / "browser.py"
    log = tmp_path / "opened.txt"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[1] + '\\n')\n")
    return f"{sys.executable} {script} %s", log


@pytest.fixture
def suspensions(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What the browser had written each time the app gave the terminal back (the test
    driver cannot really suspend)."""
    seen: list[list[str]] = []

    @contextmanager
    def suspend(app: NewstermApp) -> Iterator[None]:
        yield
        log = Path(app.config.browser.split()[1]).with_name("opened.txt")
        seen.append(log.read_text().split() if log.exists() else [])

    monkeypatch.setattr(NewstermApp, "suspend", suspend)
    return seen


async def test_a_console_browser_gets_the_terminal_while_it_runs(
    make_app: AppFactory, world: World, tmp_path: Path, suspensions: list[list[str]]
) -> None:
    command, log = fake_browser(tmp_path)
    app = make_app(browser=command)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(suspensions))
        url = screen.stories.highlighted_row().url  # type: ignore[union-attr]
        assert suspensions == [[url]]  # it ran, and finished, inside the suspension
        assert log.read_text().split() == [url]


async def test_a_gui_browser_runs_alongside(
    make_app: AppFactory, world: World, tmp_path: Path, suspensions: list[list[str]]
) -> None:
    """A command line ending in & (webbrowser's mark of a GUI browser) is not waited on."""
    command, log = fake_browser(tmp_path)
    app = make_app(browser=command + " &")
    async with app.run_test(size=(120, 30)) as pilot:
        await listed(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: log.exists() and bool(log.read_text()))
        await pilot.pause(0.2)
        assert suspensions == []
        assert not [n for n in notifications(app) if "browser" in n and "Opening" not in n]


async def test_where_the_terminal_cannot_be_handed_over_it_says_what_to_do(
    make_app: AppFactory, world: World, tmp_path: Path
) -> None:
    """The test driver, like Textual Web, cannot suspend: no console browser on top."""
    command, log = fake_browser(tmp_path)
    app = make_app(browser=command)
    async with app.run_test(size=(120, 30)) as pilot:
        await listed(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: any("cannot be handed" in n for n in notifications(app)))
        assert not log.exists()
