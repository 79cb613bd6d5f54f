"""The story list at scale: only visible rows are fetched, and the cursor holds its place."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App, ComposeResult

from tests.ui.conftest import NOW
from tui_news.core.models import StoryRow
from tui_news.ui.widgets.story_list import StoryList

COUNT = 50_000


class RowSource:
    """Rows made up on demand; counts how many the list asked for."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self, ids: Sequence[int]) -> list[StoryRow]:
        self.asked += len(ids)
        return [
            StoryRow(
                i, 1, "Feed", f"Story number {i}", f"https://x.test/{i}", NOW - i, i % 3 == 0, False
            )
            for i in ids
        ]


class ListApp(App[None]):
    CSS_PATH = "../../tui_news/ui/app.tcss"

    def __init__(self, source: RowSource) -> None:
        super().__init__()
        self.source = source
        self.highlighted: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield StoryList(self.source, clock=lambda: NOW, id="stories")

    def on_story_list_highlighted(self, message: StoryList.Highlighted) -> None:
        self.highlighted.append(message.story_id)


def visible_titles(app: ListApp) -> list[str]:
    strips = app.screen._compositor.render_strips()
    return [s.text.split("Feed")[-1].strip() for s in strips if "Story number" in s.text]


async def test_fifty_thousand_stories_fetch_only_what_is_seen() -> None:
    source = RowSource()
    app = ListApp(source)
    async with app.run_test(size=(100, 30)) as pilot:
        stories = app.query_one(StoryList)
        stories.set_ids(list(range(COUNT)))
        stories.focus()
        await pilot.pause()
        assert visible_titles(app)[0].startswith("Story number 0")
        assert source.asked < 200
        await pilot.press("G")
        await pilot.pause()
        assert stories.cursor == COUNT - 1
        assert visible_titles(app)[-1].startswith(f"Story number {COUNT - 1}")
        page = stories.scrollable_content_region.height - 1
        await pilot.press("b", "k")
        assert stories.cursor == COUNT - 1 - page - 1
        assert source.asked < 400
        assert app.highlighted[-1] == stories.highlighted_id


async def test_new_ids_above_keep_the_cursor_on_its_story_and_screen_line() -> None:
    source = RowSource()
    app = ListApp(source)
    async with app.run_test(size=(100, 30)) as pilot:
        stories = app.query_one(StoryList)
        stories.set_ids(list(range(1000, 2000)))
        stories.focus()
        await pilot.pause()
        await pilot.press(*["j"] * 10)
        assert stories.highlighted_id == 1010
        line_before = stories.cursor - stories.scroll_offset.y
        stories.set_ids(list(range(990, 2000)), keep=1010)  # ten new stories on top
        await pilot.pause()
        assert stories.highlighted_id == 1010 and stories.cursor == 20
        assert stories.cursor - stories.scroll_offset.y == line_before
        stories.set_ids([5, 6], keep=1010)  # the story went away: the cursor stays in range
        await pilot.pause()
        assert stories.cursor == 1


async def test_a_smaller_terminal_keeps_the_cursor_in_view() -> None:
    app = ListApp(RowSource())
    async with app.run_test(size=(100, 30)) as pilot:
        stories = app.query_one(StoryList)
        stories.set_ids(list(range(40)))
        stories.focus()
        await pilot.press(*["j"] * 20)
        assert stories.cursor == 20 and stories.scroll_offset.y == 0
        await pilot.resize_terminal(100, 10)
        await pilot.pause()
        await pilot.pause()
        assert any(title.startswith("Story number 20") for title in visible_titles(app))


async def test_click_opens_and_empty_list_explains_itself() -> None:
    source = RowSource()
    app = ListApp(source)
    messages: list[object] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        stories = app.query_one(StoryList)
        stories.empty_text = "Nothing here."
        await pilot.pause()
        assert any("Nothing here." in s.text for s in app.screen._compositor.render_strips())
        stories.set_ids([7, 8, 9])
        await pilot.pause()
        await pilot.click(StoryList, offset=(20, 2))
        assert stories.highlighted_id == 9
        selected = {id(m): m for m in messages if isinstance(m, StoryList.Selected)}
        assert [m.story_id for m in selected.values()] == [9]  # one message (it bubbles)
