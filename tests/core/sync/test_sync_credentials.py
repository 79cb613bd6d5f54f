"""Under `[sync]` too, a password in a feed's address never reaches the terminal: not in
an error about the address, not in what a command says it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import serve_feeds
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_greader import configure

# Spaces and quotes end a URL for the guard that scans messages (context.error/say),
# so only the command's own redact_url hides these.
SECRETS = ("pa ss word", "it's'mine", "s3cret")


@pytest.mark.parametrize("secret", SECRETS)
@pytest.mark.parametrize("command", ["add", "edit"])
def test_an_address_that_is_refused_is_quoted_without_its_password(
    command: str,
    secret: str,
    fake_greader: FakeGReader,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_greader.add_feed("http://127.0.0.1:9/old.xml", "Old")
    configure(tmp_path, fake_greader)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    address = f"ftp://bob:{secret}@127.0.0.1:9/feed.xml"
    args = ["add", address] if command == "add" else ["edit", "1", "--url", address]
    run = newsterm(capsys, tmp_path, *args)
    assert run.code != 0 and "not a web address: 'ftp://bob:***@127.0.0.1:9/feed.xml'" in run.err
    assert secret not in run.out + run.err


def test_a_moved_feed_is_shown_without_its_password(
    fake_greader: FakeGReader,
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = serve_feeds(httpserver, "old", "new")
    fake_greader.fetch(f"{base}/old.xml")
    configure(tmp_path, fake_greader)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    moved = base.replace("://", "://bob:s3cret@") + "/new.xml"
    run = newsterm(capsys, tmp_path, "edit", "1", "--url", moved)
    assert run.code == 0, run.err
    assert "s3cret" not in run.out + run.err
    assert "bob:***@" in run.out
