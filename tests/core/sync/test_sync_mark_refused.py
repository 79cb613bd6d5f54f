"""A server that answers 500 to the mark of one item, every time (a row it cannot
write, a bug of its own), while it takes every other request. The sync sends the other
marks, stores the new stories and takes the server's state; the refused mark stays
queued (and its story as the user left it) and goes again next time. Before, every
sync failed at that mark, for good: nothing new ever came. Against a real coldsweat,
behind a proxy that refuses the one mark."""

from __future__ import annotations

import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount
from tests.core.sync.test_sync_fever import (
    _items,
    configure,
    server_state,
    stories,
    story_id,
)
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.core.sync import http
from tui_news.core.sync.engine import REFUSALS_IN_A_ROW


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each refused mark is tried three times as before, without the pauses between
    (1.5 s a mark): what is refused and kept does not depend on them."""
    monkeypatch.setattr(http, "_RETRY_PAUSE", 0.01)


class RefusingProxy:
    """Passes every request on to coldsweat, except a mark of an id in `refused`:
    HTTP 500, as a server whose database rejects that row answers."""

    def __init__(self, httpserver: HTTPServer, account: FeverAccount) -> None:
        self.account = account
        self.refused: set[str] = set()
        self.refusals = 0
        self.asked: list[str] = []  # each request's query string
        self.mark_delay = 0.0  # seconds each mark takes more: a server farther away
        self.marked: list[str] = []  # the ids of the marks the server took, in order
        httpserver.expect_request("/fever/").respond_with_handler(self._answer)
        self.url = httpserver.url_for("/fever/")

    def _answer(self, request: Request) -> Response:
        self.asked.append(request.query_string.decode())
        form = urllib.parse.parse_qs(request.get_data(as_text=True))
        if form.get("mark") == ["item"] and form.get("id", [""])[0] in self.refused:
            self.refusals += 1
            return Response("database error", status=500)
        if form.get("mark"):
            time.sleep(self.mark_delay)
        url = self.account.url + "?" + request.query_string.decode()
        upstream = urllib.request.Request(url, data=request.get_data(), method=request.method)
        upstream.add_header("Content-Type", request.content_type or "")
        try:
            with urllib.request.urlopen(upstream, timeout=30) as answer:
                body = answer.read()
                if form.get("mark"):
                    self.marked += form.get("id", [])
                return Response(body, status=answer.status, content_type="application/json")
        except urllib.error.HTTPError as error:
            return Response(error.read(), status=error.code)


def proxied_feed(
    coldsweat: Coldsweat,
    httpserver: HTTPServer,
    name: str,
    count: int,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> RefusingProxy:
    """A Fever account with one feed, `name`, of `count` items ("<name> 0" newest),
    synced into `data_dir` through a proxy (which refuses nothing yet)."""
    account = coldsweat.account({name: _items(name, count)})
    proxy = RefusingProxy(httpserver, account)
    configure(data_dir, account, url=proxy.url)
    assert newsterm(capsys, data_dir, "sync").code == 0
    proxy.asked.clear()
    return proxy


def remote_id(data_dir: Path, title: str) -> str:
    with Store(data_dir / "newsterm.db") as store:
        linked = store.linked_stories(sorted(store.remote_item_ids()))
    return next(remote for remote, story in linked.items() if story.title == title)


def test_a_mark_the_server_always_refuses_waits_and_the_sync_goes_on(
    coldsweat: Coldsweat, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = proxied_feed(coldsweat, httpserver, "poison", 6, tmp_path, capsys)
    account = proxy.account
    proxy.refused.add(remote_id(tmp_path, "poison 2"))
    for title in ("poison 1", "poison 2", "poison 3"):
        assert (
            newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, title)), "--read").code == 0
        )
    # Meanwhile a new story reached the server.
    account.write_feed("poison", [("fresh", "fresh story", time.time()), *_items("poison", 6)])
    account.fetch(expect=7)

    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "1 change refused there, kept for the next sync" in run.out, run.out
    assert proxy.refusals >= 1
    there = server_state(account)
    assert there["poison 1"] == there["poison 3"] == (True, False)
    assert there["poison 2"] == (False, False)
    here = stories(tmp_path)
    assert here["fresh story"] == (False, False)  # the sync went on past the mark
    assert here["poison 2"] == (True, False)  # the user's mark, kept
    with Store(tmp_path / "newsterm.db") as store:
        assert [c.target for c in store.sync_queue()] == [remote_id(tmp_path, "poison 2")]

    proxy.refused.clear()  # mended: the mark goes at the next sync
    again = newsterm(capsys, tmp_path, "sync")
    assert again.code == 0 and "1 change sent" in again.out, again.out
    assert server_state(account)["poison 2"] == (True, False)
    with Store(tmp_path / "newsterm.db") as store:
        assert store.sync_queue() == []


def test_a_server_that_refuses_every_mark_fails_the_sync_soon_and_keeps_them_all(
    coldsweat: Coldsweat, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = proxied_feed(coldsweat, httpserver, "broken", 40, tmp_path, capsys)
    account = proxy.account
    proxy.refused |= {remote_id(tmp_path, f"broken {i}") for i in range(40)}
    assert (
        newsterm(capsys, tmp_path, "mark", "--feed", account.feed_url("broken"), "--read").code == 0
    )
    started = time.monotonic()
    run = newsterm(capsys, tmp_path, "sync")
    # Not 40 marks tried three times each (1.5 s apiece without `quick_retries`): a few,
    # then it gives up; the count of refusals tells.
    assert time.monotonic() - started < 15
    assert proxy.refusals <= 3 * (REFUSALS_IN_A_ROW + FetchLimits().per_host)
    assert run.code == 0, run.err
    assert "40 changes refused there, kept for the next sync" in run.out, run.out
    with Store(tmp_path / "newsterm.db") as store:
        assert len(store.sync_queue()) == 40
    assert all(read for read, _ in stories(tmp_path).values())
    assert not any(read for read, _ in server_state(account).values())


def test_a_refused_mark_holds_back_an_older_newstermss_mark_all_behind_it(
    coldsweat: Coldsweat, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Queued, oldest first: "order 1" made unread, a mark-all of the feed as an older
    newsterm queued it, then "order 2" made unread. The first is refused: the mark-all
    must not overtake it (sent next time after it, it would make "order 1" unread there
    again, and then here, when the user's latest word was the mark-all)."""
    proxy = proxied_feed(coldsweat, httpserver, "order", 4, tmp_path, capsys)
    account = proxy.account
    first = remote_id(tmp_path, "order 1")
    account.api(mark="item", **{"as": "read"}, id=first)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert (
        newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "order 1")), "--unread").code == 0
    )
    pressed = time.time()
    with sqlite3.connect(tmp_path / "newsterm.db") as db:
        db.execute("UPDATE stories SET read = 1")
        db.execute(
            "INSERT INTO sync_queue (kind, target, action, before, queued) "
            "SELECT 'feed', remote_id, 'read', ?, ? FROM sync_feeds",
            (pressed, pressed),
        )
    db.close()
    assert (
        newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "order 2")), "--unread").code == 0
    )
    proxy.refused.add(first)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0 and "1 change refused there" in run.out, run.out + run.err
    assert {t for t, (read, _) in server_state(account).items() if read} == {"order 1"}
    with Store(tmp_path / "newsterm.db") as store:
        assert [(c.kind, c.action) for c in store.sync_queue()] == [
            ("item", "unread"),
            ("feed", "read"),
            ("item", "unread"),
        ]
    proxy.refused.clear()
    assert newsterm(capsys, tmp_path, "sync").code == 0
    expected = {"order 0": True, "order 1": True, "order 2": False, "order 3": True}
    assert {t: read for t, (read, _) in server_state(account).items()} == expected
    assert {t: read for t, (read, _) in stories(tmp_path).items()} == expected


