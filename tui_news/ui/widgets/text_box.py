"""The app's one-line text box: Textual's Input with its editing keys kept in order.

Textual's Input inserts a typed letter as soon as the key reaches it, but runs a bound
key (backspace, delete, the arrows, home, end, enter) only once the key has bubbled up
to the app. Keys queued while the app is busy (a fast typist, a paste of keystrokes, a
slow search redraw) are then edited out of order: "ab", backspace, "c" gave "ab", the
backspace deleting the c typed after it (Textual issue 6605). Here the box runs its own
bindings when the key reaches it, in the order typed.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TextBox(Input):
    """An Input whose own bound keys act in the order they were typed."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            # Priority bindings (the app's, a dialog's esc) ran before the key got here.
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
