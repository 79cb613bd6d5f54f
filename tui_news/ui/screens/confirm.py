"""A yes/no question before anything that cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from tui_news.ui.screens.type_ahead import TypeAheadDialog


class ConfirmScreen(TypeAheadDialog[bool]):
    """Dismisses with True only on an explicit yes (y, or the yes button)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-text", id="question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("Cancel (n)", id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def ask(self, question: str) -> None:
        """A fuller question, once what it depends on is known (the dialog is already up)."""
        self.question = question  # for compose, if it has not run yet
        for shown in self.query("#question").results(Static):
            shown.update(Text(question))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
