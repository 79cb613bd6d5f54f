"""Hostile text that used to reach the terminal: server reason phrases, Content-Types,
escape-laden arguments, stored fetch errors, C1/bidi characters in JSON, and escape
payloads inside article pages."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tui_news.cli.context import json_text
from tui_news.cli.subscriptions import feeds_table
from tui_news.core.models import Feed, FeedStatus
from tui_news.core.text import clean_message
from tui_news.reader.extract import extract_article

# What a terminal would act on or reorder: ESC, C1 controls (U+009B is a CSI), bidi.
TERMINAL_ACTIVE = re.compile("[\x1b\x07\x80-\x9f\u202a-\u202e\u2066-\u2069]")
OSC52 = "\x1b]52;c;cHduZWQ=\x07"


@pytest.fixture
def raw_server() -> Iterator[tuple[str, dict[str, bytes]]]:
    """A 127.0.0.1 server answering with raw bytes: aiohttp refuses to send bad headers."""
    answers: dict[str, bytes] = {}
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                path = conn.recv(65536).split(b" ")[1].decode()
                conn.sendall(answers.get(path, b"HTTP/1.1 404 Not Found\r\n\r\n"))

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{port}", answers
    listener.close()


def _reply(status_line: bytes, headers: bytes = b"", body: bytes = b"") -> bytes:
    length = f"Content-Length: {len(body)}\r\nConnection: close\r\n".encode()
    return b"HTTP/1.1 " + status_line + b"\r\n" + headers + length + b"\r\n" + body


@pytest.mark.parametrize("command", ["add", "read"])
def test_reason_phrase_escapes_never_reach_stderr(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    raw_server: tuple[str, dict[str, bytes]],
    command: str,
) -> None:
    base, answers = raw_server
    answers["/zap"] = _reply(b"599 \x1b[2J\x1b]52;c;eA==\x07Zap \xe2\x80\xae!")
    run = newsterm(capsys, tmp_path, command, base + "/zap")
    assert run.code == 1
    assert "599" in run.err and "Zap" in run.err
    assert not TERMINAL_ACTIVE.search(run.err), repr(run.err)


@pytest.mark.parametrize("command", ["add", "read"])
def test_hostile_content_type_is_cleaned_in_the_error(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    raw_server: tuple[str, dict[str, bytes]],
    command: str,
) -> None:
    base, answers = raw_server
    answers["/odd"] = _reply(b"200 OK", b"Content-Type: text/x\x1b]0;title\x07\x1b[2J\r\n", b"hi")
    run = newsterm(capsys, tmp_path, command, base + "/odd")
    assert run.code == 1
    assert "text/x" in run.err
    assert not TERMINAL_ACTIVE.search(run.err), repr(run.err)


def test_escape_laden_argument_is_not_echoed_raw(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run = newsterm(capsys, tmp_path, "read", str(tmp_path / "missing\x1b[2J\u202e.html"))
    assert run.code == 1
    assert "no such file" in run.err
    assert not TERMINAL_ACTIVE.search(run.err)


def test_feeds_table_cleans_a_stored_error_and_keeps_alignment() -> None:
    feed = Feed(
        id=7,
        url="https://news.example/feed",
        title="[bold red]World[/]",
        tags=("a\x1b[31m",),
        last_status=FeedStatus.ERROR,
        last_error="HTTP 599 \x1b[2J\x1b]52;c;eA==\x07Zap\u202e",
    )
    header, row = feeds_table([feed], None)
    assert not TERMINAL_ACTIVE.search(row)
    assert "[bold red]World[/]" in row  # markup stays literal text
    assert row.endswith("error: HTTP 599 Zap")
    assert header.index("STATUS") == row.index("error:")


def test_json_output_escapes_c1_and_bidi_but_round_trips() -> None:
    value = {"title": "a\x9b31mb\u202ec\u2066d é 中", "url": "x\\\x85"}
    text = json_text(value, indent=2)
    assert not TERMINAL_ACTIVE.search(text)
    assert "é 中" in text  # readable non-ASCII is kept as is
    assert json.loads(text) == value


def test_clean_message_keeps_text_but_drops_controls() -> None:
    assert clean_message("cannot read <stdin>: a & b") == "cannot read <stdin>: a & b"
    assert clean_message("line 1\nline\r\x1b]8;;http://x\x1b\\2\x9b2J\u202e") == "line 1\nline2"


def test_escape_payloads_in_a_page_leave_no_visible_junk() -> None:
    page = (
        f"<html><head><title>T</title></head><body><article><h1>Head{OSC52}line\x1b[2J</h1>"
        + "".join(
            f"<p>Paragraph {i} of the story{OSC52} with \x1b[31mquite\x1b[0m enough words "
            "to be taken for the article text by the extractor.</p>"
            for i in range(6)
        )
        + "</article></body></html>"
    ).encode()
    article = extract_article(page, "http://127.0.0.1/story")
    assert article.title == "Headline"
    assert "cHduZWQ" not in article.text and "[2J" not in article.text
    assert "[31m" not in article.text
    assert "with quite enough words" in article.text


def test_a_hostile_reason_phrase_is_stored_clean(
    tmp_path: Path, raw_server: tuple[str, dict[str, bytes]]
) -> None:
    from tui_news.core.refresh.refresher import Refresher
    from tui_news.core.storage import Store

    base, answers = raw_server
    answers["/zap"] = _reply(b"599 \x1b[2J\x1b]52;c;eA==\x07Zap \xe2\x80\xae!")
    with Store(tmp_path / "newsterm.db") as store:
        feed = store.add_feed(base + "/zap")
        summary = Refresher(store).run([feed.id])
        stored = store.feed(feed.id).last_error or ""
    assert summary.failed == 1
    assert "599" in stored and "Zap" in stored  # the UI shows this later, from the cache
    assert not TERMINAL_ACTIVE.search(stored), repr(stored)
