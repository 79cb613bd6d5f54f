"""Hostile local files: a config holding escapes or numbers no arithmetic survives, and
subscription lists that never end."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.hostile.server import LocalServer
from tui_news.core.subscriptions.source import MAX_LIST_BYTES


def write_config(data_dir: Path, text: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text(text, encoding="utf-8")


# -- defect 11: names from the config are shown inert ----------------------------------------


def test_an_escape_in_a_key_name_never_reaches_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_config(tmp_path, '[keys]\n"\\u001b]0;TITLE\\u0007" = 5\n')
    run = newsterm(capsys, tmp_path, "feeds")
    assert "\x1b" not in run.err and "\x07" not in run.err
    assert "keys.'\\x1b]0;TITLE\\x07' should be a key" in run.err


# -- defect 13: every number in the config is bounded ---------------------------------------


def test_a_size_cap_no_arithmetic_survives_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    write_config(tmp_path, "max_response_bytes = 9223372036854775807\nconcurrency = 100000\n")
    run = newsterm(capsys, tmp_path, "add", server.url("/gzip-feed"))
    # It passed validation, then every gzip response raised OverflowError in zlib.
    assert run.code == 0 and "subscribed to Zipped" in run.out
    assert (
        "max_response_bytes should be from 1 to 1073741824, got 9223372036854775807; using 10485760"
    ) in run.err
    assert "concurrency should be from 1 to 1024, got 100000; using 16" in run.err
    assert newsterm(capsys, tmp_path, "refresh").code == 0


# -- defect 12: import reads a bounded amount ------------------------------------------------


# With [sync], import goes to the server, but reads the file the same way first (it read
# whole files before: /dev/zero ended in MemoryError). Nothing listens at this address.
SYNC = '[sync]\nservice = "greader"\nurl = "http://127.0.0.1:9/api/greader.php"\nuser = "u"\n'


def configure_sync(data_dir: Path, sync: bool) -> None:
    if sync:
        write_config(data_dir, SYNC + 'password = "pw"\n')
        (data_dir / "config.toml").chmod(0o600)


@pytest.mark.parametrize("sync", [False, True], ids=["local", "sync"])
def test_import_of_an_endless_binary_file_stops_at_its_head(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sync: bool
) -> None:
    configure_sync(tmp_path, sync)
    run = newsterm(capsys, tmp_path, "import", "/dev/zero")
    # It died with MemoryError after reading 2.67 GB.
    assert run.code == 1
    assert "cannot import /dev/zero: this is a binary file" in run.err


class Endless(io.RawIOBase):
    """A stdin that never ends, counting what is read from it."""

    def __init__(self, chunk: bytes) -> None:
        self.chunk = chunk
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        data = (self.chunk * (size // len(self.chunk) + 1))[:size]
        buffer[:size] = data
        self.read_bytes += size
        return size


@pytest.mark.parametrize("sync", [False, True], ids=["local", "sync"])
@pytest.mark.parametrize("chunk", [b"\0\1\2\3", b"https://example.org/feed\n"])
def test_import_from_an_endless_stdin_stops_at_the_limit(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk: bytes,
    sync: bool,
) -> None:
    configure_sync(tmp_path, sync)
    stream = Endless(chunk)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(stream)))
    run = newsterm(capsys, tmp_path, "import", "-")
    assert run.code == 1 and "nothing imported" in run.err
    # `import -` read 2 GB of a binary stream before saying "binary file".
    assert stream.read_bytes <= MAX_LIST_BYTES + 2 * 1024 * 1024
    if chunk.startswith(b"\0"):
        assert "this is a binary file" in run.err and stream.read_bytes < 1024 * 1024
    else:
        assert "the file is larger than 64 MB" in run.err
