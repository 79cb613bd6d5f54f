"""A password in a feed's URL reaches its server and nothing else: no listing, error,
feed name or hyperlink shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.hostile.documents import PASSWORD
from tests.hostile.server import LocalServer
from tui_news.core.storage import Store
from tui_news.core.urls import HiddenPasswordError, redact_url, unredact_url


def with_password(url: str) -> str:
    return url.replace("http://", f"http://alice:{PASSWORD}@")


def test_userinfo_ends_at_the_last_at_sign() -> None:
    # yarl and aiohttp send the password "s3cr@tP4ss"; the first "@" is inside it.
    assert redact_url("http://alice:s3cr@tP4ss@host/feed") == "http://alice:***@host/feed"
    assert redact_url("http://tok@en@host/a@b?c=d@e") == "http://***@host/a@b?c=d@e"


def test_an_edit_of_a_redacted_address_gets_its_password_back_unless_a_new_one_is_typed() -> None:
    original = "http://alice:s3cr@tP4ss@host/feed"
    assert unredact_url(redact_url(original), original) == original
    assert unredact_url("https://alice:***@host:8443/all", original) == (
        "https://alice:s3cr@tP4ss@host:8443/all"
    )
    # Another user name with the hidden password is neither given alice's password nor
    # saved with "***" as its own (which the next edit would show as hidden): refused.
    with pytest.raises(HiddenPasswordError, match="type the password in full"):
        unredact_url("http://bob:***@host/feed", original)
    with pytest.raises(HiddenPasswordError):
        unredact_url("http://***@host/feed", original)  # the user name taken out
    assert unredact_url("http://alice:new@host/feed", original) == "http://alice:new@host/feed"
    assert unredact_url("http://host/feed", original) == "http://host/feed"  # dropped
    # Typed without "http://" (the edit then means https://), the password is kept all
    # the same: "***" is never saved as one.
    assert unredact_url("alice:***@host/feed", original) == "alice:s3cr@tP4ss@host/feed"
    assert unredact_url("alice:***@host:8443/all?q=@", original) == (
        "alice:s3cr@tP4ss@host:8443/all?q=@"
    )
    with pytest.raises(HiddenPasswordError):
        unredact_url("bob:***@host/feed", original)
    assert unredact_url("bob:pa55@host/feed", original) == "bob:pa55@host/feed"
    assert unredact_url("host/feed", original) == "host/feed"
    token = "http://t0ken@host/feed"
    assert unredact_url("***@host/feed", token) == "t0ken@host/feed"
    assert unredact_url(redact_url(token), token) == token
    assert unredact_url("http://***@host/x", "http://host/feed") == "http://***@host/x"


def test_the_server_gets_the_password_and_no_listing_shows_any_of_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    run = newsterm(capsys, tmp_path, "add", with_password(server.url("/private-feed")))
    assert run.code == 0  # the server checked the whole password
    with Store(tmp_path / "newsterm.db") as store:
        # A feed without a title is named by its URL.
        store.add_feed(with_password(server.url("/not-found")))
    shown = [newsterm(capsys, tmp_path, "feeds"), newsterm(capsys, tmp_path, "refresh")]
    for run in shown:
        assert "tP4ss" not in run.out + run.err and "s3cr" not in run.out + run.err
    assert f"alice:***@127.0.0.1:{server.port}/not-found: HTTP 404 Not Found" in shown[1].err


def test_no_command_prints_the_password_of_a_feed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    url = with_password(server.url("/private-feed"))
    runs = [
        newsterm(capsys, tmp_path, "add", url),  # subscribed …, id 1, …, URL
        newsterm(capsys, tmp_path, "add", url),  # already subscribed to … : URL
        newsterm(capsys, tmp_path, "remove", url.replace("/private-feed", "/nothing")),
        newsterm(capsys, tmp_path, "remove", url),  # removed … : URL
    ]
    assert [run.code for run in runs[:4]] == [0, 1, 2, 0]
    shown = "".join(run.out + run.err for run in runs)
    assert "tP4ss" not in shown and "s3cr" not in shown
    assert shown.count(f"alice:***@127.0.0.1:{server.port}/private-feed") == 3
    assert "no subscription matches 'http://alice:***@127.0.0.1" in runs[2].err


def test_edit_takes_an_address_as_the_cli_printed_it_with_the_password_hidden(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    url = with_password(server.url("/private-feed"))
    assert newsterm(capsys, tmp_path, "add", url, "--no-full-text").code == 0
    shown = redact_url(url)  # what add, feeds and edit print
    # Copied from the output with a new path: the password stays (it became "***").
    moved = newsterm(capsys, tmp_path, "edit", "1", "--url", shown + "?page=all")
    assert moved.code == 0, moved.err
    with Store(tmp_path / "newsterm.db") as store:
        assert store.feed(1).url == url + "?page=all"
    other = newsterm(capsys, tmp_path, "edit", "1", "--url", shown.replace("alice", "bob"))
    assert other.code == 1 and "type the password in full" in other.err
    with Store(tmp_path / "newsterm.db") as store:
        assert store.feed(1).url == url + "?page=all"


def test_read_on_a_terminal_links_nothing_with_the_password(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("FORCE_COLOR", "1")
    page = with_password(server.url("/private-page"))
    run = newsterm(capsys, tmp_path, "read", page)
    assert run.code == 0 and "A private report" in run.out
    assert "\x1b]8;" in run.out  # terminal hyperlinks were written…
    # …to the page's relative links, which resolve against its password-bearing URL.
    assert "tP4ss" not in run.out and "s3cr" not in run.out
    assert f"http://127.0.0.1:{server.port}/private-page/more-0" in run.out
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    plain = newsterm(capsys, tmp_path, "read", page)
    assert "tP4ss" not in plain.out and f"alice:***@127.0.0.1:{server.port}" in plain.out
