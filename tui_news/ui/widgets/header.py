"""The app's header: Textual's, with a title that is redrawn without a layout.

Textual's header title asks for a layout of the whole screen at every change, in case
its size changed. Ours never does: one line, the header's full width. The subtitle
carries refresh and prefetch progress, four times a second, and each layout cost the
event loop 25-100 ms at 160 columns (every pane measured and drawn again), which a key
pressed meanwhile waited for.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class SteadyTitle(HeaderTitle):
    """A header title whose new text is only redrawn."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=False)


class AppHeader(Header):
    """The header: icon, title and subtitle; no clock (as Textual's default)."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield SteadyTitle()
        yield HeaderClockSpace()
