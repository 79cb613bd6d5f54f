"""The `[sync]` table: read, checked, and never a source of leaked passwords."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tui_news.config import load_config
from tui_news.core.sync.account import read_password
from tui_news.core.sync.errors import SyncAuthError
from tui_news.core.sync.settings import SyncSettings

GOOD = '[sync]\nservice = "fever"\nurl = "https://rss.example.org/fever/"\nuser = "me"\n'


def _load(tmp_path: Path, text: str, mode: int = 0o600) -> tuple[SyncSettings | None, list[str]]:
    path = tmp_path / "config.toml"
    path.write_text(text)
    path.chmod(mode)
    config, problems = load_config(path)
    return config.sync, problems


def test_a_sync_table_is_read(tmp_path: Path) -> None:
    settings, problems = _load(tmp_path, GOOD + 'password = "s3cret-pass"\n')
    assert problems == []
    assert settings == SyncSettings("fever", "https://rss.example.org/fever/", "me", "s3cret-pass")
    assert "s3cret-pass" not in repr(settings)


def test_every_service_the_config_accepts_has_a_client() -> None:
    from tui_news.core.sync.services import SERVICES
    from tui_news.core.sync.settings import SYNC_SERVICES

    assert tuple(SERVICES) == SYNC_SERVICES


def test_a_password_others_can_read_is_warned_about(tmp_path: Path) -> None:
    settings, problems = _load(tmp_path, GOOD + 'password = "s3cret-pass"\n', 0o644)
    assert settings is not None
    assert len(problems) == 1 and "chmod 600" in problems[0]
    assert "s3cret-pass" not in problems[0]
    _settings, quiet = _load(tmp_path, GOOD + 'password_command = "pass show rss"\n', 0o644)
    assert quiet == []


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        (
            '[sync]\nservice = "ttrss"\nurl = "https://x/"\nuser = "u"\npassword = "p"\n',
            'sync.service should be "fever" or "greader"',
        ),
        (
            '[sync]\nservice = "fever"\nurl = "ftp://x/"\nuser = "u"\npassword = "p"\n',
            "sync.url should be an http(s) URL",
        ),
        (GOOD, "sync needs password or password_command"),
        ('sync = "yes"\n', "sync should be a table"),
        (GOOD + "password = 5\n", "sync.password should be a string"),
    ],
)
def test_a_sync_table_that_cannot_work_turns_sync_off(
    tmp_path: Path, text: str, complaint: str
) -> None:
    settings, problems = _load(tmp_path, text)
    assert settings is None
    assert any(complaint in problem and "sync is off" in problem for problem in problems)


def test_password_command_output_is_the_password_and_never_shown(tmp_path: Path) -> None:
    ok = SyncSettings("fever", "https://x/", "u", password_command="printf 'pw-123\\nmore'")
    assert read_password(ok) == "pw-123"
    failing = SyncSettings("fever", "https://x/", "u", password_command="echo leaked-pw; exit 3")
    with pytest.raises(SyncAuthError) as refused:
        read_password(failing)
    assert "exit status 3" in str(refused.value) and "leaked-pw" not in str(refused.value)


def test_sync_without_a_sync_table_says_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 1 and "add a [sync] table" in run.err


def test_a_password_command_that_hangs_is_stopped_and_said_to_have_timed_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command waiting on a prompt nobody sees (a locked keyring, gpg-agent's pinentry)
    is stopped at the time limit, with whatever it started, and `sync` says it timed out,
    after how long and what to check, not that it "could not be run"."""
    monkeypatch.setattr("tui_news.core.sync.account._COMMAND_TIMEOUT", 1.5)
    pid_file = tmp_path / "sleeper.pid"
    (tmp_path / "config.toml").write_text(
        GOOD + f"password_command = \"sleep 60 & echo $! > '{pid_file}'; wait\"\n"
    )
    started = time.monotonic()
    run = newsterm(capsys, tmp_path, "sync")
    took = time.monotonic() - started
    assert run.code == 1 and run.err.count("\n") == 1
    assert "sync.password_command timed out after 1.5 seconds" in run.err
    assert "could not be run" not in run.err
    assert "prompt" in run.err  # what to check
    assert took < 10
    sleeper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(sleeper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(sleeper), "the command's own child was left running"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) counts as gone.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))
