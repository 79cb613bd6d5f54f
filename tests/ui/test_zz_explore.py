from __future__ import annotations
from tests.ui.conftest import AppFactory, World, listed, reader_text, wait_for, notifications


async def test_search_space(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await listed(pilot, app)
        await pilot.press("slash", *"harbour", "enter")
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        await pilot.press("enter")
        await pilot.pause(0.5)
        print("1", reader_text(app).split("\n")[0], screen.focused_pane())
        for i in range(3):
            await pilot.press("space")
            await pilot.pause(0.6)
            print(i, reader_text(app).split("\n")[0], screen.view.name, notifications(app)[-1:], screen.stories.ids)
        # m to keep unread, then move on and back
        await pilot.press("m")
        await pilot.pause(0.3)
        store = screen.backend.store
        cur = screen.reading.history.current
        print("after m", store.story(cur.story_id).read)
        await pilot.press("escape")
        await pilot.pause(0.5)
        print("view", screen.view.name, screen.stories.ids, screen.focused_pane())
        await pilot.press("1", "j", "enter")
        await pilot.pause(0.6)
        print("opened", reader_text(app).split("\n")[0])
        await pilot.press("backspace")
        await pilot.pause(0.6)
        print("back", reader_text(app).split("\n")[0], store.story(cur.story_id).read)
        assert False
