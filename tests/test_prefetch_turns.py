"""Two updates at once (R pressed while the last refresh's articles still arrive) fetch
their articles one prefetch after the other: a site never gets two page requests at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import page_html, rss
from tui_news.config import Config
from tui_news.core.storage import Store
from tui_news.service import Newsterm, UpdateEvents

NOW = time.time()


class Site:
    """One host serving a feed and slow article pages, counting requests in flight."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.items: list[tuple[str, str, float]] = []
        self.in_flight = 0
        self.most_at_once = 0
        self.pages: list[str] = []
        self.first_page = threading.Event()
        self._lock = threading.Lock()
        server.expect_request("/feed.xml").respond_with_handler(self._feed)
        server.expect_request("/story").respond_with_handler(self._page)

    def add_stories(self, first: int, count: int) -> None:
        for n in range(first, first + count):
            url = self.server.url_for(f"/story?n={n}")
            self.items.append((f"Story number {n}", url, NOW - n))

    def _feed(self, request: Request) -> Response:
        return Response(rss("One Site", self.items), content_type="application/rss+xml")

    def _page(self, request: Request) -> Response:
        with self._lock:
            self.in_flight += 1
            self.most_at_once = max(self.most_at_once, self.in_flight)
            self.pages.append(request.args["n"])
        self.first_page.set()
        time.sleep(0.3)
        with self._lock:
            self.in_flight -= 1
        return Response(page_html(f"Story {request.args['n']}"), content_type="text/html")


@pytest.fixture
def site() -> Iterator[Site]:
    server = HTTPServer(host="127.0.0.1", threaded=True)  # requests may overlap
    server.start()
    try:
        yield Site(server)
    finally:
        server.clear()
        server.stop()


def test_a_second_update_waits_for_the_first_ones_articles(site: Site, tmp_path: Path) -> None:
    site.add_stories(0, 3)
    core = Newsterm(Config())
    with Store(tmp_path / "cache.db") as store:
        store.add_feed(site.server.url_for("/feed.xml"))

    def update() -> None:
        with Store(tmp_path / "cache.db") as store:
            core.update(store, UpdateEvents()).run(explicit=True)

    first = threading.Thread(target=update)
    first.start()
    assert site.first_page.wait(20)
    site.add_stories(3, 3)  # the second refresh brings three more from the same site
    second = threading.Thread(target=update)
    second.start()
    first.join(30)
    second.join(30)
    assert sorted(site.pages, key=int) == [str(n) for n in range(6)]
    assert site.most_at_once == 1


def test_a_prefetch_waiting_for_its_turn_stops_when_asked(site: Site, tmp_path: Path) -> None:
    site.add_stories(0, 4)
    core = Newsterm(Config())
    with Store(tmp_path / "cache.db") as store:
        store.add_feed(site.server.url_for("/feed.xml"))
        summary = core.update(store, UpdateEvents()).run(explicit=True, full_text=False)
    assert site.pages == []
    with Store(tmp_path / "cache.db") as store:
        stories = core.stories_wanting_full_text(store, summary, full_text=True)  # type: ignore[arg-type]
    first_two, last_two = stories[:2], stories[2:]

    def prefetch_first() -> None:
        with Store(tmp_path / "cache.db") as store:
            core.prefetch(store, first_two)

    running = threading.Thread(target=prefetch_first)
    running.start()
    assert site.first_page.wait(20)
    asked_at = time.monotonic()
    with Store(tmp_path / "cache.db") as store:
        waited = core.prefetch(store, last_two, stop=lambda: time.monotonic() > asked_at + 0.2)
    running.join(30)
    assert waited is None  # stopped while it waited: none of its pages was asked for
    assert len(site.pages) == 2 and set(site.pages) == {s.url.rsplit("=", 1)[1] for s in first_two}
