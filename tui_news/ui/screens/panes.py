"""The main screen's panes: which are shown, how wide, and which has focus.

The widths come from `pane_widths` (plain Python, shared with the preview); this puts
them on the widgets, once per resize and whenever a pane is shown or hidden. Crossing a
width where the defaults change (see `default_panes`) brings the defaults back; in
between, what the user folded or unfolded stays so.

In a narrow terminal the sidebar takes the story list's place: focus leaves the list
when it folds, and coming back to the list (`1`, or anything that focuses it: a view
chosen, `/`) folds the sidebar again. There, too, showing the feed list folds the
sidebar and the other way round, as the three would squeeze the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

from tui_news.ui.commands import FEEDS, LIST, READER, RELATED
from tui_news.ui.pane_widths import (
    MEDIUM_WIDTH,
    NARROW_WIDTH,
    STACKED_WIDTH,
    crowded,
    default_panes,
    pane_widths,
)

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui_news.ui.screens.main import MainScreen

PALETTE_HINT_MIN_WIDTH = 80  # below this "^p palette" gives its room to the keys (? lists it)


class Panes:
    """Showing, sizing and focusing the four panes."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._defaults: tuple[bool, bool] | None = None
        self.list_folded = False  # the sidebar stands in the story list's place

    def apply(self, width: int) -> None:
        screen = self.screen
        defaults = default_panes(width)
        if defaults != self._defaults:  # a line crossed: the panes it folds or unfolds
            self._defaults = defaults
            screen.show_feeds, screen.show_related = defaults
        stacked = width < STACKED_WIDTH
        screen.set_class(not screen.show_feeds, "-no-feeds")
        screen.set_class(not screen.show_related, "-no-related")
        screen.set_class(width < NARROW_WIDTH, "-narrow")
        screen.set_class(stacked, "-stacked")
        widths = pane_widths(
            width,
            feeds=screen.show_feeds,
            related=screen.show_related,
            measure=screen.config.text_width,
        )
        self.list_folded = widths.list_folded
        screen.set_class(widths.list_folded, "-no-list")
        if widths.list_folded and self._in_list(screen.focused):
            screen.set_focus(screen.reader)  # the article stays what the keys act on
        sized = {FEEDS: widths.feeds, LIST: widths.list, READER: widths.reader}
        sized[RELATED] = widths.related
        for pane, columns in sized.items():
            # Stacked, the CSS gives every pane the full width.
            self._pane(pane).styles.width = None if stacked or not columns else columns
        screen.stories.two_line = widths.two_line
        footer = screen.query_one(Footer)
        footer.compact = width < MEDIUM_WIDTH  # fewer columns per hint: more hints fit
        footer.show_command_palette = width >= PALETTE_HINT_MIN_WIDTH
        screen.refresh_bindings()  # which hints fit depends on the width

    def _pane(self, pane: str) -> Widget:
        """The pane's outer widget (the list's is its pane, search box included)."""
        return self.screen.list_pane if pane == LIST else self.widget(pane)

    # -- focus -------------------------------------------------------------------------

    def widget(self, pane: str) -> Widget:
        screen = self.screen
        panes: dict[str, Widget] = {
            FEEDS: screen.feed_list,
            LIST: screen.stories,
            READER: screen.reader,
            RELATED: screen.related,
        }
        return panes[pane]

    def focused(self) -> str:
        """Which pane has focus: "feeds", "list", "reader" or "related" (the list if
        nothing else)."""
        node = self.screen.focused
        while node is not None:
            if node.id in ("feeds", "reader", "related"):
                return {"feeds": FEEDS, "reader": READER, "related": RELATED}[node.id]
            node = node.parent  # type: ignore[assignment]
        return LIST

    def shown(self) -> list[str]:
        screen = self.screen
        return [
            *([FEEDS] if screen.show_feeds else []),
            *([] if self.list_folded else [LIST]),
            READER,
            *([RELATED] if screen.show_related else []),
        ]

    def focus(self, pane: str) -> None:
        """Focus `pane`, showing it first if it is folded away."""
        # At once, not as widget.focus() does on a later turn of the loop: keys typed
        # right after (`1 j enter` queued while the app was busy) belong to this pane.
        if pane not in self.shown():
            self.toggle(pane)
        self.screen.set_focus(self.widget(pane))

    def cycle(self, step: int) -> None:
        panes = self.shown()
        current = self.focused()
        index = panes.index(current) if current in panes else 0
        self.focus(panes[(index + step) % len(panes)])

    def toggle(self, pane: str) -> None:
        screen = self.screen
        if pane == FEEDS:
            screen.show_feeds = not screen.show_feeds
        elif pane == RELATED:
            screen.show_related = not screen.show_related
        elif pane == LIST:  # folded: it comes back in the sidebar's place
            screen.show_related = False

    def changed(self, pane: str, shown: bool) -> None:
        """`pane` was shown or hidden: the others make room or take it back, and the
        focus leaves a pane that goes."""
        screen = self.screen
        width = screen.size.width or screen.app.size.width
        if not shown and self.focused() == pane:
            screen.set_focus(screen.reader if pane == RELATED else screen.stories)
        both = shown and screen.show_feeds and screen.show_related
        if both and crowded(width, measure=screen.config.text_width):
            self.toggle(RELATED if pane == FEEDS else FEEDS)  # applies the widths
            return
        self.apply(width)

    def focus_moved(self) -> None:
        """Whatever moved the focus into the folded list (a view chosen, `/`) wants the
        list back."""
        if self.list_folded and self._in_list(self.screen.focused):
            self.screen.show_related = False

    def _in_list(self, widget: Widget | None) -> bool:
        """Whether `widget` is in the list's pane (the list, its search box)."""
        return widget is not None and self.screen.list_pane in widget.ancestors_with_self
