"""The Google Reader client against the fake server that follows the recipe's contract."""

from __future__ import annotations

import time

import pytest
from pytest_httpserver import HTTPServer

from tests.core.sync.coldsweat import free_port, rss
from tests.core.sync.fake_greader import FakeGReader
from tui_news.core.net.limits import FetchLimits
from tui_news.core.sync.errors import SyncAuthError, SyncUnavailableError
from tui_news.core.sync.greader import GReaderClient, item_id, long_id
from tui_news.core.sync.records import Credentials, Mark

LIMITS = FetchLimits()  # the config's defaults

CREDENTIALS = Credentials("alice", "alice-password-123")


def test_item_ids_in_every_spelling_are_one_id() -> None:
    assert item_id("tag:google.com,2005:reader/item/000000000000001f") == "31"
    assert item_id("31") == item_id(31) == "31"
    assert item_id("-1") == str(2**64 - 1)  # Google's signed ids
    assert long_id(str(2**64 - 1)) == "tag:google.com,2005:reader/item/ffffffffffffffff"
    assert item_id("tag:google.com,2005:reader/item/zz") is None
    assert item_id("1e5") is None and item_id(True) is None


@pytest.mark.parametrize("numeric_ids", [False, True])
async def test_feeds_labels_and_only_the_items_not_yet_here(numeric_ids: bool) -> None:
    server = FakeGReader(numeric_ids=numeric_ids, max_page=7).start()
    client = GReaderClient(server.url, CREDENTIALS, LIMITS)
    try:
        tech = server.add_feed("http://127.0.0.1:1/tech.xml", "Tech news", ["Tech", "Daily"])
        ids = [
            server.add_item(tech, f"story {n}", html=f"<p>{n}</p>", published=1_700_000_000)
            for n in range(30)
        ]
        feeds = await client.feeds()
        assert [(f.id, f.url, f.title, f.groups) for f in feeds] == [
            (tech, "http://127.0.0.1:1/tech.xml", "Tech news", ("Tech", "Daily"))
        ]
        known = set(ids[:12])
        pages = [page async for page in client.new_items(None, lambda listed: known & set(listed))]
        got = {item.id: item for page in pages for item in page.items}
        assert set(got) == set(ids[12:])
        story = got[ids[20]]
        assert (story.feed_id, story.title, story.html, story.published) == (
            tech,
            "story 20",
            "<p>20</p>",
            1_700_000_000.0,
        )
        assert not story.read and not story.starred
        assert await client.unread_ids() == set(ids)
    finally:
        await client.aclose()
        server.stop()


async def test_marks_in_both_directions_and_a_renewed_token(fake_greader: FakeGReader) -> None:
    feed = fake_greader.add_feed("http://127.0.0.1:1/a.xml", "A")
    ids = [fake_greader.add_item(feed, f"a{n}") for n in range(3)]
    client = GReaderClient(fake_greader.url, CREDENTIALS, LIMITS)
    try:
        await client.mark(ids[:2], Mark.READ)
        await client.mark([ids[2]], Mark.STAR)
        assert fake_greader.unread() == {ids[2]}
        assert await client.starred_ids() == {ids[2]} == fake_greader.starred()
        fake_greader.expire_token()
        await client.mark([ids[0]], Mark.UNREAD)
        await client.mark([ids[2]], Mark.UNSTAR)
        assert fake_greader.unread() == {ids[0], ids[2]}
        assert fake_greader.starred() == set()
        read = (await client.items_by_id([ids[1]]))[0]
        assert read.read and not read.starred
    finally:
        await client.aclose()


async def test_subscriptions_go_to_the_server(
    fake_greader: FakeGReader, httpserver: HTTPServer
) -> None:
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/new.xml").respond_with_data(
        rss("New", base, [("n1", "first", time.time())]), content_type="application/rss+xml"
    )
    client = GReaderClient(fake_greader.url, CREDENTIALS, LIMITS)
    try:
        stream = await client.subscribe(f"{base}/new.xml", title="Mine", groups=["X", "Y"])
        [feed] = await client.feeds()
        assert (feed.id, feed.title, feed.groups) == (stream, "Mine", ("X", "Y"))
        await client.edit_feed(stream, title="Renamed", groups=["Y", "Z"])
        [feed] = await client.feeds()
        assert (feed.title, sorted(feed.groups)) == ("Renamed", ["Y", "Z"])
        assert len(fake_greader.unread()) == 1
        await client.unsubscribe(stream)
        assert await client.feeds() == []
    finally:
        await client.aclose()


async def test_refusals_never_show_the_password(fake_greader: FakeGReader) -> None:
    secret = "wrong-secret-123"
    wrong = GReaderClient(fake_greader.url, Credentials("alice", secret), LIMITS)
    down = GReaderClient(
        f"http://127.0.0.1:{free_port()}/api/greader.php", Credentials("alice", secret), LIMITS
    )
    try:
        with pytest.raises(SyncAuthError) as refused:
            await wrong.feeds()
        with pytest.raises(SyncUnavailableError) as unreachable:
            await down.login()
    finally:
        await wrong.aclose()
        await down.aclose()
    assert "HTTP 401" in str(refused.value) and "refused the login" in str(refused.value)
    for problem in (refused.value, unreachable.value):
        assert secret not in str(problem) + repr(problem) + repr(problem.__context__)
