"""A page of 1 MB (issue 9, defect 7): the reading pane lays out one part of it, says how
much more there is, and shows the next part when the reader reaches the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hostile.server import LocalServer
from tests.ui.conftest import AppFactory, Entry, FeedSpec, World, fill_store, listed, wait_for
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.ui.widgets.reading_pane import PART_CHARS


@pytest.fixture
def big_world(paths: AppPaths) -> Iterator[World]:
    with LocalServer() as server:
        world = World(paths, server.url(""))
        spec = FeedSpec(
            "Long Reads", server.url("/feed.xml"), [Entry("A long report", 5, "/big-article")]
        )
        with Store(paths.database) as store:
            fill_store(store, world.base_url, [spec], world)
        yield world


async def test_a_1_mb_article_is_laid_out_a_part_at_a_time(
    make_app: AppFactory, big_world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app, stories=1)
        await pilot.press("enter")
        pane = screen.reader
        await wait_for(pilot, lambda: pane.more != "", 60)
        # It used to hand Textual all 1 MB: a widget per paragraph, 0.7 s frozen on
        # opening and on every resize.
        shown = len(pane.body.source)
        assert PART_CHARS // 2 < shown <= PART_CHARS
        words = int(pane.more.split()[1].replace(",", ""))
        assert pane.more == f"… {words:,} more words: j, space or G here shows the next part."
        assert words > 100_000
        await pilot.press("2", "G")  # to the end of the part shown …
        await wait_for(pilot, lambda: pane.is_vertical_scroll_end, 20)
        assert len(pane.body.source) == shown
        await pilot.press("G")  # … and on into the next one
        await wait_for(pilot, lambda: len(pane.body.source) > shown, 20)
        assert len(pane.body.source) <= 2 * PART_CHARS + 2
        assert int(pane.more.split()[1].replace(",", "")) < words


def test_a_part_never_ends_inside_a_code_block() -> None:
    from tui_news.reader.markdown import first_part

    code = "```\n" + "x = 1\n\ny = 2\n" * 100 + "```"
    for text in (f"Intro.\n\n{code}\n\nAfter.", f"{code}\n\nAfter.", "p\n\n" * 400):
        head, rest = first_part(text, 300)
        assert head.count("```") % 2 == 0 and rest.count("```") % 2 == 0
        assert f"{head}\n\n{rest}".split() == text.split()
