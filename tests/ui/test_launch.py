"""`newsterm` with no subcommand: runs the app (subscribing nothing), or the demo."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tui_news.core.storage import Store
from tui_news.demo import session
from tui_news.ui.app import NewstermApp
from tui_news.ui.launch import run_tui
from tui_news.ui.screens.first_run import DEMO


def test_a_first_run_subscribes_nothing_before_the_app_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[NewstermApp] = []
    monkeypatch.setattr(NewstermApp, "run", lambda self, *a, **k: ran.append(self))
    (tmp_path / "config.toml").write_text('theme = "nord"\nrefresh_on_start = false\n')
    assert run_tui(tmp_path, demo=False) == 0
    assert ran and ran[0].config.theme == "nord" and not ran[0].config.refresh_on_start
    with Store(tmp_path / "newsterm.db") as store:
        assert store.feeds() == []


def test_choosing_the_demo_on_the_welcome_screen_runs_it_after_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demos: list[bool] = []
    monkeypatch.setattr(NewstermApp, "run", lambda self, *a, **k: DEMO)
    monkeypatch.setattr("tui_news.ui.launch._run_demo", lambda: demos.append(True) or 0)
    assert run_tui(tmp_path, demo=False) == 0
    assert demos == [True]


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
