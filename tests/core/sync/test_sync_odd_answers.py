"""Odd values in a sync server's answers: a date no clock can hold, an id no server
could have. A sync stores what it can of such an item and goes on; it never fails on
it (it would fail again at every sync, the server sending the same item each time)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import newsterm
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_fever import stories
from tests.core.sync.test_sync_greader import configure
from tui_news.core.models import StoryFilter
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.core.sync.greader import GReaderClient
from tui_news.core.sync.records import Credentials

NOW = 1_765_000_000
# Each a JSON number a server may send as a date: one too large for a float, one that
# reads as infinity, one past any calendar, and a fair one.
DATES = {"huge": "1" + "0" * 400, "infinite": "1e400", "far": "1e300", "fair": str(NOW)}


def fever_server(
    httpserver: HTTPServer, items: dict[int, str], tmp_path: Path, links: object = ()
) -> None:
    """A Fever API with one feed, whose items are `items` (id: the item's JSON text,
    which may hold numbers Python would not write), its group "News" linked to feeds by
    `links` (the answer's feeds_groups); and the config
    of a newsterm in `tmp_path` that syncs with it."""

    def answer(request: Request) -> Response:
        command = request.query_string.decode()
        data: dict[str, object] = {"api_version": 3, "auth": 1}
        if "groups" in command:
            data |= {"groups": [{"id": 1, "title": "News"}], "feeds_groups": links}
        elif "feeds" in command:
            feed = {"id": 1, "url": "http://127.0.0.1:1/a.xml", "title": "A", "site_url": ""}
            data |= {"feeds": [feed], "feeds_groups": links}
        elif "since_id=" in command:
            since = int(command.split("since_id=")[1])
            page = ", ".join(text for n, text in sorted(items.items()) if n > since)
            return Response(json.dumps(data)[:-1] + f', "items": [{page}]}}')
        elif "unread_item_ids" in command:
            unread = (n for n, text in items.items() if '"is_read": 0' in text)
            data["unread_item_ids"] = ",".join(str(n) for n in unread)
        elif "with_ids=" in command:  # the unread items the pages missed
            wanted = {int(n) for n in command.split("with_ids=")[1].split(",")}
            page = ", ".join(text for n, text in items.items() if n in wanted)
            return Response(json.dumps(data)[:-1] + f', "items": [{page}]}}')
        return Response(json.dumps(data), content_type="application/json")

    httpserver.expect_request("/fever/").respond_with_handler(answer)
    (tmp_path / "config.toml").write_text(
        f'[sync]\nservice = "fever"\nurl = "{httpserver.url_for("/fever/")}"\n'
        'user = "u"\npassword = "p"\n'
    )
    (tmp_path / "config.toml").chmod(0o600)


def fever_item(item_id: int, title: str, date: str = str(NOW), *, read: bool = False) -> str:
    return (
        f'{{"id": {item_id}, "feed_id": 1, "title": "{title}", "html": "<p>{title}</p>", '
        f'"created_on_time": {date}, "is_read": {int(read)}, "is_saved": 0}}'
    )


def listed_dates(data_dir: Path) -> dict[str, float | None]:
    with Store(data_dir / "newsterm.db") as store:
        return {s.title: s.published for s in store.stories(StoryFilter())}


def test_fever_items_dated_beyond_any_clock_are_stored_undated(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = {n: fever_item(n, name, date) for n, (name, date) in enumerate(DATES.items(), 1)}
    fever_server(httpserver, items, tmp_path)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "4 new stories" in run.out
    assert listed_dates(tmp_path) == {"huge": None, "infinite": None, "far": None, "fair": NOW}


def test_a_fever_id_no_server_could_have_does_not_hide_the_items_after_it(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fever's ids are 64-bit numbers. One beyond them, taken as the highest id seen,
    made every later sync ask for the items after it: none, for good (the unread ones
    still came, asked by id; one read elsewhere meanwhile never did)."""
    items = {1: fever_item(1, "first"), 2**64: fever_item(2**64, "beyond")}
    fever_server(httpserver, items, tmp_path)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    items[2] = fever_item(2, "second", read=True)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert set(stories(tmp_path)) == {"first", "second"}


def test_google_reader_items_dated_beyond_any_clock_are_stored_undated(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = fake_greader.add_feed("http://127.0.0.1:1/a.xml", "A")
    for name, value in DATES.items():
        fake_greader.add_item(feed, name, html=f"<p>{name}</p>", published=json.loads(value))
    configure(tmp_path, fake_greader)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert set(stories(tmp_path)) == set(DATES)
    assert listed_dates(tmp_path) == {"huge": None, "infinite": None, "far": None, "fair": NOW}


@pytest.mark.parametrize(
    "links",
    [[None, "1", 7, {"group_id": 1, "feed_ids": "1"}], "1,1", 7],
    ids=["entries-not-objects", "a-string", "a-number"],
)
def test_fever_group_links_that_are_not_a_list_of_objects_are_left_out(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], links: object
) -> None:
    fever_server(httpserver, {1: fever_item(1, "first")}, tmp_path, links)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert set(stories(tmp_path)) == {"first"}
    feeds = newsterm(capsys, tmp_path, "feeds", "--json").json()
    assert [feed["tags"] for feed in feeds] == [["News"] if isinstance(links, list) else []]


@pytest.mark.parametrize("odd", [5, "abc", {"id": "1"}], ids=["number", "string", "object"])
async def test_google_reader_item_lists_that_are_not_lists_hold_no_items(
    httpserver: HTTPServer, odd: object
) -> None:
    """itemRefs (the ids of a stream) and items (their contents) answered as a number
    raised TypeError out of the sync; any other non-list is no items either."""

    def answer(request: Request) -> Response:
        if request.path.endswith("ClientLogin"):
            return Response("SID=x\nAuth=token\n")
        key = "itemRefs" if request.path.endswith("/ids") else "items"
        return Response(json.dumps({key: odd}), content_type="application/json")

    httpserver.expect_request(re.compile("/api/greader.php/.*")).respond_with_handler(answer)
    client = GReaderClient(
        httpserver.url_for("/api/greader.php"), Credentials("u", "p"), FetchLimits()
    )
    try:
        await client.login()
        assert await client.unread_ids() == set()
        assert await client.items_by_id(["1", "2"]) == []
    finally:
        await client.aclose()
