"""Type-ahead: keys typed before the focus moved still go where the user was typing.

A fast typist presses `/` and goes on typing the search, or `f` and the filter, or `d`
and then `y`. While the app is busy those keys queue up in the widget that had focus
when they were typed; by the time they bubble up to the app the focus is in the search
box or a dialog is on top, so neither the box nor the dialog's priority bindings ever
see them: letters are dropped or run the old screen's commands (`r` refreshes). The app
replays such a key as if pressed now (`NewstermApp.on_key`); a letter that reaches a
dialog before its text box has focus goes into the box.

So a dialog must be pushed by the key's own action, not after awaiting something, and
focus must move with `set_focus` (at once), not `focus()` (after the queued keys).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input

ResultT = TypeVar("ResultT")


def key_clock() -> float:
    """Now, on the clock key events are stamped with."""
    return events.Event().time


class TypeAheadScreen(Screen[ResultT]):
    """A screen that knows when its focus last moved (or it opened)."""

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.focus_moved_at = key_clock()

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        if widget is not self.focused:
            self.focus_moved_at = key_clock()
        super().set_focus(widget, scroll_visible, from_app_focus)

    def typed_ahead(self, event: events.Key) -> bool:
        """The key was typed before the focus moved here, so it was sent elsewhere."""
        return event.time < self.focus_moved_at


class TypeAheadDialog(TypeAheadScreen[ResultT], ModalScreen[ResultT]):
    """A dialog that takes the keys typed ahead of it (letters go to its text box)."""

    def on_key(self, event: events.Key) -> None:
        boxes = self.query(Input)
        if not boxes or not (event.is_printable and event.character):
            return
        box = boxes.first()
        if self.focused is None or self.focused is box:
            event.stop()
            self.set_focus(box)
            box.insert_text_at_cursor(event.character)

    def after_typed_ahead(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the keys typed before now have reached the text box: they
        may wait in this screen's queue (sent before the box had focus) or the box's."""
        boxes = self.query(Input)
        if boxes:
            self.call_later(boxes.first().call_later, callback)
        else:
            self.call_later(callback)
