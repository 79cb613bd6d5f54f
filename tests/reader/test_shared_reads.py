"""One page, one fetch: the reading pane and an update's full-text step asking for the
same story at the same time share a single GET (and its outcome, failure included).

The pane reads on one event loop; the full text runs through `Newsterm.prefetch` on a
thread with a loop of its own, as in the app. The page server holds each answer until
both askers are waiting, so that the two reads truly overlap.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.fetches import record_fetch
from tests.hostile.server import LocalServer
from tui_news.config import Config
from tui_news.core.models import ParsedEntry, Story
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader import shared_reads
from tui_news.reader.politeness import HostPauses
from tui_news.reader.prefetch import PrefetchSummary
from tui_news.reader.service import ArticleReader, ReadError
from tui_news.service import Newsterm


def page(word: str) -> str:
    body = "".join(
        f"<p>Paragraph {i} of the report, long enough to be taken for the body of an "
        f"article; it names the {word} only here, in the page and never in the feed.</p>"
        for i in range(8)
    )
    return f"<html><head><title>Report</title></head><body><article>{body}</article></body></html>"


class HeldSite:
    """A site whose answers wait for `release` (set once the test has its askers)."""

    def __init__(self) -> None:
        self.server = LocalServer()
        self.release = threading.Event()
        self.status = 200

    def add_page(self, path: str, word: str) -> str:
        async def handler(request: web.Request) -> web.Response:
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            if self.status != 200:
                return web.Response(status=self.status, text="gone")
            return web.Response(text=page(word), content_type="text/html")

        self.server.routes[path] = handler
        return self.server.url(path)

    def gets(self, path: str) -> int:
        return self.server.hits.get(path, 0)


@pytest.fixture
def site() -> Iterator[HeldSite]:
    held = HeldSite()
    with held.server:
        yield held
    held.release.set()


def make_reader(store: Store, limits: FetchLimits) -> ArticleReader:
    return ArticleReader(store, limits, in_process=True, pauses=HostPauses(store))


def core() -> Newsterm:
    return Newsterm(Config(timeout_seconds=10), make_reader=make_reader)


def add_story(store: Store, url: str, *, feed: str = "http://feeds.test/rss") -> Story:
    added = store.add_feed(feed, title=feed)
    entry = ParsedEntry(key=f"{feed}#1", url=url, title="The report", summary="A teaser.")
    record_fetch(store, added.id, entry, at=time.time(), title=feed)
    return next(story for story in store.stories() if story.feed_id == added.id)


def full_text_step(database: Path, stories: list[Story]) -> PrefetchSummary | None:
    """An update's full-text step, on a thread of its own with its own connection."""
    with Store(database) as store:
        return core().prefetch(store, stories)


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def key(database: Path, url: str) -> tuple[str, str]:
    return (str(database), url)


async def test_the_pane_opening_a_story_the_full_text_step_is_fetching_asks_once(
    tmp_path: Path, site: HeldSite
) -> None:
    database = tmp_path / "n.db"
    url = site.add_page("/report", "kittiwake")
    with Store(database) as store:
        story = add_story(store, url)
        step = asyncio.create_task(asyncio.to_thread(full_text_step, database, [story]))
        await until(lambda: site.gets("/report") == 1)  # the full text's GET is at the site
        pane = asyncio.create_task(make_reader(store, FetchLimits()).read_story(story))
        await until(lambda: shared_reads.waiting(key(database, url)) == 2)
        site.release.set()
        article = await pane
        summary = await step
    assert "kittiwake" in article.text and article.source == "extracted"
    assert summary is not None and summary.extracted == 1
    assert site.gets("/report") == 1


async def test_the_full_text_step_reaching_a_story_the_pane_is_loading_asks_once(
    tmp_path: Path, site: HeldSite
) -> None:
    database = tmp_path / "n.db"
    url = site.add_page("/report", "fulmar")
    with Store(database) as store:
        story = add_story(store, url)
        reader = make_reader(store, FetchLimits())
        pane = asyncio.create_task(reader.read_story(story))
        await until(lambda: site.gets("/report") == 1)
        step = asyncio.create_task(asyncio.to_thread(full_text_step, database, [story]))
        await until(lambda: shared_reads.waiting(key(database, url)) == 2)
        site.release.set()
        article = await pane
        summary = await step
        await reader.close()
    assert "fulmar" in article.text
    assert summary is not None and summary.extracted == 1
    assert site.gets("/report") == 1


async def test_a_failing_fetch_is_reported_to_both_askers(tmp_path: Path, site: HeldSite) -> None:
    database = tmp_path / "n.db"
    site.status = 404
    url = site.add_page("/gone", "puffin")
    with Store(database) as store:
        story = add_story(store, url)
        reader = make_reader(store, FetchLimits())
        pane = asyncio.create_task(reader.read_story(story))
        link = asyncio.create_task(reader.read_url(url))  # the same page opened as a link
        await until(lambda: site.gets("/gone") == 1)
        step = asyncio.create_task(asyncio.to_thread(full_text_step, database, [story]))
        await until(lambda: shared_reads.waiting(key(database, url)) == 3)
        site.release.set()
        article = await pane
        with pytest.raises(ReadError, match="404"):
            await link
        summary = await step
        await reader.close()
    # The story falls back on its feed's text, saying why; the full text does the same.
    assert article.source == "feed" and "404" in article.reason
    assert summary is not None and summary.from_feed == 1
    assert site.gets("/gone") == 1


