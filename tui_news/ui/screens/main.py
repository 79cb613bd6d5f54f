"""The main screen: story list, reading pane and related sidebar.

This module is the screen's frame: layout (and how it folds on narrow terminals),
focus, the footer's per-pane hints, and search. Reading, refreshing and the story
and feed commands live in the parts it is assembled from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input
from textual.worker import Worker, WorkerState

from tui_news.ui.commands import BY_ID, LIST, READER, RELATED, SCREEN_COMMANDS, screen_bindings
from tui_news.ui.footer import PALETTE_HINT_WIDTH, fit_hints
from tui_news.ui.screens.help import HelpScreen
from tui_news.ui.screens.refreshing import RefreshPart
from tui_news.ui.screens.story_actions import StoryActionsPart
from tui_news.ui.text import inert
from tui_news.ui.views import View, search_view
from tui_news.ui.widgets.reading_pane import ReadingPane
from tui_news.ui.widgets.related_sidebar import RelatedSidebar
from tui_news.ui.widgets.story_list import StoryList

MEDIUM_WIDTH = 140  # below this the list and the sidebar give the reader more room
NARROW_WIDTH = 110  # below this the sidebar folds away (t or 3 shows it)
STACKED_WIDTH = 70  # below this the list sits above the reading pane
PALETTE_HINT_MIN_WIDTH = 80  # below this "^p palette" gives its room to the keys (? lists it)
SEARCH_DELAY = 0.3
STARTUP_REFRESH_DELAY = 0.3
WARMUP_DELAY = 1.5  # after this long without moving in the list

_SCREEN_COMMAND_IDS = frozenset(command.id for command in SCREEN_COMMANDS)


class MainScreen(StoryActionsPart, RefreshPart):
    """Three panes, keyboard first; every binding comes from `commands`."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings()  # type: ignore[assignment]

    show_related: var[bool] = var(True)
    _narrow: bool | None = None
    _search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="Search titles and article text…", id="search")
                yield StoryList(self.backend.store.story_rows, clock=self.clock, id="stories")
            yield ReadingPane(id="reader")
            yield RelatedSidebar(id="related")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_width(self.app.size.width)  # the first frame already has the right panes
        self.reader.border_title = "Article"
        self.related.border_title = "Related"
        self.related.show_message("Related links appear here when you open a story.")
        self.update_view_title()
        self.load_view(keep=None, reset=True)
        self.stories.focus()
        self.call_after_refresh(self._after_first_paint)
        self.start_cache_checks()
        minutes = self.config.auto_refresh_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.refresh_due_feeds)

    def _after_first_paint(self) -> None:
        if self.config.refresh_on_start:
            self.set_timer(
                STARTUP_REFRESH_DELAY,
                lambda: self.start_refresh(None, explicit=False, quiet=True),
            )
        self.warmup_timer = self.set_timer(WARMUP_DELAY, self._warm_up)

    def _warm_up(self) -> None:
        """Import the network and extraction stacks in a thread while the user looks.

        Then neither the first article nor the first refresh pays for them (nor
        makes the keyboard wait while a thread holds the interpreter to import).
        """
        from importlib import import_module

        from tui_news.ui.screens.reading import READER_MODULE

        self.warmup_timer = None

        def imports() -> None:
            for module in ("tui_news.core.refresh.refresher", READER_MODULE):
                import_module(module)

        self.run_worker(imports, thread=True, group="warmup", exit_on_error=False)

    def on_unmount(self) -> None:
        self.closing.set()
        with self.refresh_lock:
            if self.refresher is not None:
                self.refresher.cancel()

    # -- layout ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.apply_width(event.size.width)

    def apply_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            self.show_related = not narrow
        self.set_class(narrow, "-narrow")
        self.set_class(not narrow and width < MEDIUM_WIDTH, "-medium")
        self.set_class(width < STACKED_WIDTH, "-stacked")
        footer = self.query_one(Footer)
        footer.compact = width < MEDIUM_WIDTH  # fewer columns per hint: more hints fit
        footer.show_command_palette = width >= PALETTE_HINT_MIN_WIDTH
        self.refresh_bindings()  # which hints fit depends on the width

    def watch_show_related(self, show: bool) -> None:
        self.set_class(not show, "-no-related")
        if not show and self.focused_pane() == RELATED:
            self.reader.focus()

    # -- focus -------------------------------------------------------------------------

    def pane_widget(self, pane: str) -> Widget:
        return {LIST: self.stories, READER: self.reader, RELATED: self.related}[pane]

    def action_focus_pane(self, pane: str) -> None:
        if pane == RELATED and not self.show_related:
            self.show_related = True
            self.call_after_refresh(self.related.focus)
            return
        self.pane_widget(pane).focus()

    def action_cycle_focus(self, step: int) -> None:
        panes = [LIST, READER] + ([RELATED] if self.show_related else [])
        current = self.focused_pane()
        index = panes.index(current) if current in panes else 0
        self.action_focus_pane(panes[(index + step) % len(panes)])

    def action_toggle_related(self) -> None:
        self.show_related = not self.show_related

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer shows each screen command only in the panes where it matters."""
        bindings = super().active_bindings
        pane = self.focused_pane()
        typing = self.focused is self.search_input  # "/" types a slash there; esc clears
        for key, active in list(bindings.items()):
            binding = active.binding
            if active.node is not self or binding.id not in _SCREEN_COMMAND_IDS:
                continue
            hidden = binding.show and pane not in BY_ID[str(binding.id)].footer
            if hidden or (typing and binding.id == "search"):
                bindings[key] = active._replace(binding=replace(binding, show=False))
        # Help leads: the one key that leads to every other.
        first = {k: v for k, v in bindings.items() if v.binding.id == "help"}
        return self._fit_footer(first | {k: v for k, v in bindings.items() if k not in first})

    def _fit_footer(self, bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
        """Hide the least useful hints that would not fit whole in the footer."""
        footers = self.query(Footer)
        room = self.size.width
        if not footers or room <= 0:  # not composed or not laid out yet
            return bindings
        footer = footers.first()
        if footer.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            room -= PALETTE_HINT_WIDTH
        return fit_hints(bindings, room, self.app.get_key_display, compact=footer.compact)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_search":
            return self.view.is_search or self.has_class("-searching")
        if action == "back":
            return True if self.history.can_go_back else None
        if action == "forward":
            return True if self.history.can_go_forward else None
        return True

    # -- search ------------------------------------------------------------------------

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    def action_search(self) -> None:
        if not self.view.is_search:
            self.view_before_search = self.view
        self.add_class("-searching")
        self.set_focus(self.search_input)  # at once: the keys typed after / go in the box

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.apply_search(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self.apply_search(event.value)
        self.stories.focus()

    def apply_search(self, text: str) -> None:
        text = text.strip()
        view = search_view(text) if text else self.view_before_search
        if view != self.view:
            super().set_view(view)  # the box stays open: the user is still typing

    def set_view(self, view: View) -> None:
        """A view chosen any other way ends the search, the one still debounced included,
        so that a search typed just before cannot replace the choice a moment later."""
        self._close_search()
        super().set_view(view)

    def _close_search(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = ""
        if self.focused is self.search_input:
            self.stories.focus()  # before it is hidden, or focus would be lost
        self.remove_class("-searching")

    def action_clear_search(self) -> None:
        if self.view.is_search:
            self.set_view(self.view_before_search)
        else:
            self._close_search()
        self.stories.focus()
        self.refresh_bindings()  # focus may not move, and the footer must drop "esc Clear"

    # -- app ---------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every background failure the parts did not handle themselves, said calmly."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            what = event.worker.group.replace("-", " ")
            self.notify(
                f"{inert(str(error)) or type(error).__name__}",
                title=f"Something went wrong ({what})",
                severity="error",
                markup=False,
            )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(dict(self.config.keys)))

    def action_quit(self) -> None:
        self.app.exit()
