"""Choose what the story list shows: All, Unread, Starred, a tag or a feed.

Type to filter; up/down move; enter chooses. A failing feed shows its last error
under its name, so a broken subscription is visible without digging. Enter is a
priority binding of the dialog (not the filter box's submit) so the footer can say so.

The dialog opens at once and counts the views afterwards: keys typed right after `f`
land in its filter box (not on the main screen, where `r` would start a refresh), and
an enter typed before the list is there chooses as soon as it is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.text import error_message
from tui_news.ui.views import Choice, View
from tui_news.ui.widgets.text_box import TextBox

LoadChoices = Callable[[], Awaitable[list[Choice]]]


class ViewChooser(TypeAheadDialog[View | None]):
    """Dismisses with the chosen view, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "choose", "Choose", priority=True),
        Binding("down", "move('cursor_down')", show=False),
        Binding("up", "move('cursor_up')", show=False),
        Binding("pagedown", "move('page_down')", show=False),
        Binding("pageup", "move('page_up')", show=False),
    ]

    def __init__(self, load: LoadChoices, current: View) -> None:
        super().__init__(classes="dialog-screen")
        self._load = load
        self.choices: list[Choice] = []
        self.loaded = False
        self.current = current
        self._place = current  # the view to highlight when the list is (re)built
        self._shown: list[Choice] = []
        self._shown_for = ""  # the filter text `_shown` was built for
        self._choose_when_loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="chooser"):
            yield Static("Choose a view", classes="dialog-title")
            yield TextBox(placeholder="Type to filter feeds and tags…", id="chooser-filter")
            yield OptionList(id="chooser-options")
        yield Footer()

    def on_mount(self) -> None:
        self.options.set_options([Option(Text("Counting stories…", style="dim"), disabled=True)])
        self.box.focus()
        self.load_choices()

    def recount(self) -> None:
        """The stories changed under the open dialog (a refresh ended): count again,
        keeping the line the user moved to."""
        if self.loaded:
            self._place = self._highlighted_view() or self._place
        self.load_choices()

    def _highlighted_view(self) -> View | None:
        position = self.options.highlighted
        if position is None:
            return None
        option_id = self.options.get_option_at_index(position).id
        return self._shown[int(option_id)].view if option_id is not None else None

    @work(exclusive=True, group="choices", exit_on_error=False)
    async def load_choices(self) -> None:
        try:
            self.choices = await self._load()
        except Exception as error:  # a locked database: say so in the dialog
            message = error_message(error)
            self.options.set_options(
                [Option(Text(f"Could not list the views: {message}"), disabled=True)]
            )
            return
        self.loaded = True
        self._show(self.box.value)
        if self._choose_when_loaded:
            self._choose_typed()

    @property
    def box(self) -> Input:
        return self.query_one("#chooser-filter", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one("#chooser-options", OptionList)

    def _show(self, text: str) -> None:
        self._shown_for = text
        needle = text.strip().lower()
        self._shown = [c for c in self.choices if needle in c.view.name.lower()]
        options: list[Option | None] = []
        section = ""
        for index, choice in enumerate(self._shown):
            if choice.section != section:
                if section:
                    options.append(None)
                section = choice.section
                options.append(Option(Text(section, style="bold"), disabled=True))
            options.append(Option(_prompt(choice), id=str(index)))
        self.options.set_options(options)
        self._highlight_current()

    def _highlight_current(self) -> None:
        options = self.options
        first: int | None = None
        for position in range(options.option_count):
            option = options.get_option_at_index(position)
            if option.disabled or option.id is None:
                continue
            if first is None:
                first = position
            if self._shown[int(option.id)].view == self._place:
                options.highlighted = position
                return
        options.highlighted = first

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.loaded:
            self._show(event.value)

    def action_choose(self) -> None:
        self.after_typed_ahead(self._choose_typed)  # the whole filter, typed fast or not

    def _choose_typed(self) -> None:
        if not self.loaded:
            self._choose_when_loaded = True
            return
        if self.box.value != self._shown_for:  # the list has not caught up with the box
            self._show(self.box.value)
        self._choose(self.options.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, position: int | None) -> None:
        if position is None:
            return
        option_id = self.options.get_option_at_index(position).id
        if option_id is not None:
            self.dismiss(self._shown[int(option_id)].view)

    async def action_move(self, action: str) -> None:
        await self.options.run_action(action)


def _prompt(choice: Choice) -> Content:
    # Theme variables, not Rich colour names: ANSI red is dim on some dark themes.
    parts: list[str | tuple[str, str]] = [choice.view.name, (f"  {choice.count}", "$text-muted")]
    if choice.error:
        parts += [("\n⚠ ", "bold $text-error"), (choice.error, "$text-error")]
    return Content.assemble(*parts)
