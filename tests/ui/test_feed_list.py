"""The feed list (issue 11, item 2): feeds grouped by tag with unread counts and failing
feeds marked, folding by width and by key, choosing a view, and "unread only"."""

from __future__ import annotations

from tests.ui.conftest import (
    AppFactory,
    Entry,
    FeedSpec,
    World,
    fill_store,
    listed,
    screen_text,
    wait_for,
)
from tui_news.core.storage import Store
from tui_news.ui.app import NewstermApp
from tui_news.ui.screens.main import MainScreen
from tui_news.ui.widgets.feed_list import FAILING_MARK


def feed_lines(app: NewstermApp, screen: MainScreen) -> list[str]:
    """The feed list's lines as shown (inside its border)."""
    region = screen.feed_list.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right].rstrip() for line in lines]


async def counted(pilot: object, app: NewstermApp, screen: MainScreen) -> list[str]:
    await wait_for(pilot, lambda: any("#news" in line for line in feed_lines(app, screen)))  # type: ignore[arg-type]
    return feed_lines(app, screen)


async def test_the_feed_list_groups_feeds_by_tag_with_unread_counts_and_marks_failures(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        assert screen.feed_list.display  # shown by default at 140 columns and more
        lines = await counted(pilot, app, screen)
        words = [line.split() for line in lines if line.strip() and "─" not in line]
        assert words[:3] == [["All", "6"], ["Unread", "6"], ["Starred", "1"]]
        assert words[3:6] == [["#news", "5"], ["Tech", "Daily", "3"], ["World", "Wire", "2"]]
        assert words[6:8] == [["#tech", "3"], ["Tech", "Daily", "3"]]
        assert words[8:] == [["Other", "feeds"], ["Broken", "Feed", FAILING_MARK, "1"]]
        await pilot.press("m")  # a story read: its feed's count follows
        await wait_for(
            pilot, lambda: ["World", "Wire", "1"] in [x.split() for x in feed_lines(app, screen)]
        )


async def test_the_feed_list_folds_below_140_columns_and_has_keys_of_its_own(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await listed(pilot, app)
        assert not screen.feed_list.display
        await pilot.press("F")
        await wait_for(pilot, lambda: screen.feed_list.display)
        await counted(pilot, app, screen)
        assert screen.focused is screen.stories  # F shows it, the focus stays
        await pilot.press("F")
        await wait_for(pilot, lambda: not screen.feed_list.display)
        await pilot.resize_terminal(100, 30)
        await pilot.press("0")  # focusing it unfolds it, at any width
        await wait_for(pilot, lambda: screen.feed_list.has_focus)
        assert screen.focused_pane() == "feeds"
        await pilot.resize_terminal(60, 24)  # stacked: above the list, full width
        await pilot.pause()
        feeds, stories = screen.feed_list.region, screen.list_pane.region
        assert feeds.bottom <= stories.y and feeds.width == stories.width == 60


async def test_choosing_an_entry_shows_its_stories(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        await counted(pilot, app, screen)
        await pilot.press("0")
        await wait_for(pilot, lambda: screen.feed_list.has_focus)
        await pilot.press("j", "j", "j", "j", "j", "enter")  # All Unread Starred #news Tech World
        await wait_for(pilot, lambda: screen.view.name == "World Wire")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        assert screen.focused is screen.stories  # on to the stories
        await pilot.press("0", "k", "enter")  # Tech Daily, under #news
        await wait_for(pilot, lambda: screen.view.name == "Tech Daily")
        await pilot.press("0", "k", "enter")  # #news: both its feeds
        await wait_for(pilot, lambda: screen.view.name == "#news" and len(screen.stories.ids) == 6)


async def test_unread_only_works_in_every_view(make_app: AppFactory, world: World) -> None:
    app = make_app(focus_reader_on_open=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("U")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 6)
        assert "All · unread only" in screen_text(app)
        await pilot.press("0")
        await counted(pilot, app, screen)
        await pilot.press("j", "j", "j", "j", "j", "enter")  # World Wire: 2 unread of 3
        await wait_for(pilot, lambda: screen.view.name == "World Wire")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        assert "World Wire · unread only" in screen_text(app)
        await pilot.press("U")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        assert "unread only" not in screen_text(app)


async def test_a_long_feed_list_keeps_its_counts_in_one_column_as_they_change(
    make_app: AppFactory, world: World
) -> None:
    """Longer than the pane, so it has a scrollbar from its first build: a recount that
    changes one count, or adds a feed, keeps every count flush against the same column."""
    more = [
        FeedSpec(f"Local {name}", f"{world.base_url}/{name}.xml", [Entry(f"Story {name}", n)])
        for n, name in enumerate(f"{a}{b}" for a in "ab" for b in "abcdefghijklmnopqrstuvwxy")
    ]
    with Store(world.paths.database) as store:
        fill_store(store, world.base_url, more, world)

    def counts() -> dict[str, tuple[str, int]]:
        """Each feed's count as shown, and the column its last digit is in."""
        found = {}
        for line in feed_lines(app, screen):
            words = line.split()
            if len(words) >= 2 and words[-1].isdigit():
                found[" ".join(words[:-1])] = (words[-1], len(line))
        return found

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app, stories=57)
        await wait_for(pilot, lambda: "All" in counts())
        assert len(screen.feed_list.options) > screen.feed_list.content_region.height
        shown = counts()
        assert shown["All"][0] == "56" and len({column for _, column in shown.values()}) == 1
        await pilot.press("m")  # the newest story (Local aa's) read
        await wait_for(pilot, lambda: counts()["All"][0] == "55")
        after = counts()
        assert "Local aa" not in after and after["Local ab"] == shown["Local ab"]
        assert {column for _, column in after.values()} == {shown["All"][1]}
        with Store(world.paths.database) as store:
            fill_store(
                store,
                world.base_url,
                [FeedSpec("Added Later", f"{world.base_url}/x.xml", [Entry("Late story", 1)])],
                world,
            )
        screen.feed_pane.recount()
        await wait_for(pilot, lambda: "Added Later" in counts())
        assert {column for _, column in counts().values()} == {shown["All"][1]}
