"""The CLI under a locale whose encoding is not UTF-8 (an old server's ISO-8859-1, a
minimal container's C locale with Python's UTF-8 mode off): titles from the world's feeds
hold characters the terminal cannot show, and every command still runs to its end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry
from tui_news.core.storage import Store

TITLE = "Café owners cheer — 東京 ☕"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    with Store(directory / "newsterm.db") as store:
        feed = store.add_feed("https://world.example/rss", title="Wörld ✓", tags=["naïve"])
        story = ParsedEntry(
            key="s1", url="https://world.example/s1", title=TITLE, author="Zoë", published=1e9
        )
        record_fetch(store, feed.id, story, at=1e9, title="Wörld ✓")
    return directory


def run(data: Path, *args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    """newsterm with standard output and error in `encoding`, as a locale would set."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0", "LC_ALL": "C"}
    return subprocess.run(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data), *args],
        capture_output=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_listings_print_what_the_locale_can_show_and_exit_0(data: Path, encoding: str) -> None:
    for args, shown in (
        (["stories"], "Caf"),
        (["feeds"], "W"),
        (["views"], ""),
        (["rules"], ""),
    ):
        done = run(data, *args, encoding=encoding)
        assert done.returncode == 0, (args, done.stderr.decode(errors="replace"))
        assert b"Traceback" not in done.stderr
        assert shown.encode() in done.stdout
    stories = run(data, "stories", encoding=encoding).stdout.decode(encoding)
    assert "owners cheer" in stories and "?" in stories  # what it cannot show, marked


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_is_the_same_data_whatever_the_locale(data: Path, encoding: str) -> None:
    for args in (["stories", "--json"], ["feeds", "--json"]):
        done = run(data, *args, encoding=encoding)
        assert done.returncode == 0, (args, done.stderr.decode(errors="replace"))
        utf8 = run(data, *args, encoding="utf-8")
        assert json.loads(done.stdout.decode(encoding)) == json.loads(utf8.stdout.decode())
    listed = json.loads(run(data, "stories", "--json", encoding=encoding).stdout.decode(encoding))
    assert listed[0]["title"] == TITLE and listed[0]["feed"] == "Wörld ✓"


def test_an_error_about_a_title_is_one_line_on_stderr(data: Path) -> None:
    done = run(data, "edit", "https://world.example/rss", "--title", "", encoding="ascii")
    assert done.returncode == 1
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr


def run_bytes(data: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """newsterm in a UTF-8 locale given words as raw bytes (a Latin-1 terminal's "é")."""
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    command: list[str | bytes] = [sys.executable, "-m", "tui_news", "--data-dir", str(data)]
    return subprocess.run([*command, *args], capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize(
    "args",
    [
        ("stories", "--tag", b"caf\xe9"),
        ("stories", "--filter", b"title = caf\xe9"),
        ("mark", "--feed", b"caf\xe9", "--read"),
        ("views", "add", b"caf\xe9", "unread"),
        ("edit", "https://world.example/rss", "--tag", b"caf\xe9"),
    ],
)
def test_a_word_that_is_not_utf8_text_is_a_usage_error(
    data: Path, args: tuple[str | bytes, ...]
) -> None:
    done = run_bytes(data, *args)
    assert done.returncode == 2, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    assert b"caf\\xe9" in done.stderr and b"is not UTF-8 text" in done.stderr
    assert not (data / "config.toml").exists() or b"caf" not in (data / "config.toml").read_bytes()


def test_a_file_name_that_is_not_utf8_is_still_read(data: Path, tmp_path: Path) -> None:
    listing = tmp_path / os.fsdecode(b"abonnements-\xe9t\xe9.txt")
    listing.write_text("https://other.example/feed.xml\n")
    done = run_bytes(data, "import", os.fsencode(listing))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    feeds = run_bytes(data, "feeds", "--json")
    assert "https://other.example/feed.xml" in {f["url"] for f in json.loads(feeds.stdout)}
