"""Config problems shown in the app (issue 9, defect 11): a name from the config file is
whatever the file holds, an escape sequence included, and it reaches the screen inert."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, World, notifications


async def test_an_escape_in_a_key_name_is_shown_quoted_never_raw(
    make_app: AppFactory, world: World
) -> None:
    app = make_app(keys={"\x1b]0;TITLE\x07": "x", "nxt_unread": "y"})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        (shown,) = [n for n in notifications(app) if "no command called" in n]
    # It wrote ESC ] 0 ; TITLE BEL to the terminal: the window title changed.
    assert "\x1b" not in shown and "\x07" not in shown
    assert "no command called '\\x1b]0;TITLE\\x07', nxt_unread" in shown
