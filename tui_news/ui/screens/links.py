"""The link `o` opens and `y` copies: whatever the focused pane points at.

From the list, the highlighted story's; from the reading pane, what it shows (or the
picture whose line is selected); from the sidebar, the highlighted entry's. A password
in a link is never passed on, and only web links leave newsterm.
"""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from tui_news.clipboard import ClipboardError, copy_text
from tui_news.core.urls import bare_host, without_userinfo
from tui_news.ui.browser import find_browser, open_with, runs_in_terminal
from tui_news.ui.commands import LIST, RELATED
from tui_news.ui.text import is_web_url

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen


class Links:
    """Opening and copying the current link."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def current_url(self) -> str:
        return without_userinfo(self._focused_url())

    def _focused_url(self) -> str:
        """The related link highlighted, the story highlighted, or the page being read (or
        the image of the "[Photo: …]" line whose text is selected in it)."""
        screen = self.screen
        pane = screen.focused_pane()
        if pane == RELATED:
            item = screen.related.highlighted_item
            return item.url if item is not None else ""
        picture = screen.reader.selected_picture if pane != LIST else None
        if picture is not None:
            return picture.url
        current = screen.reading.history.current
        if pane != LIST and current is not None:
            return current.url
        row = screen.stories.highlighted_row()
        return row.url if row is not None else ""

    def open_current(self) -> None:
        self.open_in_browser(self.current_url())

    def open_in_browser(self, url: str) -> None:
        screen = self.screen
        if not is_web_url(url):
            screen.notify("There is no web link to open here.", severity="warning")
            return
        screen.notify(f"Opening {bare_host(url)} in the browser…", markup=False)
        browser = screen.config.browser
        screen.run_worker(
            lambda: self._open_url(url, browser), thread=True, group="browser", exit_on_error=False
        )

    def _open_url(self, url: str, browser: str) -> None:
        """On a thread: finding the browser may run programs (xdg-settings)."""
        app = self.screen.app
        controller = find_browser(browser)
        if isinstance(controller, str):
            problem = controller
        elif runs_in_terminal(controller):
            problem = app.call_from_thread(self._open_in_terminal, controller, url)
        else:
            problem = open_with(controller, url)
        if problem:
            app.call_from_thread(self.screen.notify, problem, severity="error", markup=False)

    def _open_in_terminal(self, controller: webbrowser.BaseBrowser, url: str) -> str:
        """A console browser gets the terminal until the user quits it (the app waits)."""
        try:
            with self.screen.app.suspend():
                return open_with(controller, url)
        except SuspendNotSupported:
            return (
                "This terminal cannot be handed to a console browser: set browser to a "
                'command line ending in " &" in the config file.'
            )

    def copy(self) -> None:
        url = self.current_url()
        if not is_web_url(url):  # a javascript: or file: link is no one's to paste
            self.screen.notify("There is no web link to copy here.", severity="warning")
            return
        self.screen.run_worker(
            lambda: self._copy(url), thread=True, group="clipboard", exit_on_error=False
        )

    def _copy(self, url: str) -> None:
        """On a thread (it runs a program): the desktop's clipboard program if there is
        one, else OSC 52, saying which, since a terminal may ignore OSC 52."""
        app = self.screen.app
        try:
            tool = copy_text(url)
        except ClipboardError as error:
            tool, problem = None, f"{error}; "
        else:
            problem = ""
        if tool is not None:
            app.call_from_thread(self.screen.notify, f"Copied the link ({tool}).")
            return
        app.call_from_thread(app.copy_to_clipboard, url)
        app.call_from_thread(
            self.screen.notify,
            f"{problem}Sent the link to the terminal's clipboard (OSC 52), which not every "
            f"terminal or tmux accepts:\n{url}",
            title="No clipboard program (wl-copy, xclip, xsel, pbcopy)",
            timeout=10,
            markup=False,
        )
