"""Open a link in the user's web browser: http(s) only, never on the event loop.

A console browser (lynx, w3m, `$BROWSER=w3m`, a `browser` command line without a
trailing &) takes over the terminal until the user quits it, so the app must hand the
terminal over meanwhile (`App.suspend`), as newsboat does; a GUI browser runs alongside.
"""

from __future__ import annotations

import webbrowser

from tui_news.ui.text import is_web_url


def find_browser(browser: str = "") -> webbrowser.BaseBrowser | str:
    """The browser to use, or a sentence saying why there is none.

    `browser` is the config's choice (a name webbrowser knows, or a command line with
    %s); empty means webbrowser's default, which honours $BROWSER.
    """
    try:
        return webbrowser.get(browser) if browser else webbrowser.get()
    except webbrowser.Error as error:
        if browser:
            return f"Could not start the browser {browser!r}: {error}. {HOW_TO_SET}"
        return f"No web browser found. {HOW_TO_SET}"


HOW_TO_SET = (
    'Set one with browser = "firefox" (or a command with %s, such as "w3m %s") in '
    "config.toml, or with the BROWSER environment variable."
)


def runs_in_terminal(controller: webbrowser.BaseBrowser) -> bool:
    """Whether the browser runs in this terminal and returns when the user quits it."""
    if isinstance(controller, webbrowser.BackgroundBrowser):
        return False
    if isinstance(controller, webbrowser.GenericBrowser):
        return True  # how webbrowser runs lynx, w3m, links and command lines without &
    return isinstance(controller, webbrowser.UnixBrowser) and not controller.background


def open_with(controller: webbrowser.BaseBrowser, url: str) -> str:
    """Open `url`; return "" on success or a sentence saying what went wrong."""
    if not is_web_url(url):
        return "Only http and https links are opened."
    try:
        opened = controller.open(url)
    except webbrowser.Error as error:
        return f"Could not start the browser: {error}"
    return "" if opened else "The browser did not open the link."
