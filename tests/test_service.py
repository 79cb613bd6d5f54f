"""The headless facade that the CLI and the app share."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_news.config import Config
from tui_news.core.storage import Store
from tui_news.service import ImportFileError, Newsterm


def test_limits_from_config() -> None:
    config = Config(
        concurrency=8, per_host_concurrency=2, timeout_seconds=5, max_response_bytes=1000
    )
    limits = Newsterm(config).limits
    assert (limits.concurrency, limits.per_host, limits.max_bytes) == (8, 2, 1000)
    assert limits.read_timeout == 5 and limits.connect_timeout == 5
    assert limits.total_timeout == 15


def test_min_interval_is_the_configured_minutes_in_seconds() -> None:
    assert Newsterm(Config(min_interval_minutes=7)).min_interval == 420


def test_the_apps_import_reads_a_file_as_newsterm_import_does(tmp_path: Path) -> None:
    """The welcome screen's import and `newsterm import` read lists one way: a picture
    given by mistake is named a binary file, and a list above 10 MB (a fetch's limit,
    not a list's) is read."""
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    big = tmp_path / "big.txt"
    big.write_text(
        "".join(f"https://example.org/feed/{n}\n" for n in range(3)) + "# padding\n" * 1_200_000
    )
    core = Newsterm(Config())
    with Store(tmp_path / "newsterm.db") as store:
        with pytest.raises(ImportFileError) as refused:
            core.import_file(store, picture)
        assert str(refused.value) == f"cannot import {picture}: this is a binary file, " + (
            "not an OPML file or a urls list"
        )
        assert core.import_file(store, big).added == 3
