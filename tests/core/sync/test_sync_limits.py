"""A sync keeps to the config's `timeout_seconds` and `max_response_bytes`, as a refresh does."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_fever import stories


def configure(data_dir: Path, url: str, limits: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text(
        f'{limits}\n[sync]\nservice = "greader"\nurl = "{url}"\n'
        'user = "alice"\npassword = "alice-password-123"\n'
    )
    (data_dir / "config.toml").chmod(0o600)


def test_a_server_that_never_answers_is_given_up_after_timeout_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The kernel accepts the connection; nobody ever reads the request or answers it.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        configure(tmp_path, f"http://127.0.0.1:{port}/api/greader.php", "timeout_seconds = 0.5")
        started = time.monotonic()
        run = newsterm(capsys, tmp_path, "sync")
        elapsed = time.monotonic() - started
    assert run.code == 1
    assert (
        "did not answer in time (timed out after 0.5 s without data)" in run.err
        and run.err.count("\n") == 1
    )
    # Three tries of half a second and two pauses between them, not three of 30 s.
    assert elapsed < 10, f"took {elapsed:.1f} s"


def test_an_answer_over_max_response_bytes_fails_the_sync_in_one_line(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = fake_greader.add_feed("http://127.0.0.1:1/huge.xml", "Huge")
    fake_greader.add_item(feed, "huge", html="<p>" + "x" * 300_000 + "</p>")
    configure(tmp_path, fake_greader.url, "max_response_bytes = 100_000")
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 1
    assert "sent more than 97.7 KB in one answer" in run.err and run.err.count("\n") == 1
    assert stories(tmp_path) == {}


def test_items_too_many_for_one_answer_come_in_smaller_batches(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A long-form feed's items overflow the limit 250 at a time but not a few at a time:
    the sync asks for fewer at once rather than failing every time."""
    feed = fake_greader.add_feed("http://127.0.0.1:1/long.xml", "Long reads")
    for n in range(12):
        fake_greader.add_item(feed, f"long {n}", html="<p>" + "y" * 20_000 + "</p>")
    configure(tmp_path, fake_greader.url, "max_response_bytes = 100_000")
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert sorted(stories(tmp_path)) == sorted(f"long {n}" for n in range(12))
    asked = [path for _method, path in fake_greader.requests if path.endswith("/contents")]
    assert len(asked) > 1
