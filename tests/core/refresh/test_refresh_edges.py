"""The refresh engine against servers that answer oddly (127.0.0.1 only).

A move onto another spelling of a subscribed URL, a 304 nobody asked for, a
Retry-After of "now", passwords in feed URLs, and Ctrl-C in a terminal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.core.refresh.test_crash_safety import (
    REPO,
    assert_all_exit,
    check_consistent,
    descendants,
    prepare,
    serve_round,
    total_stories,
    wait_for_write,
)
from tests.hostile.documents import rss
from tests.hostile.raw import RawServer
from tests.hostile.server import Handler, LocalServer
from tui_news.core.models import FeedStatus, StoryFilter
from tui_news.core.net.limits import FetchLimits
from tui_news.core.refresh.refresher import Refresher, worth_moving
from tui_news.core.storage import Store
from tui_news.entry import main

LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=3, max_bytes=1 << 20)
NOW = 1_800_000_000.0


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def refresher(store: Store, clock: float = NOW) -> Refresher:
    return Refresher(store, LIMITS, clock=lambda: clock)


def answer(status: int, headers: dict[str, str] | None = None) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, headers=headers or {})

    return handler


@pytest.mark.parametrize(
    "spelling", ["HTTP://{host}/new-home.xml", "http://{host}/new-home.xml#top"]
)
async def test_a_move_onto_another_spelling_of_a_subscription_is_a_duplicate(
    store: Store, server: LocalServer, spelling: str
) -> None:
    server.feeds["/new-home.xml"] = rss("Home", 2)
    home = store.add_feed(spelling.format(host=f"127.0.0.1:{server.port}")).id
    old = store.add_feed(server.url("/moved-permanently")).id
    summary = await refresher(store).refresh()
    assert store.counts() == (2, 2)  # the stories once, under the feed that has them
    assert len(store.story_ids(StoryFilter(feed_id=home))) == 2
    assert store.feed(old).url == server.url("/moved-permanently")
    failed = next(o for o in summary.outcomes if o.feed_id == old)
    assert failed.message is not None and "which is subscribed too" in failed.message


async def test_a_move_onto_another_spelling_of_its_own_url_is_followed(
    store: Store, server: LocalServer
) -> None:
    server.feeds["/new-home.xml"] = rss("Home", 2)
    feed_id = store.add_feed(server.url("/moved-permanently")).id
    summary = await refresher(store).refresh()
    assert summary.ok == 1 and store.feed(feed_id).url == server.url("/new-home.xml")


@pytest.mark.parametrize("paths", [("/caf\u00e9.xml",), ("/feed.xml?", "/feed.xml")])
async def test_a_feed_that_did_not_move_keeps_its_url(
    store: Store, server: LocalServer, paths: tuple[str, ...]
) -> None:
    # yarl spells "/café" as "/caf%C3%A9" and drops an empty "?": no redirect, no move,
    # and certainly no "moved onto another subscription" failure.
    for path in paths:
        server.feeds[path.rstrip("?")] = rss("Stay", 2, prefix=path)
    ids = [store.add_feed(server.url(path)).id for path in paths]
    summary = await refresher(store).refresh()
    assert summary.failed == 0 and all(o.moved_to is None for o in summary.outcomes)
    assert [store.feed(i).url for i in ids] == [server.url(path) for path in paths]


async def test_a_304_to_a_request_without_validators_is_a_server_error(
    store: Store, server: LocalServer
) -> None:
    server.routes["/always-304"] = answer(304)
    feed_id = store.add_feed(server.url("/always-304")).id
    summary = await refresher(store).refresh()
    assert summary.failed == 1 and summary.not_modified == 0
    feed = store.feed(feed_id)
    assert feed.last_status is FeedStatus.ERROR
    assert feed.last_error == "HTTP 304 Not Modified to a request that was not conditional"


@pytest.mark.parametrize("retry_after", ["0", "Wed, 21 Oct 2015 07:28:00 GMT"])
async def test_a_retry_after_of_now_does_not_cancel_the_backoff(
    store: Store, server: LocalServer, retry_after: str
) -> None:
    server.routes["/busy"] = answer(503, {"Retry-After": retry_after})
    feed_id = store.add_feed(server.url("/busy")).id
    await refresher(store, NOW).refresh()
    feed = store.feed(feed_id)
    assert feed.last_error == "HTTP 503 Service Unavailable"  # not "; retry after 0 s"
    assert feed.next_due == NOW + 600
    await refresher(store, NOW + 600).refresh()
    assert store.feed(feed_id).next_due == NOW + 600 + 1200


def test_passwords_in_feed_urls_are_never_printed(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/private"] = answer(401)
    server.feeds["/new-home.xml"] = rss("Home", 1)
    with Store(tmp_path / "newsterm.db") as store:
        for path in ("/private", "/loop-a", "/moved-permanently", "/new-home.xml"):
            store.add_feed(server.url(path).replace("http://", "http://reader:s3cret@"))
        store.add_feed(
            server.url("/new-home.xml").replace("http://", "http://reader:s3cret@") + "#again"
        )
    (tmp_path / "config.toml").write_text("timeout_seconds = 2\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "refresh"]) == 1
    out, err = capsys.readouterr()
    assert "s3cret" not in out + err
    assert f"http://reader:***@127.0.0.1:{server.port}/private: HTTP 401 Unauthorized" in err
    with Store(tmp_path / "newsterm.db") as store:
        assert not any("s3cret" in (feed.last_error or "") for feed in store.feeds())


def _interruptible() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_in_a_terminal_stops_without_worker_tracebacks(
    tmp_path: Path, server: LocalServer
) -> None:
    # A terminal's Ctrl-C signals the whole foreground process group: the parse
    # workers too, which must leave the interruption to the command. Each answer takes
    # half a second, so the refresh is surely still running 0.2 s after its first write
    # (at 0.05 s a loaded machine let it finish first: exit 0).
    server.delay = 0.5
    data_dir = prepare(tmp_path, server)
    sizes = serve_round(server, 0)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data_dir), "refresh"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # As a shell starts a foreground command: SIGINT at its default, not blocked. A
        # pytest started in the background by a non-interactive shell has SIGINT ignored,
        # and an ignored signal survives exec: newsterm then ignored the Ctrl-C and ran
        # the refresh to its end (exit 0), whatever the machine's load.
        preexec_fn=_interruptible,
    )
    wait_for_write(data_dir / "newsterm.db", 0, process)
    time.sleep(0.2)
    helpers = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, (out.decode(), err.decode(), sorted(helpers))
    assert "Traceback" not in err.decode() and "KeyboardInterrupt" not in err.decode()
    assert_all_exit(helpers)
    assert total_stories(data_dir / "newsterm.db") > 0
    check_consistent(data_dir / "newsterm.db", {url: {0, size} for url, size in sizes.items()})


@pytest.mark.parametrize(
    "validators",
    [
        b'ETag: "caf\xe9\xff"\r\nLast-Modified: \xff\xfe\r\n',  # not UTF-8: SQLite refused it
        b'ETag: "a\x01b\x7f"\r\n',  # sent back, aiohttp refused every later request
    ],
    ids=["not-utf8", "controls"],
)
def test_unusable_validators_are_not_kept(tmp_path: Path, validators: bytes) -> None:
    feed = rss("Odd validators", 2)
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(feed), validators, feed)
    with RawServer({"/odd.xml": answer}) as raw, Store(tmp_path / "newsterm.db") as store:
        feed_id = store.add_feed(raw.url("/odd.xml")).id
        for _ in range(2):  # the second refresh must not be broken by the first
            summary = Refresher(store, LIMITS).run()
            assert summary.ok == 1, summary.outcomes[0].message
        stored = store.feed(feed_id)
        assert (stored.etag, stored.last_modified, store.counts()[0]) == (None, None, 2)


@pytest.mark.parametrize(
    ("subscribed", "target", "moves"),
    [
        ("http://a.test/feed", "https://a.test/feed", True),  # an upgrade is welcome
        ("https://a.test/feed", "https://b.test/feed", True),
        ("https://a.test/feed", "http://a.test/feed", False),  # never a downgrade
        ("HTTPS://a.test/feed", "http://b.test/feed", False),
        ("https://a.test/feed", "https://a.test/feed", False),
    ],
)
def test_a_permanent_redirect_moves_a_feed_except_onto_plain_http(
    subscribed: str, target: str, moves: bool
) -> None:
    assert worth_moving(subscribed, target) is moves
