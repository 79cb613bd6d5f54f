"""`demo_session`: a throw-away cache, the demo feeds, and nothing left behind."""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

import pytest

from tui_news.core.refresh.refresher import OutcomeStatus, Refresher
from tui_news.core.storage import Store
from tui_news.demo.session import demo_session
from tui_news.paths import AppPaths


def test_data_dir_is_fresh_and_removed_afterwards() -> None:
    with demo_session() as demo:
        data_dir = demo.data_dir
        assert data_dir.is_dir() and not any(data_dir.iterdir())
        assert data_dir.is_relative_to(tempfile.gettempdir())
        (data_dir / "newsterm.db").write_bytes(b"x")
    assert not data_dir.exists()


def test_data_dir_is_removed_even_when_the_app_fails() -> None:
    with pytest.raises(RuntimeError, match="boom"), demo_session() as demo:
        data_dir = demo.data_dir
        Store(data_dir / "newsterm.db").close()
        raise RuntimeError("boom")
    assert not data_dir.exists()


def test_the_server_stops_with_the_session() -> None:
    with demo_session() as demo:
        port = int(demo.server.base_url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 1):
        pass


def test_subscribe_adds_the_demo_feeds_with_tags_once() -> None:
    with demo_session() as demo, Store(demo.data_dir / "newsterm.db") as store:
        added = demo.subscribe(store)
        assert [feed.title for feed in added] == [
            "World Desk",
            "Tech Wire",
            "Science Notes",
            "City & Culture",
            "Harbour Gazette",
        ]
        assert demo.subscribe(store) == []
        assert store.feed_count() == 5
        tags = dict(store.tags())
        assert {"world", "tech", "science", "culture"} <= set(tags)


def test_refresh_goes_through_the_real_path_and_then_gets_304s() -> None:
    with demo_session() as demo, Store(demo.data_dir / "newsterm.db") as store:
        demo.subscribe(store)
        first = Refresher(store).run()
        assert first.ok == 4 and first.failed == 1
        assert first.new_stories == len(demo.server.catalog.articles)
        (failure,) = first.failures
        assert failure.title == "Harbour Gazette" and "404" in (failure.message or "")
        second = Refresher(store).run()
        assert second.count(OutcomeStatus.NOT_MODIFIED) == 4
        assert second.new_stories == 0
        titles = {story.title for story in store.stories()}
        assert "Night buses & noodle bars: a guide to the city after midnight" in titles


def test_the_demo_never_touches_the_xdg_dirs(isolated_home: Path) -> None:
    with demo_session() as demo:
        paths = AppPaths.default(demo.data_dir).ensure()
        with Store(paths.database) as store:
            demo.subscribe(store)
            Refresher(store).run()
        assert not demo.data_dir.is_relative_to(isolated_home)
    assert [path for path in isolated_home.rglob("*")] == []


def test_the_demo_prefers_one_port_so_its_links_read_the_same_every_run() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        wanted = probe.getsockname()[1]
    with demo_session(port=wanted) as demo:
        assert demo.server.base_url == f"http://127.0.0.1:{wanted}"
