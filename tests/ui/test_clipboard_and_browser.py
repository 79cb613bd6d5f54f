"""`y` copies with the desktop's clipboard program, or says it only sent OSC 52; `o` with
no browser says how to set one."""

from __future__ import annotations

import stat
import webbrowser
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, World, listed, notifications, wait_for


def fake_xclip(folder: Path, log: Path, *, status: int = 0) -> None:
    """An `xclip` that writes what it is given and its arguments to `log`."""
    folder.mkdir(exist_ok=True)
    script = folder / "xclip"
    script.write_text(
        f'#!/bin/sh\necho "$@" > "{log}.args"\ncat > "{log}"\nexit {status}\n', encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


async def test_y_uses_xclip_when_there_is_a_display(
    make_app: AppFactory, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "copied"
    fake_xclip(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await listed(pilot, app)
        url = screen.links.current_url()
        await pilot.press("y")
        await wait_for(pilot, lambda: "Copied the link (xclip)." in notifications(app))
    assert log.read_text(encoding="utf-8") == url
    assert (tmp_path / "copied.args").read_text(encoding="utf-8").split() == [
        "-selection",
        "clipboard",
    ]
    assert app.clipboard == ""  # no OSC 52 as well


async def test_y_without_a_clipboard_program_says_where_the_link_went(
    make_app: AppFactory, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await listed(pilot, app)
        url = screen.links.current_url()
        await pilot.press("y")
        await wait_for(pilot, lambda: app.clipboard == url)
        (shown,) = [n for n in notifications(app) if "OSC 52" in n]
        assert "No clipboard program (wl-copy, xclip, xsel, pbcopy)" in shown
        assert "not every terminal or tmux accepts" in shown and shown.endswith(url)
        assert not any(n.startswith("Copied") for n in notifications(app))


async def test_a_failing_clipboard_program_falls_back_and_says_so(
    make_app: AppFactory, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_xclip(tmp_path / "bin", tmp_path / "copied", status=1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.clipboard == screen.links.current_url())
        assert any("xclip failed (exit status 1); Sent the link" in n for n in notifications(app))


async def test_o_with_no_browser_says_how_to_set_one(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_browser(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await listed(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: any("No web browser found" in n for n in notifications(app)))
        (shown,) = [n for n in notifications(app) if "No web browser found" in n]
        assert 'browser = "firefox"' in shown and "config.toml" in shown and "BROWSER" in shown
        assert "could not locate" not in shown
