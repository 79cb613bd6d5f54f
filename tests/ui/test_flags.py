"""Star, read/unread, next unread, mark all read: on screen at once, and in the store."""

from __future__ import annotations

from tests.ui.conftest import (
    AppFactory,
    World,
    listed,
    notifications,
    open_cranes_story,
    reader_text,
    screen_text,
    wait_for,
)
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store
from tui_news.ui.screens.confirm import ConfirmScreen


def line_of(app: object, title: str) -> str:
    text = screen_text(app)  # type: ignore[arg-type]
    lines = [line for line in text.splitlines() if title in line]
    assert lines, f"{title!r} is not on screen"
    return lines[0]


async def test_s_stars_and_m_marks_read(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(200, 30)) as pilot:
        await listed(pilot, app)
        title = "Harbour cranes return to the old port"
        assert "●  World Wire" in line_of(app, title)
        await pilot.press("s")
        await wait_for(pilot, lambda: "●★ World Wire" in line_of(app, title))
        await pilot.press("m")
        await wait_for(pilot, lambda: " ★ World Wire" in line_of(app, title))
        assert "5 unread · 7" in screen_text(app)
        await pilot.press("m", "s")
        await wait_for(pilot, lambda: "●  World Wire" in line_of(app, title))
        await pilot.press("s")
        await app.workers.wait_for_complete()
    with Store(world.paths.database) as store:
        story = store.story(world.stories[title])
        assert story is not None and story.starred and not story.read


async def test_n_opens_the_next_unread_story_skipping_read_ones(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("G", "k", "k", "k")  # on "Harbour cranes go electric" (unread)
        await pilot.press("n")  # skips "River levels" (read) → "Small phones"
        await wait_for(pilot, lambda: "Small phones make a quiet comeback" in reader_text(app))
        assert screen.stories.highlighted_id == world.stories["Small phones make a quiet comeback"]
        await pilot.press("N")
        await wait_for(pilot, lambda: "go electric" in reader_text(app))
        await pilot.press("1", "g", "N")  # nothing unread above: round to the bottom
        await wait_for(pilot, lambda: "Back to the bottom of All." in notifications(app))
        await wait_for(pilot, lambda: "An older story from a feed" in reader_text(app))


async def test_mark_all_read_asks_first(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Mark all 6 unread stories in “All” as read?" in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert "6 unread · 7" in screen_text(app)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "0 unread · 7" in screen_text(app))
        assert "●" not in screen_text(app)
    with Store(world.paths.database) as store:
        assert store.counts(StoryFilter()) == (7, 0)


async def test_mark_all_read_in_a_search_names_it_once(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash", *"ferry", "enter")
        await wait_for(pilot, lambda: screen.view.is_search and len(screen.stories.ids) == 1)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        # Not “Search “ferry””: the search's name carries its own quotes.
        assert "Mark all 1 unread story found by “ferry” as read?" in screen_text(app)


async def test_a_story_kept_unread_with_m_stays_unread_when_shown_again(
    make_app: AppFactory, world: World
) -> None:
    """m on the story being read keeps it unread: going on to another story and back,
    or opening it again from the list, does not mark it read behind the user's back;
    m again marks it read."""
    app = make_app()
    cranes = world.stories["Harbour cranes return to the old port"]
    title = "Harbour cranes return to the old port"
    async with app.run_test(size=(200, 30)) as pilot:
        screen = await open_cranes_story(pilot, app)
        await wait_for(pilot, lambda: "●" not in line_of(app, title))  # opening read it
        await pilot.press("m")  # from the article: keep it unread
        await wait_for(pilot, lambda: "●" in line_of(app, title))
        await pilot.press("space")  # the article ends: on to the next unread story
        await wait_for(pilot, lambda: "Terminal apps learn" in reader_text(app))
        await pilot.press("backspace")  # back to the cranes
        await wait_for(pilot, lambda: "Harbour cranes return" in reader_text(app))
        await app.workers.wait_for_complete()
        assert "●" in line_of(app, title)
        await pilot.press("1", "g", "enter")  # opened again from the list
        await wait_for(pilot, lambda: screen.stories.highlighted_id == cranes)
        await app.workers.wait_for_complete()
        assert "●" in line_of(app, title)
        with Store(world.paths.database) as store:
            story = store.story(cranes)
            assert story is not None and not story.read
        await pilot.press("m")  # the user marks it read: it is read
        await wait_for(pilot, lambda: "●" not in line_of(app, title))
        await pilot.press("alt+right", "backspace")  # and passing by it again keeps it so
        await wait_for(pilot, lambda: "Harbour cranes return" in reader_text(app))
        await app.workers.wait_for_complete()
        assert "●" not in line_of(app, title)
    with Store(world.paths.database) as store:
        story = store.story(cranes)
        assert story is not None and story.read
