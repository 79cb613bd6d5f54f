"""The harbour site (tests/service/harbour.py) and a cache subscribed to its feed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.service.harbour import Harbour
from tui_news.core.storage import Store


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A local server answering each request on its own thread: a page held back must
    not hold up the feeds and pages another update or fetch asks for meanwhile."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def harbour(threaded_server: HTTPServer) -> Harbour:
    return Harbour(threaded_server)


@pytest.fixture
def cache(harbour: Harbour, tmp_path: Path) -> Path:
    """The cache `--data-dir tmp_path` names, subscribed to the harbour's feed."""
    path = tmp_path / "newsterm.db"
    with Store(path) as store:
        store.add_feed(harbour.feed)
    return path
