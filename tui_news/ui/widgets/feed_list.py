"""The feed list: All, Unread, Starred, then each tag with its feeds, with unread counts.

It shows the entries the screen hands it (`feed_tree`) and posts `ViewChosen` when the
user picks one (enter or a click); the screen decides what choosing means. A failing
feed is marked with ⚠ (its error is in the view chooser). The cursor rests on the view
the story list shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_news.ui.bindings import list_pane_bindings
from tui_news.ui.feed_tree import Entry, Kind
from tui_news.ui.story_line import fit
from tui_news.ui.views import View

FAILING_MARK = "⚠"
Sections = Sequence[tuple[str, Sequence[Entry]]]


class FeedList(OptionList, inherit_bindings=False):
    """Every view a user can pick, grouped as the feeds are tagged."""

    BINDINGS: ClassVar[list[BindingType]] = [*list_pane_bindings()]

    @dataclass
    class ViewChosen(Message):
        view: View

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sections: Sections = []
        self._entries: list[Entry] = []
        self._current: View | None = None
        self._width = 0  # the prompts' width
        self._option_of: list[int] = []  # each entry's option index

    def show(self, sections: Sections, current: View) -> None:
        """Show `sections`; when the same views are listed as before, only the prompts
        whose counts or marks changed are replaced: building 1,000 feeds' options again
        took 20-30 ms on the loop."""
        self._current = current
        if _views(sections) != _views(self._sections) or self._prompt_width() != self._width:
            self._sections = sections
            self._build()
            return
        entries = [entry for _, section in sections for entry in section]
        for index, (old, new) in enumerate(zip(self._entries, entries, strict=True)):
            if old != new:
                self.replace_option_prompt_at_index(
                    self._option_of[index], _prompt(new, self._width)
                )
        self._sections, self._entries = sections, entries
        if self.highlighted is None or not self.has_focus:
            self._highlight_current()

    @property
    def highlighted_entry(self) -> Entry | None:
        """The entry under the cursor, if any."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return self._entries[int(option_id)] if option_id is not None else None

    def mark_current(self, current: View) -> None:
        """The story list shows `current` now: rest the cursor on its entry."""
        self._current = current
        self._highlight_current()

    def on_resize(self, event: events.Resize) -> None:
        if self._sections:
            self._build()  # counts sit at the right edge, names are cut to fit

    def _build(self) -> None:
        width = self._width = self._prompt_width()
        options: list[Option | None] = []
        entries: list[Entry] = []
        option_of: list[int] = []
        rules = 0  # the rules between sections are no options
        for heading, section in self._sections:
            if options:
                options.append(None)
                rules += 1
            if _headed(heading, section):
                options.append(Option(Content.styled(heading, "bold $text-muted"), disabled=True))
            for entry in section:
                option_of.append(len(options) - rules)
                options.append(Option(_prompt(entry, width), id=str(len(entries))))
                entries.append(entry)
        self._entries, self._option_of = entries, option_of
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < self.option_count and self.has_focus:
            self.highlighted = highlighted  # a recount must not move the user's cursor
        else:
            self._highlight_current()

    def _prompt_width(self) -> int:
        """The prompts' width once the list is built, its scrollbar and all (a list built
        before its scrollbar showed would be built again at the first recount)."""
        sections = self._sections
        lines = sum(len(section) + _headed(heading, section) for heading, section in sections)
        lines += len(sections) - 1  # the rules between sections
        bar = self.styles.scrollbar_size_vertical if lines > self.content_region.height else 0
        return max(8, self.content_region.width - bar - 1)

    def _highlight_current(self) -> None:
        for index in range(self.option_count):
            option_id = self.get_option_at_index(index).id
            if option_id is not None and _same(self._entries[int(option_id)].view, self._current):
                self.highlighted = index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ViewChosen(self._entries[int(event.option.id)].view))


def _views(sections: Sections) -> list[tuple[str, list[View]]]:
    return [(heading, [entry.view for entry in section]) for heading, section in sections]


def _headed(heading: str, section: Sequence[Entry]) -> bool:
    """Whether a section has a line of its own for its name (a tag's is its first entry)."""
    return bool(heading and section and section[0].kind is not Kind.TAG)


def _same(entry: View, current: View | None) -> bool:
    return current is not None and entry == current


def _prompt(entry: Entry, width: int) -> Content:
    """ "  Feed name   12": a name cut to fit, a feed indented under its tag, the count
    right-aligned; a failing feed marked."""
    indent = "  " if entry.kind is Kind.FEED else ""
    mark = f" {FAILING_MARK}" if entry.error else ""
    count = f" {entry.unread:,}" if entry.unread else ""
    room = max(1, width - len(indent) - cell_len(mark) - cell_len(count))
    name = fit(entry.label, room) if cell_len(entry.label) > room else entry.label
    gap = " " * max(0, room - cell_len(name))
    style = "bold" if entry.kind is not Kind.FEED else ""
    parts: list[str | tuple[str, str]] = [indent, (name, style)]
    if mark:
        parts.append((mark, "bold $text-error"))
    parts += [gap, (count, "$text-muted")]
    return OneLine.assemble(*parts)


class OneLine(Content):
    """A prompt fitted to the list's width: one line, known without wrapping it. The
    list measures every option's height each time a prompt changes (1,000 feeds: 10-15
    ms on the loop); these cost nothing to measure."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1
