"""Full text after a refresh: one page at a time per site, 429/503 obeyed, text searchable."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.fetches import record_fetch
from tests.hostile.server import LocalServer
from tui_news.config import Config
from tui_news.core.models import ParsedEntry, Story, StoryFilter
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader.politeness import HostPauses
from tui_news.reader.prefetch import by_host_in_turn
from tui_news.reader.service import ArticleReader
from tui_news.service import Newsterm


def page(title: str, word: str) -> str:
    body = "".join(
        f"<p>Paragraph {i} of {title}, a report long enough to be taken for the body of an "
        f"article; it mentions the {word} only here, in the page and never in the feed.</p>"
        for i in range(8)
    )
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


class Site:
    """A news site on one loopback address that counts requests in flight."""

    def __init__(self, host: str, *, delay: float = 0.05) -> None:
        self.server = LocalServer(host=host)
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0
        self.status: int | None = None  # answer every page with this status instead
        self.headers: dict[str, str] = {}

    def add_page(self, path: str, title: str, word: str) -> str:
        async def handler(request: web.Request) -> web.Response:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            try:
                await asyncio.sleep(self.delay)
            finally:
                self.in_flight -= 1
            if self.status is not None:
                return web.Response(status=self.status, headers=self.headers)
            return web.Response(text=page(title, word), content_type="text/html")

        self.server.routes[path] = handler
        return self.server.url(path)


@pytest.fixture
def sites() -> Iterator[tuple[Site, Site]]:
    one, two = Site("127.0.0.1"), Site("127.0.0.2")
    with one.server, two.server:
        yield one, two


def add_stories(store: Store, urls: list[str]) -> list[Story]:
    feed = store.add_feed("http://feeds.test/rss", title="Feed")
    entries = tuple(
        ParsedEntry(key=f"k{i}", url=url, title=f"Story {i}", summary="A teaser.")
        for i, url in enumerate(urls)
    )
    record_fetch(store, feed.id, *entries, at=time.time(), title="Feed")
    return store.stories()


def core(**settings: object) -> Newsterm:
    def reader(store: Store, limits: FetchLimits) -> ArticleReader:
        return ArticleReader(store, limits, in_process=True, pauses=HostPauses(store))

    return Newsterm(Config(timeout_seconds=5, **settings), make_reader=reader)  # type: ignore[arg-type]


def test_one_page_at_a_time_from_a_site_but_sites_in_parallel(
    tmp_path: Path, sites: tuple[Site, Site]
) -> None:
    one, two = sites
    urls = [one.add_page(f"/a{i}", f"A {i}", "heron") for i in range(4)]
    urls += [two.add_page(f"/b{i}", f"B {i}", "heron") for i in range(4)]
    with Store(tmp_path / "n.db") as store:
        stories = add_stories(store, urls)
        summary = core().prefetch(store, stories)
    assert summary is not None and summary.extracted == 8
    assert one.most_in_flight == 1 and two.most_in_flight == 1
    assert one.server.hits and two.server.hits


def test_the_per_host_setting_allows_more(tmp_path: Path, sites: tuple[Site, Site]) -> None:
    one, _ = sites
    urls = [one.add_page(f"/a{i}", f"A {i}", "heron") for i in range(6)]
    with Store(tmp_path / "n.db") as store:
        core(full_text_per_host=3).prefetch(store, add_stories(store, urls))
    assert one.most_in_flight == 3


def test_article_text_joins_the_search_index_as_it_arrives(
    tmp_path: Path, sites: tuple[Site, Site]
) -> None:
    one, _ = sites
    urls = [one.add_page(f"/p{i}", f"P {i}", "cormorant") for i in range(3)]
    with Store(tmp_path / "n.db") as store:
        stories = add_stories(store, urls)
        assert store.stories(StoryFilter(search="cormorant")) == []  # only in the pages
        core().prefetch(store, stories)
        found = store.stories(StoryFilter(search="cormorant"))
        assert sorted(story.id for story in found) == sorted(story.id for story in stories)
        # The list marks each story whose article is cached.
        assert all(row.cached for row in store.story_rows([story.id for story in stories]))
        reader = ArticleReader(store)
        for url in urls:
            cached = reader.cached(url)
            assert cached is not None and "cormorant" in cached.text


def test_a_site_answering_429_is_left_alone_until_its_retry_after(
    tmp_path: Path, sites: tuple[Site, Site]
) -> None:
    one, two = sites
    busy = [one.add_page(f"/busy{i}", f"Busy {i}", "egret") for i in range(5)]
    calm = [two.add_page(f"/calm{i}", f"Calm {i}", "egret") for i in range(2)]
    one.status, one.headers = 429, {"Retry-After": "120"}
    with Store(tmp_path / "n.db") as store:
        summary = core().prefetch(store, add_stories(store, busy + calm))
        assert summary is not None
        assert summary.extracted == 2 and summary.deferred == 4
        assert sum(one.server.hits.get(f"/busy{i}", 0) for i in range(5)) == 1
        # Remembered by the next run (the next `newsterm refresh`), until the time is up.
        pauses = HostPauses(store)
        assert pauses.paused("127.0.0.1") and not pauses.paused("127.0.0.2")
        until = pauses.until("127.0.0.1")
        assert until is not None and 100 < until - time.time() <= 120
        later = HostPauses(store, clock=lambda: time.time() + 121)
        assert not later.paused("127.0.0.1")
        # Nothing was cached for the paused site: the next prefetch tries again.
        assert ArticleReader(store).cached(busy[0]) is None
        rows = store.story_rows(store.story_ids())
        assert sorted(row.url for row in rows if row.cached) == sorted(calm)


def test_a_503_without_retry_after_pauses_the_site_for_a_while(
    tmp_path: Path, sites: tuple[Site, Site]
) -> None:
    one, _ = sites
    urls = [one.add_page(f"/down{i}", f"Down {i}", "ibis") for i in range(3)]
    one.status = 503
    with Store(tmp_path / "n.db") as store:
        summary = core().prefetch(store, add_stories(store, urls))
        assert summary is not None and summary.deferred == 2
        assert HostPauses(store).paused("127.0.0.1")


def test_a_site_that_does_not_answer_costs_one_timeout_not_one_per_page(
    tmp_path: Path, sites: tuple[Site, Site]
) -> None:
    one, two = sites
    one.delay = 10.0  # connects, then says nothing
    silent = [one.add_page(f"/silent{i}", f"Silent {i}", "stork") for i in range(6)]
    calm = [two.add_page(f"/calm{i}", f"Calm {i}", "stork") for i in range(2)]
    with Store(tmp_path / "n.db") as store:
        started = time.monotonic()
        summary = Newsterm(
            Config(timeout_seconds=0.5),
            make_reader=lambda store, limits: ArticleReader(
                store, limits, in_process=True, pauses=HostPauses(store)
            ),
        ).prefetch(store, add_stories(store, silent + calm))
        took = time.monotonic() - started
        assert summary is not None and summary.extracted == 2
        # One page waited out its timeout; the site's other five were left for later
        # (one at a time, each waited 0.5 s more: with 20 stories and the default 20 s,
        # a refresh sat for almost seven minutes on one silent site).
        assert summary.deferred == 5 and took < 2.5
        assert sum(one.server.hits.get(f"/silent{i}", 0) for i in range(6)) == 1
        assert "did not answer" in str(summary)
        assert HostPauses(store).paused("127.0.0.1") and not HostPauses(store).paused("127.0.0.2")


def test_a_site_whose_name_does_not_resolve_is_asked_once_not_once_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_news.core.net.errors import FetchError

    asked: list[str] = []

    async def unresolvable(self: ArticleReader, url: str, cached: object) -> None:
        asked.append(url)
        raise FetchError("could not resolve host gone.test", kind="dns", url=url)

    monkeypatch.setattr(ArticleReader, "_fetch", unresolvable)
    urls = [f"http://gone.test/story/{i}" for i in range(5)]
    with Store(tmp_path / "n.db") as store:
        summary = core().prefetch(store, add_stories(store, urls))
        assert summary is not None and summary.deferred == 4
        assert len(asked) == 1
        assert HostPauses(store).paused("gone.test")


def test_stories_are_taken_round_robin_by_site() -> None:
    def story(i: int, url: str) -> Story:
        return Story(i, 1, "F", f"k{i}", url, "", "", None, None, "", "", False, False, 0.0)

    stories = [story(i, f"http://a.test/{i}") for i in range(3)]
    stories += [story(10 + i, f"http://b.test/{i}") for i in range(2)]
    assert [s.id for s in by_host_in_turn(stories)] == [0, 10, 1, 11, 2]


def test_progress_counts_every_story(tmp_path: Path, sites: tuple[Site, Site]) -> None:
    one, _ = sites
    urls = [one.add_page(f"/c{i}", f"C {i}", "stork") for i in range(3)]
    seen: list[tuple[int, int]] = []
    with Store(tmp_path / "n.db") as store:
        core().prefetch(store, add_stories(store, urls), on_progress=lambda *p: seen.append(p))
    assert seen == [(1, 3), (2, 3), (3, 3)]
