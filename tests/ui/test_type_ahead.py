"""Keys a fast typist presses while something is still opening, found in review."""

from __future__ import annotations

import time

import pytest
from pytest_httpserver import HTTPServer
from textual import events

from tests.ui.conftest import AppFactory, World, chooser, listed, wait_for
from tui_news.core.storage import Store
from tui_news.ui.screens import feed_actions


@pytest.fixture
def slow_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting the views takes a while (a big cache on a slow disk)."""
    real = feed_actions._choices

    def slow(store: Store) -> list[feed_actions.Choice]:
        time.sleep(0.5)
        return real(store)

    monkeypatch.setattr(feed_actions, "_choices", slow)


async def test_keys_typed_while_the_view_chooser_opens_reach_it(
    make_app: AppFactory, world: World, slow_choices: None
) -> None:
    """`f` then `r` at once: the r filters the chooser, it must not start a refresh."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"wire")
        assert not screen.refresh_running and not screen.sub_title, screen.sub_title
        dialog = await chooser(pilot, app)
        assert dialog.box.value == "wire"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and len(screen.stories.ids) == 3)
        assert screen.view.name == "World Wire"


async def test_enter_typed_before_the_views_are_counted_chooses_when_they_are(
    make_app: AppFactory, world: World, slow_choices: None
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("f", *"daily", "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.view.name == "Tech Daily")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        assert not screen.refresh_running


async def test_a_burst_of_keys_typed_while_the_app_is_busy_is_not_dropped(
    make_app: AppFactory, world: World
) -> None:
    """All queued at once (the app was busy): the letters after `f` belong to the chooser's
    filter even though they were queued on the main screen before the chooser opened."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        for key in ("f", *"daily", "enter"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_for(pilot, lambda: app.screen is screen and screen.view.name == "Tech Daily")
        assert not screen.refresh_running and not screen.sub_title


async def test_a_burst_typed_after_a_reaches_the_address_box(
    make_app: AppFactory, world: World
) -> None:
    from tui_news.ui.screens.add_feed import AddFeedScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot, app)
        for key in ("a", *"example.org"):
            app.post_message(events.Key(key, key))
        await wait_for(pilot, lambda: isinstance(app.screen, AddFeedScreen))
        await pilot.pause(0.2)
        assert app.screen.query_one("#feed-url").value == "example.org"  # type: ignore[attr-defined]


def burst(app: object, *keys: str) -> None:
    """Keys typed faster than the app handles them: all queued before the first is done."""
    from textual.app import App

    assert isinstance(app, App)
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_d_then_n_typed_at_once_only_cancels(
    make_app: AppFactory, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`n` answers the question; it must not also open the next unread story below it."""
    from tui_news.ui.screens.confirm import ConfirmScreen

    answers: list[bool] = []
    real_answer = ConfirmScreen.action_answer

    def answer(dialog: ConfirmScreen, yes: bool) -> None:
        answers.append(yes)
        real_answer(dialog, yes)

    monkeypatch.setattr(ConfirmScreen, "action_answer", answer)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        burst(app, "d", "n")
        # No fixed pause: under load the dialog can take longer than any to open and close.
        await wait_for(pilot, lambda: answers == [False] and app.screen is screen)
        await pilot.pause(0.3)  # time for a leaked `n` to open a story
        assert app.screen is screen
        assert screen.reading.history.current is None  # nothing was opened
        assert len(screen.stories.ids) == 7  # nothing was deleted


async def test_d_then_y_typed_at_once_deletes_the_feed(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        burst(app, "d", "y")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 4)  # World Wire's 3 are gone
        assert app.screen is screen
        assert app.clipboard == ""  # y did not copy the link on its way


async def test_an_address_and_enter_typed_right_after_a_are_submitted(
    make_app: AppFactory, world: World, httpserver: HTTPServer
) -> None:
    """The whole address is looked up, not the part typed before the dialog opened."""
    from tests.ui.conftest import rss

    httpserver.expect_request("/new.xml").respond_with_data(
        rss("New Feed", []), content_type="application/rss+xml"
    )
    url = httpserver.url_for("/new.xml")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        burst(app, "a", *url, "enter")
        await wait_for(pilot, lambda: screen.view.name == "New Feed")


async def test_a_search_typed_right_after_slash_goes_in_the_box(
    make_app: AppFactory, world: World
) -> None:
    """`/ferry` typed at once: r must not start a refresh, every letter is searched for."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        burst(app, "slash", *"ferry", "enter")
        await wait_for(pilot, lambda: screen.view.is_search and len(screen.stories.ids) == 1)
        assert screen.view.name == "Search “ferry”"
        assert screen.focused is screen.stories  # enter came last, as typed
        assert not screen.refresh_running and not screen.sub_title


async def test_keys_typed_right_after_a_pane_key_reach_that_pane(
    make_app: AppFactory, world: World
) -> None:
    """Reading a story, `1 j enter` at once opens the next story: j and enter belong to the
    list that 1 focused, not to the article still focused while 1 was handled."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("enter")
        first = screen.stories.ids[0]
        await wait_for(pilot, lambda: screen.reading.history.current is not None)
        assert screen.focused_pane() == "reader"
        burst(app, "1", "j", "enter")
        second = screen.stories.ids[1]
        await wait_for(pilot, lambda: _shown(screen) == second)
        assert screen.focused_pane() == "reader"
        burst(app, "1", "k", "2")
        await wait_for(pilot, lambda: screen.stories.highlighted_id == first)
        await pilot.pause()
        assert screen.focused_pane() == "reader"


async def test_keys_typed_right_after_0_reach_the_feed_list(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await listed(pilot, app)
        await wait_for(pilot, lambda: screen.feed_list.option_count > 3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.focused_pane() == "reader")
        burst(app, "0", "j", "enter")  # All is highlighted; j: Unread
        await wait_for(pilot, lambda: screen.view.name == "Unread")
        assert screen.reading.history.current is not None  # enter did not reach the article


def _shown(screen: object) -> int | None:
    from tui_news.ui.screens.main import MainScreen

    assert isinstance(screen, MainScreen)
    current = screen.reading.history.current
    return current.story_id if current is not None else None


async def test_a_backspace_typed_in_a_burst_deletes_the_letter_before_it(
    make_app: AppFactory, world: World
) -> None:
    """Textual runs an Input's backspace once the key has bubbled up to the app: in a
    burst the letters after it went in first, and it deleted the last of them
    ("storm", 5 backspaces, "ferry boats" searched for "stormferry")."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash")
        typed = [*"storm", *["backspace"] * 5, *"ferry", "space", *"boats", "left", "left"]
        for key in (*typed, *"xx", "home", "delete"):
            character = " " if key == "space" else key if len(key) == 1 else None
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: screen.search_input.value == "erry boaxxts")
