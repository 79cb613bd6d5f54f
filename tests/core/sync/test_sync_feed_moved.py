"""A feed the server moved (its site answered 301 and the server followed it, as coldsweat,
Miniflux and FreshRSS do: http to https, a new path) is at its new address here after the
next sync: `newsterm feeds`, `export` and `remove URL` know it by the address it has."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, opml, rss
from tests.core.sync.test_sync_fever import configure, stories


def test_a_feed_moved_on_the_server_has_its_new_address_here(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str], httpserver: HTTPServer
) -> None:
    base = httpserver.url_for("").rstrip("/")
    old, new = f"{base}/moving/old.xml", f"{base}/moving/new.xml"
    now = time.time()
    items = [(f"m-{i}", f"moving {i}", now - 60 * i) for i in range(2)]
    document = rss("Moving Feed", base, items, scope=tmp_path.name)
    moved = False

    def old_address(request: Request) -> Response:
        if moved:
            return Response(status=301, headers={"Location": new})
        return Response(document, content_type="application/rss+xml")

    httpserver.expect_request("/moving/old.xml").respond_with_handler(old_address)
    httpserver.expect_request("/moving/new.xml").respond_with_data(
        document, content_type="application/rss+xml"
    )
    account = coldsweat.account({})
    listing = tmp_path / "subs.opml"
    listing.write_text(opml([("Moving Feed", old, "")]))
    coldsweat.command("import", str(listing), account.user, "-f")
    account.wait_for_items(2)
    configure(tmp_path / "data", account)
    data = tmp_path / "data"
    assert newsterm(capsys, data, "sync").code == 0
    [feed] = newsterm(capsys, data, "feeds", "--json").json()
    assert feed["url"] == old

    moved = True
    account.fetch()  # the server's fetcher follows the 301 and keeps the new address
    assert [f["url"] for f in account.api("feeds")["feeds"]] == [new]
    assert newsterm(capsys, data, "sync").code == 0
    [feed] = newsterm(capsys, data, "feeds", "--json").json()
    assert feed["url"] == new
    assert new in newsterm(capsys, data, "export").out
    assert sorted(stories(data)) == ["moving 0", "moving 1"]  # the same feed, its stories kept
