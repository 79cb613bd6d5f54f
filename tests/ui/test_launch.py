"""`newsterm` with no subcommand: first run subscribes the defaults, then runs the app."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tui_news.core.storage import Store
from tui_news.demo import session
from tui_news.ui.app import NewstermApp
from tui_news.ui.launch import run_tui


def test_first_run_subscribes_defaults_and_runs_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[NewstermApp] = []
    monkeypatch.setattr(NewstermApp, "run", lambda self, *a, **k: ran.append(self))
    (tmp_path / "config.toml").write_text('theme = "nord"\nrefresh_on_start = false\n')
    assert run_tui(tmp_path, demo=False) == 0
    assert ran and ran[0].config.theme == "nord" and not ran[0].config.refresh_on_start
    with Store(tmp_path / "newsterm.db") as store:
        feeds = store.feeds()
    assert len(feeds) >= 3
    assert run_tui(tmp_path, demo=False) == 0  # a second run adds nothing
    with Store(tmp_path / "newsterm.db") as store:
        assert len(store.feeds()) == len(feeds)


def test_demo_runs_on_a_throwaway_cache_with_the_demo_feeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[Path, int, bool, list[str]]] = []

    def fake_run(self: NewstermApp, *args: object, **kwargs: object) -> None:
        database = self.backend.database
        urls = [feed.url for feed in self.backend.store.feeds()]
        seen.append((database, len(urls), self.config.refresh_on_start, urls))

    with socket.socket() as probe:  # a port known to be free stands in for DEMO_PORT
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(session, "DEMO_PORT", port)
    monkeypatch.setattr(NewstermApp, "run", fake_run)
    assert run_tui(None, demo=True) == 0
    database, feeds, refreshes, urls = seen[0]
    assert feeds >= 4 and refreshes
    # The same port every run, so the links the reading pane shows do not change.
    assert all(url.startswith(f"http://127.0.0.1:{port}/") for url in urls)
    assert not database.exists()  # thrown away on exit
