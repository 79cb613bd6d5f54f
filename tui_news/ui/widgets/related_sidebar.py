"""The related sidebar: links grouped under headings, chosen with the keyboard or mouse.

Groups arrive ready-made from the screen (the page's own related blocks, the links in
the article, stories from the cache on the same subject). Headings are disabled
options, so the cursor only ever rests on something that can be opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_news.ui.bindings import list_pane_bindings
from tui_news.ui.related import RelatedGroup, RelatedItem
from tui_news.ui.text import inert


class RelatedSidebar(OptionList, inherit_bindings=False):
    """Related links for what the reading pane shows."""

    BINDINGS: ClassVar[list[BindingType]] = [*list_pane_bindings()]

    @dataclass
    class OpenLink(Message):
        url: str
        title: str

    @dataclass
    class OpenStory(Message):
        story_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[RelatedItem] = []

    @property
    def highlighted_item(self) -> RelatedItem | None:
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return self._items[int(option_id)] if option_id and option_id.isdigit() else None

    def show_message(self, text: str) -> None:
        self._items = []
        self.set_options([Option(Content.styled(text, "italic $text-muted"), disabled=True)])

    def show_groups(self, groups: Sequence[RelatedGroup]) -> None:
        items: list[RelatedItem] = []
        options: list[Option | None] = []
        for group in groups:
            if not group.items:
                continue
            if options:
                options.append(None)
            options.append(
                Option(Content.styled(group.heading, "bold $text-accent"), disabled=True)
            )
            for item in group.items:
                options.append(Option(_prompt(item), id=str(len(items))))
                items.append(item)
        self._items = items
        if not options:
            self.show_message("No related links for this page.")
            return
        self.set_options(options)
        self.highlighted = next(
            (i for i in range(self.option_count) if not self.get_option_at_index(i).disabled),
            None,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.highlighted_item
        if item is None:
            return
        if item.story_id is not None:
            self.post_message(self.OpenStory(item.story_id))
        elif item.url:
            self.post_message(self.OpenLink(item.url, item.title))


def _prompt(item: RelatedItem) -> Text:
    text = Text(inert(item.title) or inert(item.url))
    if item.note:
        text.append("\n")
        text.append(inert(item.note), style="dim")
    return text
