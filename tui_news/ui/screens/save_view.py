"""Save what the list shows as a saved search: a name and a filter expression.

The expression starts as the one that shows the current view (the search box's words,
a feed, a tag, unread…) and can be edited before saving. One that does not parse keeps
the dialog open with the column of the mistake; enter anywhere in the dialog saves.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Static

from tui_news.core.filters import FilterError
from tui_news.core.filters.rules import SavedView
from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.widgets.text_box import TextBox


class SaveViewScreen(TypeAheadDialog[SavedView | None]):
    """Dismisses with the view to save (parsed), or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("enter", "save", "Save", priority=True),
    ]

    def __init__(self, name: str, expression: str) -> None:
        super().__init__(classes="dialog-screen")
        self._name = name
        self._expression = expression

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-view"):
            yield Static("Save as a view", classes="dialog-title")
            yield Static(
                "A saved search is listed with the views (f). The filter language is in "
                'docs/FILTERS.md: unread and tag:world and title =~ "ukraine"',
                classes="dialog-text",
            )
            yield TextBox(value=self._name, placeholder="Name", id="view-name")
            yield TextBox(value=self._expression, placeholder="Filter expression", id="view-expr")
            yield Static(id="view-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#view-name", Input))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        self.after_typed_ahead(self._save)

    def _save(self) -> None:
        name = self.query_one("#view-name", Input).value.strip()
        expression = self.query_one("#view-expr", Input).value.strip()
        if not name:
            self._problem("Give the view a name.")
            self.set_focus(self.query_one("#view-name", Input))
            return
        try:
            view = SavedView.parse(name, expression)
        except FilterError as error:
            self._problem(str(error))
            box = self.query_one("#view-expr", Input)
            self.set_focus(box)
            box.cursor_position = max(0, error.column - 1)
            return
        self.dismiss(view)

    def _problem(self, text: str) -> None:
        status = self.query_one("#view-status", Static)
        status.update(Text(text))
        status.set_classes("-error")
