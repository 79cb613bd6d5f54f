"""The update's reports reach the app as messages; a prefetch's stream of progress is
coalesced, so that hundreds of articles a second do not wake the app's loop hundreds of
times (ui/messages.PostedUpdate)."""

from __future__ import annotations

from textual.message import Message

from tui_news.ui.messages import PostedUpdate, PrefetchProgress


class Target:
    """Stands for the main screen: keeps what is posted to it."""

    def __init__(self) -> None:
        self.posted: list[Message] = []

    def post_message(self, message: Message) -> bool:
        self.posted.append(message)
        return True


def test_prefetch_progress_posts_one_message_at_a_time_carrying_the_newest_count() -> None:
    target = Target()
    events = PostedUpdate(target)  # type: ignore[arg-type]
    for done in range(1, 401):
        events.prefetch_progress(done, 400)
    assert len(target.posted) == 1  # not taken yet: one message in flight
    message = target.posted[0]
    assert isinstance(message, PrefetchProgress)
    assert message.latest() == (400, 400)  # the newest, whatever arrived meanwhile
    assert message.latest() is None  # taken
    events.prefetch_progress(400, 401)  # the next count posts again
    assert len(target.posted) == 2
    second = target.posted[1]
    assert isinstance(second, PrefetchProgress)
    assert second.latest() == (400, 401)


def test_sync_progress_still_posts_every_step() -> None:
    """Only the prefetch's counts are coalesced: each step of a sync is said."""
    target = Target()
    events = PostedUpdate(target)  # type: ignore[arg-type]
    events.sync_progress("sending 3 changes")
    events.sync_progress("120 items")
    assert len(target.posted) == 2
