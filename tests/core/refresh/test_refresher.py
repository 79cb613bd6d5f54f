"""The refresh engine against a local server: outcomes, schedule, failures, cancellation."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest
from aiohttp import web

from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news.core.models import FeedStatus, StoryFilter
from tui_news.core.net.limits import FetchLimits
from tui_news.core.refresh import ingest
from tui_news.core.refresh import refresher as refresh_module
from tui_news.core.refresh.refresher import FeedOutcome, OutcomeStatus, Refresher
from tui_news.core.storage import Store

# The read timeout exceeds the total so that a one-byte-a-second body meets the total.
LIMITS = FetchLimits(connect_timeout=2, read_timeout=3, total_timeout=1.5, max_bytes=1 << 20)
NOW = 1_800_000_000.0


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def refresher(store: Store, clock: float | None = None, **kwargs: object) -> Refresher:
    tick = (lambda: clock) if clock is not None else time.time
    return Refresher(store, LIMITS, clock=tick, **kwargs)  # type: ignore[arg-type]


def subscribe(store: Store, server: LocalServer, *paths: str) -> list[int]:
    return [store.add_feed(server.url(path)).id for path in paths]


def dump(store: Store, *, skip_check_times: bool = True) -> list[str]:
    """Every row of the cache as SQL text, minus what a 304 may legitimately touch."""
    lines = list(store.conn.iterdump())
    if not skip_check_times:
        return lines
    feeds = store.conn.execute(
        "SELECT id, url, title, site_url, etag, last_modified, error_count, ttl_seconds "
        "FROM feeds ORDER BY id"
    ).fetchall()
    return [line for line in lines if 'INSERT INTO "feeds"' not in line] + [
        repr(tuple(row)) for row in feeds
    ]


async def test_second_refresh_is_all_304_and_changes_nothing(
    store: Store, server: LocalServer
) -> None:
    paths = [f"/feed{i}.xml" for i in range(5)]
    for i, path in enumerate(paths):
        server.feeds[path] = rss(f"Feed {i}", 20, prefix=f"f{i}")
    subscribe(store, server, *paths)
    first = await refresher(store, NOW).refresh()
    assert (first.ok, first.new_stories) == (5, 100)
    before = dump(store)
    second = await refresher(store, NOW + 60).refresh()
    assert (second.not_modified, second.new_stories) == (5, 0)
    assert dump(store) == before
    assert all(server.headers_seen[p][1].get("If-None-Match") for p in paths)
    feed = store.feeds()[0]
    assert feed.last_status is FeedStatus.NOT_MODIFIED and feed.last_fetch == NOW + 60


async def test_changed_feed_adds_only_new_stories_and_keeps_flags(
    store: Store, server: LocalServer
) -> None:
    server.feeds["/a.xml"] = rss("A", 3)
    subscribe(store, server, "/a.xml")
    first = await refresher(store).refresh()
    store.set_read(first.new_story_ids[:1])
    server.feeds["/a.xml"] = rss("A", 5)
    second = await refresher(store).refresh()
    assert second.new_stories == 2 and len(second.new_story_ids) == 2
    assert store.counts() == (5, 4)


async def test_permanent_redirect_moves_the_subscription(store: Store, server: LocalServer) -> None:
    server.feeds["/new-home.xml"] = rss("Home", 2)
    (feed_id,) = subscribe(store, server, "/moved-permanently")
    summary = await refresher(store).refresh()
    assert summary.outcomes[0].moved_to == server.url("/new-home.xml")
    assert store.feed(feed_id).url == server.url("/new-home.xml")
    assert store.counts() == (2, 2)


async def test_a_move_onto_another_subscription_stores_nothing_twice(
    store: Store, server: LocalServer
) -> None:
    server.feeds["/new-home.xml"] = rss("Home", 2)
    home, old = subscribe(store, server, "/new-home.xml", "/moved-permanently")
    summary = await refresher(store).refresh()
    assert store.counts() == (2, 2)  # the stories once, under the feed that has them
    assert len(store.story_ids(StoryFilter(feed_id=home))) == 2
    assert store.story_ids(StoryFilter(feed_id=old)) == []
    assert store.feed(old).url == server.url("/moved-permanently")
    failed = next(o for o in summary.outcomes if o.feed_id == old)
    assert failed.message is not None and "which is subscribed too" in failed.message


async def test_temporary_redirect_keeps_the_subscription(store: Store, server: LocalServer) -> None:
    server.feeds["/temp-home.xml"] = rss("Temp", 2)
    (feed_id,) = subscribe(store, server, "/moved-temporarily")
    summary = await refresher(store).refresh()
    assert summary.ok == 1 and summary.outcomes[0].moved_to is None
    assert store.feed(feed_id).url == server.url("/moved-temporarily")


async def test_gone_marks_dead_and_is_only_retried_by_id(store: Store, server: LocalServer) -> None:
    (feed_id,) = subscribe(store, server, "/gone")
    await refresher(store).refresh()
    feed = store.feed(feed_id)
    assert feed.last_status is FeedStatus.DEAD and feed.last_error == "HTTP 410 Gone"
    again = await refresher(store).refresh()
    assert again.skipped == 1 and server.hits["/gone"] == 1
    auto = await refresher(store).refresh(explicit=False)
    assert auto.skipped == 1 and server.hits["/gone"] == 1
    await refresher(store).refresh([feed_id])
    assert server.hits["/gone"] == 2


@pytest.mark.parametrize(("path", "wait"), [("/rate-limited", 3600), ("/unavailable", 7 * 86400)])
async def test_retry_after_is_honoured_even_by_explicit_refresh(
    store: Store, server: LocalServer, path: str, wait: float
) -> None:
    (feed_id,) = subscribe(store, server, path)
    first = await refresher(store, NOW).refresh()
    assert first.failed == 1
    assert store.feed(feed_id).next_due == NOW + wait
    second = await refresher(store, NOW + 60).refresh()
    assert second.skipped == 1 and "server asked us to wait" in (second.outcomes[0].message or "")
    assert server.hits[path] == 1
    await refresher(store, NOW + wait + 1).refresh()
    assert server.hits[path] == 2


async def test_errors_back_off_but_explicit_refresh_still_checks(
    store: Store, server: LocalServer
) -> None:
    (feed_id,) = subscribe(store, server, "/server-error")
    await refresher(store, NOW).refresh()
    assert store.feed(feed_id).next_due == NOW + 600
    await refresher(store, NOW + 10).refresh()
    feed = store.feed(feed_id)
    assert feed.error_count == 2 and feed.next_due == NOW + 10 + 1200
    auto = await refresher(store, NOW + 20).refresh(explicit=False)
    assert auto.skipped == 1 and server.hits["/server-error"] == 2


async def test_automatic_refresh_fetches_only_due_feeds(store: Store, server: LocalServer) -> None:
    server.feeds["/a.xml"] = rss("A", 1)
    server.feeds["/b.xml"] = rss("B", 1)
    subscribe(store, server, "/a.xml", "/b.xml")
    await refresher(store, NOW).refresh(explicit=False)
    early = await refresher(store, NOW + 300).refresh(explicit=False)
    assert early.skipped == 2 and server.hits["/a.xml"] == 1
    later = await refresher(store, NOW + 601).refresh(explicit=False)
    assert later.not_modified == 2


async def test_max_age_and_ttl_push_next_due(store: Store, server: LocalServer) -> None:
    async def cached(request: web.Request) -> web.Response:
        return web.Response(
            body=rss("Cached", 1),
            headers={"Cache-Control": "max-age=3600", "Content-Type": "application/rss+xml"},
        )

    server.routes["/cached.xml"] = cached
    server.feeds["/ttl.xml"] = rss("TTL", 1, extra="<ttl>120</ttl>")
    cached_id, ttl_id = subscribe(store, server, "/cached.xml", "/ttl.xml")
    await refresher(store, NOW).refresh()
    assert store.feed(cached_id).next_due == NOW + 3600
    assert store.feed(ttl_id).next_due == NOW + 7200


HOSTILE = {
    "/not-found": "HTTP 404 Not Found",
    "/loop-a": "redirect loop at",
    "/slow": "timed out after 1.5 s",
    "/endless": "response larger than 1 MB",
    "/gzip-bomb": "response larger than 1 MB",
    "/html": "not a feed:",
    "/garbage": "not a feed:",
}


async def test_hostile_feeds_fail_alone_and_the_rest_refresh(
    store: Store, server: LocalServer
) -> None:
    good = [f"/good{i}.xml" for i in range(4)]
    for i, path in enumerate(good):
        server.feeds[path] = rss(f"Good {i}", 10, prefix=f"g{i}")
    ids = dict(zip([*HOSTILE, *good], subscribe(store, server, *HOSTILE, *good), strict=True))
    started = time.monotonic()
    summary = await refresher(store).refresh()
    assert time.monotonic() - started < 5
    assert (summary.ok, summary.failed) == (len(good), len(HOSTILE))
    for path, expected in HOSTILE.items():
        feed = store.feed(ids[path])
        assert feed.last_status is FeedStatus.ERROR
        assert expected in (feed.last_error or ""), (path, feed.last_error)
        assert "\n" not in (feed.last_error or "")
    assert store.counts() == (40, 40)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_entity_bomb_is_harmless(store: Store, server: LocalServer) -> None:
    (feed_id,) = subscribe(store, server, "/billion-laughs")
    started = time.monotonic()
    await refresher(store).refresh()
    assert time.monotonic() - started < 5
    stories = store.stories()
    assert all(len(s.title) < 1000 for s in stories)
    assert len(store.feed(feed_id).title) < 1000


async def test_hostile_titles_are_stored_clean(store: Store, server: LocalServer) -> None:
    (feed_id,) = subscribe(store, server, "/hostile-titles")
    summary = await refresher(store).refresh()
    assert summary.ok == 1
    titles = [store.feed(feed_id).title, *(s.title for s in store.stories())]
    assert titles and all(t for t in titles)
    for title in titles:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in title), repr(title)
    assert "alert" in titles[1]


async def test_progress_reports_each_checked_feed(store: Store, server: LocalServer) -> None:
    for i in range(3):
        server.feeds[f"/p{i}.xml"] = rss(f"P{i}", 2, prefix=f"p{i}")
    subscribe(store, server, "/p0.xml", "/p1.xml", "/p2.xml", "/not-found")
    seen: list[FeedOutcome] = []
    summary = await refresher(store, on_progress=seen.append).refresh()
    assert sorted(o.position for o in seen) == [1, 2, 3, 4]
    assert {o.total for o in seen} == {4}
    assert sorted(summary.new_story_ids) == sorted(s.id for s in store.stories())
    assert {o.status for o in seen} == {OutcomeStatus.OK, OutcomeStatus.FAILED}


async def test_removed_feed_is_ignored_when_named(store: Store, server: LocalServer) -> None:
    summary = await refresher(store).refresh([12345])
    assert summary.outcomes == []


def test_cancel_from_another_thread_stops_quickly(store: Store, server: LocalServer) -> None:
    async def stuck(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response(text="late")

    server.routes["/stuck"] = stuck
    server.feeds["/quick.xml"] = rss("Quick", 2)
    subscribe(store, server, "/quick.xml", "/stuck")
    engine = Refresher(store, FetchLimits(read_timeout=60, total_timeout=60))
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(engine.run()))
    worker.start()
    deadline = time.monotonic() + 5
    while server.hits.get("/stuck") is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # let the quick feed finish
    started = time.monotonic()
    engine.cancel()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - started < 2
    summary = done[0]
    assert summary.cancelled  # type: ignore[attr-defined]
    assert store.counts() == (2, 2)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_big_documents_parse_in_the_process_pool(
    store: Store, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refresh_module, "INLINE_PARSE_BYTES", 1000)
    server.feeds["/big.xml"] = rss("Big", 300)
    subscribe(store, server, "/big.xml", "/html")
    summary = await refresher(store).refresh()
    assert (summary.ok, summary.failed, summary.new_stories) == (1, 1, 300)
    assert (summary.failures[0].message or "").startswith("not a feed:")


async def test_a_failing_progress_callback_stops_the_refresh_cleanly(
    store: Store, server: LocalServer
) -> None:
    for i in range(6):
        server.feeds[f"/c{i}.xml"] = rss(f"C{i}", 1, prefix=f"c{i}")
    subscribe(store, server, *(f"/c{i}.xml" for i in range(6)))

    def broken(outcome: FeedOutcome) -> None:
        raise RuntimeError("bug in the UI")

    with pytest.raises(RuntimeError, match="bug in the UI"):
        await refresher(store, on_progress=broken).refresh()
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert pending == []
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_cancel_before_the_run_starts_fetches_nothing(
    store: Store, server: LocalServer
) -> None:
    server.feeds["/a.xml"] = rss("A", 1)
    subscribe(store, server, "/a.xml")
    engine = refresher(store)
    engine.cancel()
    first = await engine.refresh()
    assert first.cancelled and server.hits.get("/a.xml") is None
    second = await engine.refresh()  # the request was used up: the engine works again
    assert not second.cancelled and second.ok == 1


async def test_a_bad_redirect_fails_its_feed_alone(store: Store, server: LocalServer) -> None:
    async def bad_redirect(request: web.Request) -> web.Response:
        return web.Response(status=301, headers={"Location": "http://127.0.0.1:99999/x"})

    server.routes["/bad-redirect.xml"] = bad_redirect
    server.feeds["/good.xml"] = rss("Good", 3)
    bad, _good = subscribe(store, server, "/bad-redirect.xml", "/good.xml")
    summary = await refresher(store).refresh()
    assert (summary.ok, summary.failed) == (1, 1)
    assert "invalid redirect target" in (store.feed(bad).last_error or "")
    assert store.feed(bad).url == server.url("/bad-redirect.xml")
    assert store.counts() == (3, 3)


async def test_feed_removed_while_it_is_fetched_is_not_a_cache_error(
    store: Store, server: LocalServer
) -> None:
    """The TUI may unsubscribe a feed while a refresh is fetching it."""
    feed_ids: list[int] = []

    async def unsubscribed_meanwhile(request: web.Request) -> web.Response:
        with Store(store.path) as other:  # as the UI's own connection would
            other.remove_feed(feed_ids[0])
        return web.Response(body=rss("Gone", 3), content_type="application/rss+xml")

    server.routes["/gone-meanwhile.xml"] = unsubscribed_meanwhile
    server.feeds["/kept.xml"] = rss("Kept", 2)
    feed_ids.extend(subscribe(store, server, "/gone-meanwhile.xml", "/kept.xml"))
    summary = await refresher(store).refresh()
    assert summary.failed == 0, summary.failures
    assert [feed.id for feed in store.feeds()] == [feed_ids[1]]
    assert store.counts() == (2, 2)


async def test_the_apps_refresh_parses_nothing_on_its_own_threads(
    store: Store, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the pool starts, small feeds parse on a thread of the refreshing process
    (the CLI's cold refresh ends sooner); the app's (`parse_here=False`) waits for the
    pool, since its keyboard shares that process's interpreter lock."""
    parsed_here: list[int] = []
    original = ingest.parse_and_store

    def counted(*args: object, **kwargs: object) -> object:
        parsed_here.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "parse_and_store", counted)  # this process's copy only
    for i in range(3):
        server.feeds[f"/s{i}.xml"] = rss(f"S{i}", 2, prefix=f"s{i}")
    subscribe(store, server, *(f"/s{i}.xml" for i in range(3)))
    summary = await refresher(store, parse_here=False).refresh()
    assert (summary.ok, summary.new_stories) == (3, 6)
    assert parsed_here == []
    for i in range(3):  # new stories, so that there is something to parse again
        server.feeds[f"/s{i}.xml"] = rss(f"S{i}", 4, prefix=f"s{i}")
    summary = await refresher(store, clock=time.time() + 86_400).refresh()
    assert summary.new_stories == 6
    assert parsed_here  # the default (the CLI's) did parse here, the pool not yet up
