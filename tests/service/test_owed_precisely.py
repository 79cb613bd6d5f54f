"""What an update owes is the stories it stored, no more: those another process, an
`add` or another update stored meanwhile are theirs, not "from a refresh cut short"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.service.harbour import (
    NOW,
    Harbour,
    StopsAfter,
    stopped_update,
    update,
    with_full_text,
)
from tests.ui.documents import page_html, rss
from tui_news.config import Config
from tui_news.core.refresh.outcomes import RefreshSummary
from tui_news.core.storage import Store
from tui_news.service import Newsterm, Update, UpdateEvents


def serve_other_feed(harbour: Harbour) -> str:
    """A second feed on the harbour's server, two stories with their pages: its address."""
    server = harbour.server
    items = [(f"Gull story {n}", server.url_for(f"/gull/{n}"), NOW - 30 * n) for n in range(2)]
    server.expect_request("/gulls.xml").respond_with_data(
        rss("Gull News", items), content_type="application/rss+xml"
    )
    for n in range(2):
        server.expect_request(f"/gull/{n}").respond_with_data(
            page_html(f"Gull{n}"), content_type="text/html"
        )
    return server.url_for("/gulls.xml")


def test_stories_another_process_adds_are_not_from_a_refresh_cut_short(
    harbour: Harbour, cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped = stopped_update(cache, StopsAfter())
    assert isinstance(stopped, RefreshSummary) and stopped.cancelled
    # Meanwhile `newsterm add` (another process) subscribes to a feed of two stories.
    added = newsterm(capsys, tmp_path, "add", serve_other_feed(harbour))
    assert added.code == 0, added.err

    done = newsterm(capsys, tmp_path, "refresh")
    assert done.code == 0, done.err
    # The three the stopped refresh stored, not the two the add brought.
    assert "· 0 new stories · 3 more owed their full text (cut short earlier)\n" in done.out
    assert sorted(with_full_text(cache, harbour)) == ["0", "1", "2"]


class Holds(UpdateEvents):
    """Says when its update's full text has begun (its first page is in)."""

    def __init__(self) -> None:
        self.reading = threading.Event()

    def prefetch_progress(self, done: int, total: int) -> None:
        self.reading.set()


class Reports(UpdateEvents):
    """Keeps its refresh's summary, and stops its update there (no full text)."""

    def __init__(self) -> None:
        self.update: Update | None = None
        self.summary: RefreshSummary | None = None

    def refreshed(self, summary: RefreshSummary) -> None:
        self.summary = summary
        assert self.update is not None
        self.update.cancel()


def test_an_update_still_at_work_keeps_its_stories_from_another_one(
    harbour: Harbour, cache: Path
) -> None:
    other = serve_other_feed(harbour)
    with Store(cache) as store:
        other_id = store.add_feed(other).id
    harbour.held.clear()  # the first update's full text stays on its second page
    events = Holds()
    first = threading.Thread(target=lambda: update_with(cache, events, [1]))
    first.start()
    try:
        assert events.reading.wait(20)
        # A second update (another window, cron) refreshes the other feed meanwhile.
        second = Reports()
        with Store(cache) as store:
            work = second.update = Newsterm(Config()).update(store, second)
            work.run([other_id])
        assert second.summary is not None and second.summary.new_stories == 2
        # The first update's three stories are its own, its full text still under way.
        assert second.summary.earlier_story_ids == []
    finally:
        harbour.held.set()
        first.join(30)
    assert sorted(with_full_text(cache, harbour)) == ["0", "1", "2"]
    # The first one ended with its full text: of what is owed now, nothing is its; the
    # second one's two stories are, as it was stopped before its full text.
    after = update(cache, feed_ids=[])
    assert after.earlier_story_ids == sorted(second.summary.new_story_ids)


def update_with(path: Path, events: UpdateEvents, feed_ids: list[int]) -> None:
    with Store(path) as store:
        Newsterm(Config()).update(store, events).run(feed_ids)