def test_marks_queued_behind_many_refused_ones_reach_the_server_at_the_next_sync(
    coldsweat: Coldsweat, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Twelve items whose marks the server refuses for good, marked first; three marked
    after. A sync stops sending after REFUSALS_IN_A_ROW refusals: were the refused ones
    always first again, the three would wait behind them at every sync, forever."""
    proxy = proxied_feed(coldsweat, httpserver, "stuck", 15, tmp_path, capsys)
    account = proxy.account
    poisoned = [f"stuck {i}" for i in range(12)]
    assert len(poisoned) >= REFUSALS_IN_A_ROW + FetchLimits().per_host
    proxy.refused |= {remote_id(tmp_path, title) for title in poisoned}
    for title in [*poisoned, "stuck 12", "stuck 13", "stuck 14"]:
        assert (
            newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, title)), "--read").code == 0
        )

    for _ in range(2):
        run = newsterm(capsys, tmp_path, "sync")
        assert run.code == 0 and "refused there, kept for the next sync" in run.out, run.out
    there = server_state(account)
    assert [there[f"stuck {i}"] for i in (12, 13, 14)] == [(True, False)] * 3
    assert not any(there[title][0] for title in poisoned)
    with Store(tmp_path / "newsterm.db") as store:
        assert len(store.sync_queue()) == 12  # the refused ones, kept
    assert all(stories(tmp_path)[title] == (True, False) for title in poisoned)
