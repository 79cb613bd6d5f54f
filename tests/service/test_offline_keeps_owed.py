"""A refresh with no network (every feed's server unreachable, on two servers or more)
takes over nothing: the pages of what earlier updates owe cannot be fetched either, and
taking them over would drop them unfetched (the feed's summary stands in for each). They
stay owed to the first refresh back online."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.service.harbour import Harbour, StopsAfter, stopped_update, update, with_full_text
from tui_news.core.storage import Store


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def site() -> Iterator[Harbour]:
    """The harbour site on a port of its own, so that it can go down and come back."""
    server = HTTPServer(host="127.0.0.1", port=free_port(), threaded=True)
    server.start()
    try:
        yield Harbour(server)
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def test_a_refresh_with_no_network_leaves_what_is_owed_to_the_next(
    site: Harbour, tmp_path: Path
) -> None:
    cache = tmp_path / "newsterm.db"
    with Store(cache) as store:
        store.add_feed(site.feed)
    stopped = stopped_update(cache, StopsAfter())  # three stories owe their full text
    assert stopped.new_stories == 3 and site.pages == []
    with Store(cache) as store:
        store.add_feed("http://127.0.0.2:9/gulls.xml")  # on a second server, never up

    site.server.stop()  # the network goes
    offline = update(cache)
    assert offline.offline
    assert offline.earlier_story_ids == []

    site.server.start()  # and comes back
    back = update(cache)
    assert len(back.earlier_story_ids) == 3
    assert sorted(with_full_text(cache, site)) == ["0", "1", "2"]
