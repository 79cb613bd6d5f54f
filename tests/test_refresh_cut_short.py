"""A refresh stopped by its user (the app closing, Ctrl-C) keeps the stories it stored;
the next refresh, finding nothing new, fetches their full text, and says where they came
from. The full text stopped half-way is taken up the same way."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import newsterm
from tests.ui.documents import page_html, rss
from tui_news.config import Config
from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
from tui_news.core.storage import Store
from tui_news.service import Newsterm, Update, UpdateEvents

NOW = time.time()
STORIES = 3


class Harbour:
    """A feed of three stories and their article pages, on 127.0.0.1; the pages asked."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.pages: list[str] = []
        # Every page but the first waits for this: set, except while a test holds them.
        self.held = threading.Event()
        self.held.set()
        self._lock = threading.Lock()
        items = [
            (f"Harbour story {n}", server.url_for(f"/story/{n}"), NOW - 60 * n)
            for n in range(STORIES)
        ]
        feed = rss("The Harbour Times", items)
        server.expect_request("/feed.xml").respond_with_data(
            feed, content_type="application/rss+xml"
        )
        for n in range(STORIES):
            server.expect_request(f"/story/{n}").respond_with_handler(self._page)

    @property
    def feed(self) -> str:
        return self.server.url_for("/feed.xml")

    def _page(self, request: Request) -> Response:
        n = request.path.rpartition("/")[2]
        with self._lock:
            self.pages.append(n)
            later = len(self.pages) > 1
        if later:
            self.held.wait(20)  # a stop lands while this page is on its way
        return Response(page_html(f"Moorhen{n}"), content_type="text/html")


@pytest.fixture
def harbour() -> Iterator[Harbour]:
    server = HTTPServer(host="127.0.0.1")
    server.start()
    try:
        yield Harbour(server)
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def cache(harbour: Harbour, tmp_path: Path) -> Path:
    """The cache `--data-dir tmp_path` names, subscribed to the harbour's feed."""
    path = tmp_path / "newsterm.db"
    with Store(path) as store:
        store.add_feed(harbour.feed)
    return path


class StopsAfter(UpdateEvents):
    """Stops its update (as closing the app does) once the first feed is stored, or,
    with `pages`, once that many articles were fetched."""

    def __init__(self, *, pages: int | None = None) -> None:
        self.update: Update | None = None
        self.pages = pages

    def refresh_progress(self, outcome: FeedOutcome) -> None:
        if self.pages is None and self.update is not None:
            self.update.cancel()

    def prefetch_progress(self, done: int, total: int) -> None:
        if self.pages is not None and done >= self.pages and self.update is not None:
            self.update.cancel()


def stopped_update(path: Path, events: StopsAfter) -> RefreshSummary:
    core = Newsterm(Config())
    with Store(path) as store:
        update = events.update = core.update(store, events)
        summary = update.run()
    assert isinstance(summary, RefreshSummary)
    return summary


def update(path: Path) -> RefreshSummary:
    with Store(path) as store:
        summary = Newsterm(Config()).update(store, UpdateEvents()).run()
    assert isinstance(summary, RefreshSummary)
    return summary


def with_full_text(path: Path, harbour: Harbour) -> list[str]:
    """The story pages whose article is in the cache."""
    with Store(path) as store:
        urls = [harbour.server.url_for(f"/story/{n}") for n in range(STORIES)]
        return [url.rpartition("/")[2] for url in urls if store.cached_articles(url)]


def test_the_next_refresh_fetches_the_full_text_of_what_a_stopped_one_stored(
    harbour: Harbour, cache: Path
) -> None:
    path = cache
    stopped = stopped_update(path, StopsAfter())
    assert stopped.cancelled and stopped.new_stories == STORIES
    assert harbour.pages == []  # stopped before any article was asked for

    # The feed has nothing new now; the stories the stopped refresh stored get their text.
    done = update(path)
    assert done.new_stories == 0
    assert sorted(harbour.pages) == ["0", "1", "2"]
    assert sorted(with_full_text(path, harbour)) == ["0", "1", "2"]
    with Store(path) as store:
        assert sorted(done.earlier_story_ids) == sorted(s.id for s in store.stories(limit=10))

    # That refresh ended: the one after it has nothing left over to fetch.
    again = update(path)
    assert again.earlier_story_ids == [] and sorted(harbour.pages) == ["0", "1", "2"]


def test_full_text_stopped_half_way_is_finished_by_the_next_refresh(
    harbour: Harbour, cache: Path
) -> None:
    path = cache
    harbour.held.clear()
    try:
        stopped = stopped_update(path, StopsAfter(pages=1))
    finally:
        harbour.held.set()
    assert not stopped.cancelled and stopped.new_stories == STORIES  # the refresh ended
    first = harbour.pages[0]
    assert with_full_text(path, harbour) == [first]  # stopped while the second was on its way

    update(path)
    assert sorted(with_full_text(path, harbour)) == ["0", "1", "2"]
    assert harbour.pages.count(first) == 1  # the article already fetched is not asked again


def test_newsterm_refresh_says_where_the_stories_whose_text_it_fetched_came_from(
    cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped_update(cache, StopsAfter())
    done = newsterm(capsys, tmp_path, "refresh")
    assert done.code == 0, done.err
    # Not new to this refresh, and not passed off as such; their full text fetched.
    assert "· 0 new stories · 3 more from a refresh cut short\n" in done.out
    assert "\nfull text: 3 extracted, 0 from the feed, 0 already cached" in done.out