async def test_cancelling_the_panes_wait_leaves_the_full_text_fetch_to_finish(
    tmp_path: Path, site: HeldSite
) -> None:
    database = tmp_path / "n.db"
    url = site.add_page("/report", "guillemot")
    with Store(database) as store:
        story = add_story(store, url)
        step = asyncio.create_task(asyncio.to_thread(full_text_step, database, [story]))
        await until(lambda: site.gets("/report") == 1)
        pane = asyncio.create_task(make_reader(store, FetchLimits()).read_story(story))
        await until(lambda: shared_reads.waiting(key(database, url)) == 2)
        pane.cancel()  # the user moved on to another story
        await until(lambda: shared_reads.waiting(key(database, url)) == 1)
        site.release.set()
        summary = await step
        cached = ArticleReader(store).cached(url)
    with pytest.raises(asyncio.CancelledError):
        await pane
    assert summary is not None and summary.extracted == 1
    assert cached is not None and "guillemot" in cached.text
    assert site.gets("/report") == 1


async def test_the_pane_giving_up_first_leaves_the_fetch_to_the_full_text_step(
    tmp_path: Path, site: HeldSite
) -> None:
    database = tmp_path / "n.db"
    url = site.add_page("/report", "shag")
    with Store(database) as store:
        story = add_story(store, url)
        reader = make_reader(store, FetchLimits())
        pane = asyncio.create_task(reader.read_story(story))  # the pane's fetch leads
        await until(lambda: site.gets("/report") == 1)
        step = asyncio.create_task(asyncio.to_thread(full_text_step, database, [story]))
        await until(lambda: shared_reads.waiting(key(database, url)) == 2)
        pane.cancel()
        await until(lambda: shared_reads.waiting(key(database, url)) == 1)
        site.release.set()
        summary = await step
        await reader.close()
        assert ArticleReader(store).cached(url) is not None
    assert summary is not None and summary.extracted == 1
    assert site.gets("/report") == 1


async def test_everyone_giving_up_stops_the_fetch(tmp_path: Path, site: HeldSite) -> None:
    database = tmp_path / "n.db"
    url = site.add_page("/report", "gannet")
    with Store(database) as store:
        story = add_story(store, url)
        reader = make_reader(store, FetchLimits())
        pane = asyncio.create_task(reader.read_story(story))
        await until(lambda: site.gets("/report") == 1)
        pane.cancel()
        await until(lambda: shared_reads.waiting(key(database, url)) == 0)
        site.release.set()
        await asyncio.sleep(0.2)
        await reader.close()
        assert ArticleReader(store).cached(url) is None  # nobody wanted it any more


async def test_one_page_under_two_feeds_stories_is_fetched_once_each_with_its_own_story(
    tmp_path: Path, site: HeldSite
) -> None:
    database = tmp_path / "n.db"
    site.status = 404
    url = site.add_page("/shared", "skua")
    with Store(database) as store:
        first = add_story(store, url, feed="http://one.test/rss")
        second = add_story(store, url, feed="http://two.test/rss")
        reader = make_reader(store, FetchLimits())
        reads = [asyncio.create_task(reader.read_story(story)) for story in (first, second)]
        await until(lambda: shared_reads.waiting(key(database, url)) == 2)
        site.release.set()
        articles = await asyncio.gather(*reads)
        await reader.close()
    assert site.gets("/shared") == 1
    # Each story falls back on its own feed's text (its feed's name), for the same reason.
    assert [article.sitename for article in articles] == [
        "http://one.test/rss",
        "http://two.test/rss",
    ]
    assert all("404" in article.reason for article in articles)


def test_a_read_whose_loop_closed_unfinished_is_not_waited_for() -> None:
    """A loop closed without running its tasks to their end (not `asyncio.run`) leaves
    its read behind: the next asker reads for itself rather than wait for ever."""
    never = asyncio.Event()

    async def stuck() -> str:
        await never.wait()
        return "never"

    left: list[asyncio.Future[str]] = []

    async def ask_and_leave() -> None:
        left.append(asyncio.ensure_future(shared_reads.read_once(("", "http://gone.test/"), stuck)))
        await asyncio.sleep(0.01)

    loop = asyncio.new_event_loop()
    loop.run_until_complete(ask_and_leave())
    loop.close()  # its pending tasks are dropped, not cancelled

    async def fresh() -> str:
        return "read again"

    async def ask() -> str:
        return await asyncio.wait_for(shared_reads.read_once(("", "http://gone.test/"), fresh), 5)

    assert asyncio.run(ask()) == "read again"
