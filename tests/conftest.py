"""Fixtures shared by every test: an isolated home so no test touches real files, a
store, a fake Google Reader server and a newsboat set-up."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.core.sync.fake_greader import FakeGReader
from tests.newsboat_setup import NewsboatSetup, make_newsboat_set_up
from tui_news.core.storage import Store

# CI clones the repo with a copy of shared/ beside it, as on the developers' machines.
SHARED = Path(os.environ.get("NEWSTERM_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every XDG directory at a fresh temp dir for each test."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def empty_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache as Store creates it, made once per worker (the schema and its migrations
    cost ~20 ms of CPU a test), with everything in the file itself, none in its WAL."""
    path = tmp_path_factory.mktemp("empty-cache") / "newsterm.db"
    with Store(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def store(tmp_path: Path, empty_cache: Path) -> Iterator[Store]:
    """A new, empty cache: a copy of the one Store created for this worker."""
    shutil.copyfile(empty_cache, tmp_path / "newsterm.db")
    with Store(tmp_path / "newsterm.db") as opened:
        yield opened


@pytest.fixture
def fake_greader() -> Iterator[FakeGReader]:
    """A Google Reader server on 127.0.0.1 with an empty account (tests/core/sync)."""
    server = FakeGReader().start()
    yield server
    server.stop()


@pytest.fixture
def newsboat(tmp_path: Path, httpserver: HTTPServer) -> NewsboatSetup:
    """A newsboat set-up as a user has it, its feeds served from 127.0.0.1."""
    return make_newsboat_set_up(tmp_path / "newsboat", httpserver)
