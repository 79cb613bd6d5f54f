"""A sync cut short (the server falls over, Ctrl-C) keeps every page it finished, each
whole with its read and starred marks and the cursor after it, and the next sync brings
the rest: no story twice, none lost, none with the wrong marks."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import newsterm
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_fever import stories
from tests.core.sync.test_sync_greader import configure
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store
from tui_news.core.storage.sync_items import CURSOR
from tui_news.core.sync.engine import SyncEngine, SyncSummary
from tui_news.core.sync.greader import CONTENTS_BATCH
from tui_news.core.sync.records import ItemPage, Mark, RemoteFeed, RemoteItem


def server_state(server: FakeGReader) -> dict[str, tuple[bool, bool]]:
    return {item.title: (item.read, item.starred) for item in server.items.values()}


def test_a_server_failing_mid_sync_leaves_whole_pages_and_the_next_sync_completes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = FakeGReader().start()
    try:
        feeds = [server.add_feed(f"http://127.0.0.1:1/{name}.xml", name) for name in "ab"]
        for n in range(CONTENTS_BATCH * 2 + 100):
            server.add_item(
                feeds[n % 2],
                f"item {n}",
                url=f"http://127.0.0.1:1/story/{n}",
                read=n % 3 == 0,
                starred=n % 7 == 0,
            )
        configure(tmp_path, server)
        # The server answers the first page of stories, then fails for good.
        server.broken["stream/items/contents"] = 1
        failed = newsterm(capsys, tmp_path, "sync")
        assert failed.code == 1 and "sync failed" in failed.err and "503" in failed.err
        kept, truth = stories(tmp_path), server_state(server)
        assert len(kept) == CONTENTS_BATCH  # the first page, whole; nothing of the second
        assert {title: truth[title] for title in kept} == kept  # each with its marks

        del server.broken["stream/items/contents"]
        done = newsterm(capsys, tmp_path, "sync")
        assert done.code == 0, done.err
        # The stories of the attempt cut short are new to the user too: counted here.
        assert f"{len(truth)} new stories" in done.out
        assert stories(tmp_path) == truth
        with Store(tmp_path / "newsterm.db") as store:
            assert store.counts()[0] == len(truth)  # no story twice
    finally:
        server.stop()


def test_the_next_sync_fetches_the_full_text_of_what_the_one_cut_short_brought(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], httpserver: HTTPServer
) -> None:
    def story_page(request: Request) -> Response:
        n = request.path.rpartition("/")[2]
        body = "".join(
            f"<p>Paragraph {k} of the report, the moorhen{n} count.</p>" for k in range(8)
        )
        return Response(
            f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"{body}</article></body></html>",
            content_type="text/html",
        )

    httpserver.expect_request(re.compile(r"/story/[0-9]+")).respond_with_handler(story_page)
    server = FakeGReader().start()
    try:
        feed = server.add_feed(httpserver.url_for("/feed.xml"), "Harbour")
        count = CONTENTS_BATCH + 10
        for n in range(count):
            server.add_item(
                feed,
                f"story {n}",
                html="<p>teaser</p>",
                url=httpserver.url_for(f"/story/{n}"),
                published=int(time.time()) - 86_400 + 60 * n,
            )
        configure(tmp_path, server)
        config = tmp_path / "config.toml"
        config.write_text("full_text_per_feed = 2\n" + config.read_text())
        server.broken["stream/items/contents"] = 1  # the newest 250 arrive, then it fails
        assert newsterm(capsys, tmp_path, "sync").code == 1
        del server.broken["stream/items/contents"]
        done = newsterm(capsys, tmp_path, "sync")
        assert done.code == 0, done.err
        assert "full text: 2 extracted" in done.out
        # The newest stories came in the attempt cut short: theirs is the full text fetched.
        for n in (count - 1, count - 2):
            found = newsterm(capsys, tmp_path, "stories", "--search", f"moorhen{n}")
            assert f"story {n}" in found.out
    finally:
        server.stop()


PAGE = 20


class PagedServer:
    """A Fever-like server in the test's process: pages of items above a cursor
    (since_id), each page's highest id the cursor after it. `interrupt_at`: the page
    whose request is met with Ctrl-C (KeyboardInterrupt), counted from 1."""

    name = "Paged"
    manages_subscriptions = False
    mark_batch = 1
    mark_parallel = 1

    def __init__(self, count: int) -> None:
        self.items = [
            RemoteItem(
                id=str(n),
                feed_id="f1",
                url=f"http://127.0.0.1:1/p/{n}",
                title=f"paged {n}",
                html=f"<p>story {n}</p>",
                read=n % 4 == 0,
                starred=n % 5 == 0,
            )
            for n in range(1, count + 1)
        ]
        self.interrupt_at: int | None = None
        self.cursors_asked: list[str | None] = []

    async def login(self, probe: Sequence[str] = ()) -> list[RemoteItem]:
        return await self.items_by_id(probe)

    async def feeds(self) -> list[RemoteFeed]:
        return [RemoteFeed("f1", "http://127.0.0.1:1/paged.xml", "Paged")]

    async def new_items(
        self, cursor: str | None, known: Callable[[Sequence[str]], set[str]]
    ) -> AsyncIterator[ItemPage]:
        self.cursors_asked.append(cursor)
        since = int(cursor or 0)
        asked = 0
        while page := [item for item in self.items if int(item.id) > since][:PAGE]:
            asked += 1
            if asked == self.interrupt_at:
                raise KeyboardInterrupt
            since = int(page[-1].id)
            yield ItemPage(page, str(since))

    async def items_by_id(self, ids: Sequence[str]) -> list[RemoteItem]:
        return [item for item in self.items if item.id in set(ids)]

    async def unread_ids(self) -> set[str]:
        return {item.id for item in self.items if not item.read}

    async def starred_ids(self) -> set[str]:
        return {item.id for item in self.items if item.starred}

    async def mark(self, ids: Sequence[str], mark: Mark) -> set[str]:
        return set()

    async def aclose(self) -> None:
        return None

    def state(self) -> dict[str, tuple[bool, bool]]:
        return {item.title: (item.read, item.starred) for item in self.items}


def sync(path: Path, server: PagedServer) -> SyncSummary:
    with Store(path) as store:
        engine = SyncEngine(store, server, "paged-account")  # type: ignore[arg-type]
        return asyncio.run(engine.run())


def cached(path: Path) -> tuple[dict[str, tuple[bool, bool]], str | None]:
    """The stories here by title with their marks, and the stored cursor."""
    with Store(path) as store:
        here = {
            story.title: (story.read, story.starred)
            for story in store.stories(StoryFilter(), limit=10_000)
        }
        return here, store.meta(CURSOR)


def test_ctrl_c_between_pages_keeps_the_pages_before_it_and_the_cursor_after_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "newsterm.db"
    server = PagedServer(PAGE * 5)
    server.interrupt_at = 3
    with pytest.raises(KeyboardInterrupt):
        sync(path, server)
    here, cursor = cached(path)
    truth = server.state()
    assert sorted(here) == sorted(f"paged {n}" for n in range(1, PAGE * 2 + 1))
    assert {title: truth[title] for title in here} == here
    assert cursor == str(PAGE * 2)  # where the stored stories end, not past them

    server.interrupt_at = None
    summary = sync(path, server)
    assert server.cursors_asked[-1] == str(PAGE * 2)  # took up where it stopped
    assert summary.new_stories == PAGE * 5  # the attempt cut short brought 40 of them
    assert cached(path) == (truth, str(PAGE * 5))


def test_ctrl_c_while_a_page_is_stored_keeps_none_of_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_news.core.storage.sync_items as sync_storage

    path = tmp_path / "newsterm.db"
    server = PagedServer(PAGE * 3)
    insert = sync_storage._insert_story
    inserted = 0

    def interrupted_insert(*args: object, **kwargs: object) -> int:
        nonlocal inserted
        inserted += 1
        if inserted == PAGE + PAGE // 2:  # half-way through the second page
            raise KeyboardInterrupt
        return insert(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_storage, "_insert_story", interrupted_insert)
    with pytest.raises(KeyboardInterrupt):
        sync(path, server)
    here, cursor = cached(path)
    assert sorted(here) == sorted(f"paged {n}" for n in range(1, PAGE + 1))
    assert cursor == str(PAGE)

    monkeypatch.setattr(sync_storage, "_insert_story", insert)
    sync(path, server)
    assert cached(path) == (server.state(), str(PAGE * 3))
