"""A newsboat set-up as a user has it: urls, config and a cache.db made by newsboat.

The cache comes from the real newsboat (Debian's package) when it is installed: it
runs `newsboat -x reload` against the feeds in tests/data/newsboat, served from
127.0.0.1. Without newsboat, tests/data/newsboat/cache.db is used instead: the real
newsboat 2.21 made that file the same way (`python tools/make_newsboat_fixture.py`),
and its URLs are moved to the port the test serves the feeds on. Either way the user's
reading is then done to the cache as newsboat would record it: items read, flagged
and deleted, straight in its SQLite file.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pytest_httpserver import HTTPServer

DATA = Path(__file__).parent / "data" / "newsboat"
FEEDS = ("world.xml", "blog.xml")
# The base URL the committed cache.db was made with (tools/make_newsboat_fixture.py).
FIXTURE_BASE = "http://127.0.0.1:27183"
PLACEHOLDER = "@BASE@"


@dataclass(frozen=True)
class NewsboatSetup:
    directory: Path  # urls, config and cache.db, as in ~/.newsboat
    base: str  # where the feeds are served
    real_newsboat: bool  # the cache was made just now by the installed newsboat

    @property
    def cache(self) -> Path:
        return self.directory / "cache.db"

    def feed_url(self, name: str) -> str:
        return f"{self.base}/{name}"


def feed_text(name: str, base: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").replace(PLACEHOLDER, base)


def serve_feeds(httpserver: HTTPServer) -> str:
    base = httpserver.url_for("/").rstrip("/")
    for name in FEEDS:
        httpserver.expect_request(f"/{name}").respond_with_data(
            feed_text(name, base), content_type="application/xml"
        )
    return base


def write_set_up(directory: Path, base: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("urls", "config"):
        (directory / name).write_text(feed_text(name, base), encoding="utf-8")


def run_newsboat(directory: Path) -> None:
    """`newsboat -x reload` on the set-up in `directory`: fetches every feed once."""
    subprocess.run(
        [
            "newsboat",
            "--url-file",
            str(directory / "urls"),
            "--cache-file",
            str(directory / "cache.db"),
            "--config-file",
            str(directory / "config"),
            "-x",
            "reload",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def make_newsboat_set_up(directory: Path, httpserver: HTTPServer) -> NewsboatSetup:
    base = serve_feeds(httpserver)
    write_set_up(directory, base)
    real = shutil.which("newsboat") is not None
    if real:
        run_newsboat(directory)
    else:
        shutil.copyfile(DATA / "cache.db", directory / "cache.db")
        _move_urls(directory / "cache.db", FIXTURE_BASE, base)
    read_in_newsboat(directory / "cache.db")
    return NewsboatSetup(directory, base, real)


def read_in_newsboat(cache: Path) -> None:
    """What a user did in newsboat, as newsboat records it."""
    with sqlite3.connect(cache) as conn:
        conn.execute("UPDATE rss_item SET unread = 0 WHERE guid = 'world-1'")
        conn.execute("UPDATE rss_item SET flags = 's' WHERE guid = 'urn:beta:1'")
        conn.execute(
            "UPDATE rss_item SET unread = 0, flags = 'AZ' WHERE title = 'Markets open higher'"
        )
        conn.execute("UPDATE rss_item SET deleted = 1 WHERE guid = 'world-6'")
    conn.close()


def _move_urls(cache: Path, old: str, new: str) -> None:
    with sqlite3.connect(cache) as conn:
        for table, columns in (
            ("rss_feed", ("rssurl", "url")),
            ("rss_item", ("guid", "url", "feedurl")),
        ):
            for column in columns:
                conn.execute(f"UPDATE {table} SET {column} = replace({column}, ?, ?)", (old, new))
    conn.close()


@contextmanager
def holding_newsboat_lock(cache: Path) -> Iterator[int]:
    """Another process holding cache.db.lock as a running newsboat does (an fcntl lock,
    which a process never conflicts with itself on); yields its pid."""
    lock = cache.with_name(cache.name + ".lock")
    with holding_a_lock(
        "import fcntl, os\n"
        f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT, 0o600)\n"
        "os.write(fd, str(os.getpid()).encode())\n"
        "fcntl.lockf(fd, fcntl.LOCK_EX)\n"
    ) as pid:
        yield pid


@contextmanager
def holding_a_lock(take_it: str) -> Iterator[int]:
    """Another process that runs the Python code `take_it` and then holds what it took
    until the block ends; yields its pid once it holds it."""
    script = f"import time\n{take_it}print('locked', flush=True)\ntime.sleep(60)\n"
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()
