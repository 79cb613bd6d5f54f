"""`e` edits the highlighted story's feed (or the feed shown): what `newsterm edit` does."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.ui.conftest import AppFactory, World, listed, notifications, screen_text, wait_for
from tui_news.core.storage import Store
from tui_news.ui.screens.confirm import ConfirmScreen
from tui_news.ui.screens.edit_feed import EditFeedScreen


async def open_dialog(pilot: Pilot[Any]) -> EditFeedScreen:
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, EditFeedScreen))
    dialog = pilot.app.screen
    assert isinstance(dialog, EditFeedScreen)
    return dialog


async def edit_address(pilot: Pilot[Any], address: str) -> EditFeedScreen:
    """e, the address field replaced by `address`, enter: the dialog, saved or refusing."""
    dialog = await open_dialog(pilot)
    dialog.query_one("#edit-url", Input).value = address
    await pilot.press("enter")
    return dialog


def stored_url(world: World, feed_id: int) -> str:
    """The feed's address as saved, password and all."""
    with Store(world.paths.database) as store:
        return store.feed(feed_id).url


async def test_e_renames_retags_and_changes_the_full_text_choice(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot, app)
        feed_id = screen.stories.highlighted_row().feed_id  # type: ignore[union-attr]
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#edit-title", Input).value == "World Wire"
        dialog.query_one("#edit-title", Input).value = ""
        await pilot.press(*"Wire of the World")
        dialog.query_one("#edit-tags", Input).value = "news, world"
        dialog.query_one("#edit-full", Select).value = "never"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert "Saved Wire of the World." in notifications(app)
        await wait_for(
            pilot,
            lambda: any(
                row.feed_title == "Wire of the World"
                for row in screen.stories.rows(screen.stories.ids)
            ),
        )
    with Store(world.paths.database) as store:
        feed = store.feed(feed_id)
    assert (feed.title, feed.user_title, feed.tags, feed.full_text) == (
        "Wire of the World",
        "Wire of the World",
        ("news", "world"),
        False,
    )


async def test_an_untouched_dialog_changes_nothing(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot, app)
        feed_id = screen.stories.highlighted_row().feed_id  # type: ignore[union-attr]
        await open_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
    with Store(world.paths.database) as store:
        assert store.feed(feed_id).user_title is None  # the feed's own title is not pinned


async def test_refusals_are_shown_in_the_dialog_which_stays(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await listed(pilot, app)
        dialog = await open_dialog(pilot)
        status = dialog.query_one("#edit-status")
        dialog.query_one("#edit-title", Input).value = "   "
        await pilot.press("enter")
        await wait_for(pilot, lambda: "the title is empty" in str(status.render()))
        dialog.query_one("#edit-title", Input).value = "Fine"
        dialog.query_one("#edit-url", Input).value = "ftp://nowhere.test/feed"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "not a web address" in str(status.render()))
        assert app.screen is dialog
        await pilot.press("escape")
    with Store(world.paths.database) as store:
        assert all(feed.user_title is None for feed in store.feeds())


async def test_e_and_d_in_the_feed_list_take_its_highlighted_feed(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot, app)
        assert screen.stories.highlighted_row().feed_title == "World Wire"  # type: ignore[union-attr]
        await pilot.press("0")
        await wait_for(pilot, lambda: screen.feed_list.has_focus)
        while (entry := screen.feed_list.highlighted_entry) is None or entry.label != "Tech Daily":
            await pilot.press("j")
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#edit-title", Input).value == "Tech Daily"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Unsubscribe from “Tech Daily”" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        # A tag or a view highlighted: the feed shown, else the highlighted story's.
        while (entry := screen.feed_list.highlighted_entry) is None or entry.label != "All":
            await pilot.press("k")
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#edit-title", Input).value == "World Wire"


async def test_a_password_in_the_feeds_address_is_never_shown_and_is_kept(
    make_app: AppFactory, world: World
) -> None:
    secret = "http://alice:s3cr@t-pw@127.0.0.1:9/private/world.xml"
    feed_id = world.feeds["World Wire"]
    with Store(world.paths.database) as store:
        store.edit_feed(feed_id, url=secret)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot, app)
        dialog = await open_dialog(pilot)
        address = dialog.query_one("#edit-url", Input)
        assert address.value == "http://alice:***@127.0.0.1:9/private/world.xml"
        assert "s3cr" not in screen_text(app)
        dialog.query_one("#edit-title", Input).value = "Private Wire"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert stored_url(world, feed_id) == secret  # untouched: the password stays
        # A new path typed into the redacted address keeps the password too.
        await edit_address(pilot, "http://alice:***@127.0.0.1:9/private/all.xml")
        await wait_for(pilot, lambda: app.screen is screen)
        assert stored_url(world, feed_id) == "http://alice:s3cr@t-pw@127.0.0.1:9/private/all.xml"
        # Another user name with the hidden password: said in the dialog, nothing saved.
        dialog = await edit_address(pilot, "http://bob:***@127.0.0.1:9/private/all.xml")
        await wait_for(pilot, lambda: "type the password in full" in screen_text(app))
        assert app.screen is dialog and "s3cr" not in screen_text(app)
        assert stored_url(world, feed_id) == "http://alice:s3cr@t-pw@127.0.0.1:9/private/all.xml"
        # New credentials typed in full replace the old ones.
        await edit_address(pilot, "http://bob:pa55@127.0.0.1:9/private/all.xml")
        await wait_for(pilot, lambda: app.screen is screen)
    assert stored_url(world, feed_id) == "http://bob:pa55@127.0.0.1:9/private/all.xml"


async def test_an_address_typed_without_its_scheme_keeps_the_hidden_password(
    make_app: AppFactory, world: World
) -> None:
    feed_id = world.feeds["World Wire"]
    with Store(world.paths.database) as store:
        store.edit_feed(feed_id, url="http://alice:s3cr@t-pw@127.0.0.1:9/private/world.xml")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await listed(pilot, app)
        dialog = await open_dialog(pilot)
        address = dialog.query_one("#edit-url", Input)
        # The user deletes "http://" and saves: the edit means https://, same password.
        address.value = address.value.removeprefix("http://")
        assert address.value == "alice:***@127.0.0.1:9/private/world.xml"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert stored_url(world, feed_id) == "https://alice:s3cr@t-pw@127.0.0.1:9/private/world.xml"
        # New credentials typed in full, still without a scheme, replace the old ones.
        await edit_address(pilot, "bob:pa55@127.0.0.1:9/private/world.xml")
        await wait_for(pilot, lambda: app.screen is screen)
    assert stored_url(world, feed_id) == "https://bob:pa55@127.0.0.1:9/private/world.xml"


async def test_every_field_and_button_can_be_reached_in_a_small_terminal(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await listed(pilot, app)
        dialog = await open_dialog(pilot)
        box = dialog.query_one("#edit-feed")
        for wanted in ("edit-tags", "edit-full", "edit-url", "save"):
            while dialog.focused is None or dialog.focused.id != wanted:
                await pilot.press("tab")
            focused = dialog.focused
            await wait_for(pilot, lambda f=focused: box.region.contains_region(f.region), timeout=2)
        assert "Address" in screen_text(app)
