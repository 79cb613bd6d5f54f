"""Open a link in the user's web browser: http(s) only, never on the event loop."""

from __future__ import annotations

import webbrowser

from tui_news.ui.text import is_web_url


def open_in_browser(url: str, browser: str = "") -> str:
    """Open `url`; return "" on success or a sentence saying what went wrong.

    `browser` is the config's choice (a name webbrowser knows, or a command line with
    %s); empty means webbrowser's default, which honours $BROWSER.
    """
    if not is_web_url(url):
        return "Only http and https links are opened."
    try:
        controller = webbrowser.get(browser) if browser else webbrowser.get()
        opened = controller.open(url)
    except webbrowser.Error as error:
        return f"Could not start the browser: {error}"
    return "" if opened else "The browser did not open the link."
