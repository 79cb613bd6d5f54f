"""A feed unsubscribed while its articles are being fetched has no more of its pages
asked for: the prefetch's count shrinks, and the other feeds' articles still arrive."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import page_html, rss
from tui_news.config import Config
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader.prefetch import PrefetchSummary
from tui_news.reader.service import ArticleReader
from tui_news.service import Newsterm, UpdateEvents

NOW = time.time()
STORIES = 4


class TwoFeeds:
    """Feeds a and b on one host, their pages slow to come, each request logged."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.asked: list[str] = []
        self.first_page = threading.Event()
        for name in "ab":
            items = [
                (f"Story {name}{n}", server.url_for(f"/page?id={name}{n}"), NOW - n)
                for n in range(STORIES)
            ]
            server.expect_request(f"/{name}.xml").respond_with_data(
                rss(f"Feed {name}", items), content_type="application/rss+xml"
            )
        server.expect_request("/page").respond_with_handler(self._page)

    def _page(self, request: Request) -> Response:
        self.asked.append(request.args["id"])
        self.first_page.set()
        time.sleep(0.5)
        return Response(page_html(f"Page {request.args['id']}"), content_type="text/html")

    def asked_of(self, name: str) -> list[str]:
        return [page for page in self.asked if page.startswith(name)]


@pytest.fixture
def feeds(threaded_server: HTTPServer) -> TwoFeeds:
    return TwoFeeds(threaded_server)


def in_process(store: Store, limits: FetchLimits) -> ArticleReader:
    return ArticleReader(store, limits, in_process=True)


def test_unsubscribing_a_feed_stops_fetching_its_pages_only(
    feeds: TwoFeeds, tmp_path: Path
) -> None:
    database = tmp_path / "cache.db"
    core = Newsterm(Config(), make_reader=in_process)
    with Store(database) as store:
        added = {name: store.add_feed(feeds.server.url_for(f"/{name}.xml")) for name in "ab"}
        a = added["a"]
        summary = core.update(store, UpdateEvents()).run(explicit=True, full_text=False)
        stories = core.stories_wanting_full_text(store, summary, full_text=True)  # type: ignore[arg-type]
    # a's stories first: one page at a time on this host, so b's wait behind them.
    stories.sort(key=lambda story: story.feed_id != a.id)
    assert [story.feed_id == a.id for story in stories] == [True] * STORIES + [False] * STORIES
    progress: list[tuple[int, int]] = []
    done: list[PrefetchSummary | None] = []

    def prefetch() -> None:
        with Store(database) as store:
            done.append(core.prefetch(store, stories, on_progress=lambda *p: progress.append(p)))

    running = threading.Thread(target=prefetch)
    running.start()
    assert feeds.first_page.wait(20)
    # The feed whose page is being read goes (a's, unless the host's turn began with b's).
    gone, kept = ("a", "b") if feeds.asked[0].startswith("a") else ("b", "a")
    with Store(database) as store:
        core.unsubscribe(store, [store.feed(added[gone].id)])
    running.join(30)
    assert not running.is_alive()

    assert len(feeds.asked_of(gone)) == 1  # the page asked before the feed went, no other
    assert sorted(feeds.asked_of(kept)) == [f"{kept}{n}" for n in range(STORIES)]
    (result,) = done
    assert result is not None
    assert result.withdrawn == STORIES  # the one being read was given up too
    assert result.total == STORIES and result.extracted == STORIES
    assert progress[-1] == (STORIES, STORIES)  # "4/4", not "4/8"
