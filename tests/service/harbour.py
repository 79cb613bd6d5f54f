"""A news site on 127.0.0.1 for the update tests: a feed of three stories and their
article pages, which a test may hold back; and updates stopped where a user stops them."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.documents import page_html, rss
from tui_news.config import Config
from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
from tui_news.core.storage import Store
from tui_news.core.sync.engine import SyncSummary
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
        feed = rss("The Harbour Times", self.items())
        server.expect_request("/feed.xml").respond_with_data(
            feed, content_type="application/rss+xml"
        )
        for n in range(STORIES):
            server.expect_request(f"/story/{n}").respond_with_handler(self._page)

    def items(self) -> list[tuple[str, str, float]]:
        """The feed's stories: (title, link, published)."""
        return [
            (f"Harbour story {n}", self.server.url_for(f"/story/{n}"), NOW - 60 * n)
            for n in range(STORIES)
        ]

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


def stopped_update(
    path: Path, events: StopsAfter, config: Config | None = None
) -> RefreshSummary | SyncSummary:
    core = Newsterm(config or Config())
    with Store(path) as store:
        update = events.update = core.update(store, events)
        return update.run()


def update(path: Path, config: Config | None = None, **run: object) -> RefreshSummary:
    summary = any_update(path, config, **run)
    assert isinstance(summary, RefreshSummary)
    return summary


def any_update(
    path: Path, config: Config | None = None, **run: object
) -> RefreshSummary | SyncSummary:
    with Store(path) as store:
        return Newsterm(config or Config()).update(store, UpdateEvents()).run(**run)  # type: ignore[arg-type]


def with_full_text(path: Path, harbour: Harbour) -> list[str]:
    """The story pages whose article is in the cache."""
    with Store(path) as store:
        urls = [harbour.server.url_for(f"/story/{n}") for n in range(STORIES)]
        return [url.rpartition("/")[2] for url in urls if store.cached_articles(url)]
