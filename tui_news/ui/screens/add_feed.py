"""Subscribe to a feed: paste a feed or a site address; discovery finds the feed.

Discovery runs in a worker; the dialog stays responsive, says what it is doing, and
explains a failure in one sentence instead of closing. Enter in the address box is the
dialog's own binding (so the footer shows it); on a button, enter presses that button.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Static

from tui_news.core.storage import FeedExistsError
from tui_news.core.urls import typed_url
from tui_news.ui.backend import NewFeed
from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.text import error_message, inert
from tui_news.ui.widgets.text_box import TextBox

Subscribe = Callable[[str], Awaitable[NewFeed]]
"""Subscribes to the address as typed (`Backend.subscribe`)."""


class AddFeedScreen(TypeAheadDialog[NewFeed | None]):
    """Dismisses with the new subscription, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("enter", "add", "Add", priority=True),
    ]

    def __init__(self, subscribe: Subscribe) -> None:
        super().__init__(classes="dialog-screen")
        self._subscribe = subscribe

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-feed"):
            yield Static("Add a feed", classes="dialog-title")
            yield Static(
                "Paste the address of a feed, or of a site: newsterm finds its feed.",
                classes="dialog-text",
            )
            yield TextBox(placeholder="https://example.com/", id="feed-url")
            yield Static(id="add-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="add", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add":
            # Only from the address box (or typed ahead of it, before it had focus);
            # while discovery runs it shows, dimmed.
            if self.focused is not None and not isinstance(self.focused, Input):
                return False
            busy = any(button.disabled for button in self.query("#add").results(Button))
            return None if busy else True
        return True

    def action_add(self) -> None:
        self.after_typed_ahead(self._start)  # the whole address, typed fast or not

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self._start()
        else:
            self.dismiss(None)

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#add-status", Static)
        status.update(Text(text))
        status.set_classes(kind)

    def _start(self) -> None:
        typed = self.query_one(Input).value
        url = typed_url(typed)
        if not url:
            self._status(f"Not a web address: {inert(typed)!r}", "-error")
            return
        self._status(f"Looking for a feed at {url}…", "-busy")
        self.query_one("#add", Button).disabled = True
        self.refresh_bindings()
        self.discover(typed)

    @work(exclusive=True, group="discover", exit_on_error=False)
    async def discover(self, typed: str) -> None:
        from tui_news.core.subscriptions.discover import DiscoveryError

        try:
            new = await self._subscribe(typed)  # typed: one without a scheme may be http
        except DiscoveryError as error:
            self._failed(inert(error.message))
        except FeedExistsError:
            self._failed("You are already subscribed to that feed.")
        except Exception as error:
            self._failed(error_message(error))
        else:
            self.dismiss(new)

    def _failed(self, message: str) -> None:
        self._status(message, "-error")
        self.query_one("#add", Button).disabled = False
        self.refresh_bindings()
