"""Edit a feed: its title, tags, full-text choice and address (`e`), as `newsterm edit`.

The change itself is the service's (`Newsterm.edit_feed`), made on the store thread; only
the fields the user changed are sent, so saving an untouched title does not pin the
feed's own title as the user's. A refusal (an empty title, an address that is not one or
that another subscription has) is shown in the dialog, which stays open. A password in
the feed's address is shown hidden, and kept unless a new one is typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Label, Select, Static

from tui_news.core.models import Feed
from tui_news.core.urls import HiddenPasswordError, redact_url, unredact_url
from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.text import inert
from tui_news.ui.widgets.text_box import TextBox

# Select's own "nothing chosen" is False, so the choices are words, not the bool | None.
FULL_TEXT_CHOICES = [
    ("as full_text_prefetch says", "config"),
    ("always fetch the article", "always"),
    ("never fetch the article", "never"),
]
FULL_TEXT: dict[str, bool | None] = {"config": None, "always": True, "never": False}
FULL_TEXT_CHOICE = {setting: choice for choice, setting in FULL_TEXT.items()}

Save = Callable[..., Awaitable[Feed]]


def split_tags(text: str) -> list[str]:
    """ "news, world" → ["news", "world"]: the tags as typed, empty ones dropped."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


class EditFeedScreen(TypeAheadDialog[Feed | None]):
    """Dismisses with the feed as saved, or None if cancelled."""

    DEFAULT_CSS = """
    #edit-feed Label { margin: 1 0 0 0; }
    #edit-feed Select { width: 100%; }
    #edit-status { height: auto; min-height: 1; margin: 1 0 0 0; }
    #edit-status.-error { color: $text-error; }
    #edit-status.-busy { color: $text-accent; text-style: italic; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, feed: Feed, save: Save) -> None:
        super().__init__(classes="dialog-screen")
        self.feed = feed
        self._save = save

    def compose(self) -> ComposeResult:
        feed = self.feed
        with Vertical(classes="dialog", id="edit-feed"):
            yield Static(Text(f"Edit {inert(feed.display_title)}"), classes="dialog-title")
            yield Label("Title (kept through every refresh)")
            yield TextBox(feed.title, id="edit-title")
            yield Label("Tags, separated by commas")
            yield TextBox(", ".join(feed.tags), id="edit-tags")
            yield Label("Full text")
            yield Select(
                FULL_TEXT_CHOICES,
                value=FULL_TEXT_CHOICE[feed.full_text],
                allow_blank=False,
                id="edit-full",
            )
            yield Label("Address")
            yield TextBox(redact_url(feed.url), id="edit-url")
            yield Static(id="edit-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#edit-title", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def changes(self) -> dict[str, object]:
        """What the user changed, as `Newsterm.edit_feed`'s keywords. Raises
        HiddenPasswordError (an address the dialog cannot save as typed)."""
        feed = self.feed
        title = self.query_one("#edit-title", Input).value
        tags = split_tags(self.query_one("#edit-tags", Input).value)
        full_text = FULL_TEXT.get(str(self.query_one("#edit-full", Select).value))
        url = unredact_url(self.query_one("#edit-url", Input).value.strip(), feed.url)
        changed: dict[str, object] = {}
        if title != feed.title:
            changed["title"] = title
        if tags != list(feed.tags):
            changed["tags"] = tags
        if full_text != feed.full_text:
            changed["full_text"] = full_text
        if url != feed.url:
            changed["url"] = url
        return changed

    def action_save(self) -> None:
        try:
            changed = self.changes()
        except HiddenPasswordError as error:
            self._status(str(error), "-error")
            return
        if not changed:
            self.dismiss(None)
            return
        self._status("Saving…", "-busy")
        self.query_one("#save", Button).disabled = True
        self.save(changed)

    @work(exclusive=True, group="edit-feed", exit_on_error=False)
    async def save(self, changed: dict[str, object]) -> None:
        try:
            feed = await self._save(self.feed.id, **changed)
        except Exception as error:  # FeedEditError, FeedNotFoundError: one line each
            self._status(inert(str(error)) or type(error).__name__, "-error")
            self.query_one("#save", Button).disabled = False
        else:
            self.dismiss(feed)

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#edit-status", Static)
        status.update(Text(text))
        status.set_classes(kind)
