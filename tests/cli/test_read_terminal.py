"""`newsterm read` on a real terminal (a pseudo-terminal): paged when longer than the screen,
at most 80 columns, the date as the TUI writes it; piped output untouched, never paged.

The pager is a fake that records what it is given, so nothing waits for a keypress.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reader.conftest import PAGES
from tui_news.cli.pager import DEFAULT_PAGER, pager_command

SEED = str(PAGES / "seed-world-news.html")
BODY_LINE = "Kremlin spokesman Dmitry Peskov told reporters"
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")
FAKE_PAGER = """\
import sys
data = sys.stdin.read()
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(data)
"""


@dataclass
class Terminal:
    """What a run on the pseudo-terminal showed, and what its pager was handed."""

    shown: str
    paged: str | None
    code: int


@pytest.fixture
def pager_env(tmp_path: Path) -> dict[str, str]:
    script = tmp_path / "pager.py"
    script.write_text(FAKE_PAGER, encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    env.update(
        PAGER=f"{sys.executable} {script} {tmp_path / 'paged.txt'}",
        TZ="UTC",
        TERM="xterm-256color",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    return env


def newsterm_on_terminal(
    tmp_path: Path, env: dict[str, str], *args: str, rows: int, columns: int = 120
) -> Terminal:
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    command = [sys.executable, "-m", "tui_news", "--data-dir", str(tmp_path / "data"), *args]
    process = subprocess.Popen(
        command, stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True
    )
    os.close(secondary)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([primary], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError("newsterm read hung on the terminal")
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the terminal's other end is closed, the run is over
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    code = process.wait(timeout=60)
    paged_file = tmp_path / "paged.txt"
    paged = paged_file.read_text(encoding="utf-8") if paged_file.exists() else None
    return Terminal(b"".join(chunks).decode("utf-8", "replace"), paged, code)


def visible_lines(text: str) -> list[str]:
    """The text as a person sees it: no escape sequences, no padding at the line ends."""
    return [line.rstrip() for line in ANSI_RE.sub("", text).replace("\r", "").split("\n")]


def test_a_long_article_goes_through_the_pager_wrapped_and_dated_like_the_tui(
    tmp_path: Path, pager_env: dict[str, str]
) -> None:
    run = newsterm_on_terminal(tmp_path, pager_env, "read", SEED, rows=24, columns=120)
    assert run.code == 0, run.shown
    assert run.paged is not None, run.shown
    lines = visible_lines(run.paged)
    assert lines[0] == "Little ground for optimism after US response on Ukraine, warns Moscow"
    assert "Thu 27 Jan 2022, 11:54" in lines[1]  # not "2022-01-27T11:54:00+00:00"
    assert BODY_LINE in " ".join(lines)
    assert "[Photo: Vladimir Putin]" in lines  # a picture line, on a line of its own
    assert max(len(line) for line in lines) <= 80  # a 120-column terminal still gets 80
    assert len(lines) > 24
    assert BODY_LINE not in run.shown  # the pager showed it, nothing else did


def test_an_article_that_fits_the_screen_is_printed_without_a_pager(
    tmp_path: Path, pager_env: dict[str, str]
) -> None:
    run = newsterm_on_terminal(tmp_path, pager_env, "read", SEED, rows=500, columns=60)
    assert run.code == 0, run.shown
    assert run.paged is None
    lines = visible_lines(run.shown)
    assert BODY_LINE in " ".join(lines)
    assert max(len(line) for line in lines) <= 60  # narrower than 80: the terminal's width


def test_a_terminal_that_reports_no_size_still_shows_the_article(
    tmp_path: Path, pager_env: dict[str, str]
) -> None:
    run = newsterm_on_terminal(tmp_path, pager_env, "read", SEED, rows=0, columns=0)
    assert run.code == 0, run.shown
    assert run.paged is None  # its height is unknown: nothing to page against
    lines = visible_lines(run.shown)
    assert lines[0] == "Little ground for optimism after US response on Ukraine, warns Moscow"
    assert BODY_LINE in " ".join(lines)
    assert max(len(line) for line in lines) <= 80


def test_json_on_a_terminal_is_never_paged(tmp_path: Path, pager_env: dict[str, str]) -> None:
    run = newsterm_on_terminal(tmp_path, pager_env, "read", "--json", SEED, rows=5)
    assert run.code == 0 and run.paged is None
    article = json.loads(ANSI_RE.sub("", run.shown).strip())
    assert article["date"] == "2022-01-27T11:54:00+00:00"


def test_piped_output_is_plain_unwrapped_unpaged_and_as_before(
    tmp_path: Path, pager_env: dict[str, str]
) -> None:
    command = [sys.executable, "-m", "tui_news", "--data-dir", str(tmp_path / "data")]
    done = subprocess.run(
        [*command, "read", SEED], env=pager_env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "paged.txt").exists()
    lines = done.stdout.split("\n")
    assert lines[0] == "Little ground for optimism after US response on Ukraine, warns Moscow"
    assert lines[1] == (
        "Example News · Press Association · 2022-01-27T11:54:00+00:00 · 498 words, 3 min read"
    )
    assert "\x1b" not in done.stdout
    assert any(len(line) > 200 for line in lines)  # paragraphs stay one line each
    assert (
        "[\\[Photo: Vladimir Putin\\]](https://www.example-news.test/images/2022/01/russia-putin.jpg)"
        in lines
    )


@pytest.mark.parametrize(
    ("pager", "command"),
    [
        (None, DEFAULT_PAGER.split()),
        ("", DEFAULT_PAGER.split()),
        ("most -s", ["most", "-s"]),
        ("'/opt/my pager/bin/less' -R", ["/opt/my pager/bin/less", "-R"]),
        ("cat", []),
        ("less 'unbalanced", []),
    ],
)
def test_the_pager_is_pager_else_less_r_and_cat_means_none(
    monkeypatch: pytest.MonkeyPatch, pager: str | None, command: list[str]
) -> None:
    if pager is None:
        monkeypatch.delenv("PAGER", raising=False)
    else:
        monkeypatch.setenv("PAGER", pager)
    assert pager_command() == command
