"""Command lines at the edges: unusable data directories, huge numbers, symlinked files,
over-long URLs. Each ends in one line on stderr and an exit status, never a traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tui_news.cli import stories
from tui_news.core.errors import CacheError
from tui_news.core.storage import FeedNotFoundError, Store
from tui_news.entry import main

HUGE = "9" * 30  # more than SQLite's 64-bit integers hold


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.mark.parametrize("command", [["feeds"], ["stories"], ["export"]])
def test_a_data_dir_that_cannot_be_created_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    for data_dir in (blocker, blocker / "sub"):
        run = newsterm(capsys, data_dir, *command)
        assert run.code == 1 and run.out == ""
        assert run.err.startswith(f"newsterm: cannot use {data_dir} as the data directory: ")
        assert len(run.err.splitlines()) == 1


def test_the_tui_is_not_started_on_a_data_dir_that_cannot_be_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert main(["--data-dir", str(blocker)]) == 1
    assert "cannot use" in capsys.readouterr().err


def test_an_id_too_large_for_the_cache_names_no_feed(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    with Store(data / "newsterm.db") as store:
        store.add_feed("https://example.test/feed")
    run = newsterm(capsys, data, "stories", "--feed", HUGE)
    assert run.code == 2 and f"no subscription matches '{HUGE}'" in run.err
    run = newsterm(capsys, data, "remove", HUGE)
    assert run.code == 2 and "nothing removed" in run.err


def test_a_huge_limit_means_no_limit(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run = newsterm(capsys, data, "stories", "--limit", HUGE, "--json")
    assert run.code == 0 and run.json() == []


def test_an_over_long_url_is_called_too_long(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    url = "https://example.test/feed?" + "a" * 5000
    run = newsterm(capsys, data, "add", url)
    assert run.code == 2
    assert "too long" in run.err and "expected an http or https URL" not in run.err
    assert len(run.err) < 300  # the message does not quote 5,000 characters back


def test_export_writes_through_a_symlink_and_keeps_the_files_mode(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "dotfiles" / "subscriptions.opml"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "subscriptions.opml"
    link.symlink_to(target)
    run = newsterm(capsys, data, "export", str(link))
    assert run.code == 0
    assert link.is_symlink() and target.read_text().startswith("<?xml")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_export_file_gets_the_usual_permissions(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    umask = os.umask(0o022)
    try:
        run = newsterm(capsys, data, "export", str(tmp_path / "new.opml"))
    finally:
        os.umask(umask)
    assert run.code == 0
    assert stat.S_IMODE((tmp_path / "new.opml").stat().st_mode) == 0o644


def test_a_locked_cache_says_what_to_do(
    capsys: pytest.CaptureFixture[str], data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object) -> int:
        raise CacheError("database is locked")

    monkeypatch.setattr(stories, "run_stories", locked)
    run = newsterm(capsys, data, "stories")
    assert run.code == 1
    assert run.err.startswith(f"newsterm: cache error: {data / 'newsterm.db'} is locked: ")
    assert "try again" in run.err


def test_a_read_only_data_dir_is_named_as_the_reason(
    capsys: pytest.CaptureFixture[str], data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CI user may be root, whom a read-only directory does not stop: SQLite's own
    # answer for a directory it cannot write is given here.
    def unwritable(*args: object) -> int:
        raise CacheError("unable to open database file")

    monkeypatch.setattr(stories, "run_stories", unwritable)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    run = newsterm(capsys, data, "stories")
    assert run.code == 1
    assert run.err.strip() == (
        f"newsterm: cache error: cannot open {data / 'newsterm.db'}: its directory is read-only"
    )


def test_an_empty_feed_name_is_no_feed_rather_than_every_feed(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    # `newsterm stories --feed "$FEED"` with FEED unset must not list everything.
    run = newsterm(capsys, data, "stories", "--feed", "")
    assert run.code == 2 and "no subscription matches ''" in run.err


def test_a_user_facing_error_no_command_handled_is_one_line(
    capsys: pytest.CaptureFixture[str], data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object) -> int:
        raise FeedNotFoundError("no subscription matches 'x'")

    monkeypatch.setattr(stories, "run_stories", refused)
    run = newsterm(capsys, data, "stories")
    assert run.code == 1
    assert run.err == "newsterm: no subscription matches 'x'\n"


def test_any_other_exception_is_a_bug_and_keeps_its_traceback(
    capsys: pytest.CaptureFixture[str], data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> int:
        raise KeyError("bug")

    monkeypatch.setattr(stories, "run_stories", broken)
    with pytest.raises(KeyError):
        newsterm(capsys, data, "stories")
