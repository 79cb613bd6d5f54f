"""Keys that arrive while the app shuts down (issue 9, defect 17): the screens are gone,
and the keys are ignored rather than raising ScreenStackError."""

from __future__ import annotations

from textual import events

from tests.ui.conftest import AppFactory, World, listed
from tests.ui.test_type_ahead import burst


async def test_keys_queued_as_the_app_exits_are_ignored(make_app: AppFactory, world: World) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot, app)
        burst(app, *"dndndndndn")  # still queued when the test leaves and the app closes
    assert not app.screen_stack
    # What a key arriving now meets; run_test would have re-raised a failure above too.
    app.on_key(events.Key("n", "n"))
