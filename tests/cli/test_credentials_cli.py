"""A password in a feed's address never reaches the terminal, whatever command quotes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tui_news.core.storage import Store
from tui_news.core.urls import redact_urls_in

SECRET = "hunter2"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    with Store(tmp_path / "newsterm.db") as store:
        store.add_feed(f"https://alice:{SECRET}@example.com/feed.xml", title="Private")
        store.add_feed("https://example.org/other.xml", title="Other")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("edit", "1", "--title", "Renamed"),
        ("edit", "2", "--url", f"https://alice:{SECRET}@example.com/feed.xml"),
        ("mark", "--feed", f"https://bob:{SECRET}@nowhere.example/", "--read"),
        ("remove", f"https://bob:{SECRET}@nowhere.example/"),
        ("refresh", "--feed", f"https://bob:{SECRET}@nowhere.example/"),
        ("feeds",),
    ],
    ids=[
        "edit-title",
        "edit-url-taken",
        "mark-unknown",
        "remove-unknown",
        "refresh-unknown",
        "feeds",
    ],
)
def test_no_command_prints_a_password_from_a_feed_address(
    capsys: pytest.CaptureFixture[str], data: Path, args: tuple[str, ...]
) -> None:
    run = newsterm(capsys, data, *args)
    assert SECRET not in run.out + run.err
    assert run.out + run.err  # it said something


def test_urls_in_running_text_keep_the_user_but_not_the_password() -> None:
    assert redact_urls_in("see http://alice:s3cr@tP4ss@host/feed, http://tok@h/x") == (
        "see http://alice:***@host/feed, http://***@h/x"
    )
    assert redact_urls_in("mail a@b.c; https://example.com/@user/feed") == (
        "mail a@b.c; https://example.com/@user/feed"
    )
