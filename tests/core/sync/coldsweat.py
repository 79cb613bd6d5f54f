"""A real Fever server for the tests: coldsweat 0.10.2 from PyPI, as the recipe runs it.

It is installed once into its own venv under ~/.cache/newsterm-test/coldsweat (it pins
flask<3.1 and urllib3<2, so never into newsterm's venv) and reused by later runs; a
lock lets parallel test workers share one install. Each worker starts its own server
on a free 127.0.0.1 port with its own database (coldsweat's SQLite answers "database
is locked" under 4 parallel clients), and the feeds it fetches are served from
127.0.0.1 as well. The launcher turns off coldsweat's favicon look-ups (they go to the
internet) and its 180 s minimum between two fetches of a feed (tests re-fetch at once).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from tests.core.sync.coldsweat_commands import CommandRunner
from tui_news.core.sync.settings import SyncSettings

VERSION = "0.10.2"
CACHE = Path(os.environ.get("NEWSTERM_TEST_CACHE") or Path.home() / ".cache" / "newsterm-test")
LAUNCHER = """\
import coldsweat.fetcher as fetcher
fetcher.Fetcher._fetch_icon = lambda self: None
fetcher.MIN_FETCH_INTERVAL = 0
from coldsweat import cli
cli()
"""


class ColdsweatUnavailable(RuntimeError):
    """coldsweat could not be installed (no PyPI?) or would not start."""


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def install(home: Path = CACHE / "coldsweat") -> Path:
    """The venv's python, installing coldsweat first if this machine lacks it."""
    python = home / "venv" / "bin" / "python"
    marker = home / f"installed-{VERSION}"
    with _locked(home.parent / "coldsweat.lock"):
        if not (marker.exists() and python.exists()):
            shutil.rmtree(home / "venv", ignore_errors=True)
            marker.unlink(missing_ok=True)
            env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
            steps = [
                [sys.executable, "-m", "venv", str(home / "venv")],
                [str(python), "-m", "pip", "install", "-q", f"coldsweat=={VERSION}"],
            ]
            for step in steps:
                done = subprocess.run(step, capture_output=True, text=True, env=env, timeout=600)
                if done.returncode:
                    raise ColdsweatUnavailable(f"{' '.join(step[:4])}: {done.stderr[-2000:]}")
            marker.write_text(VERSION)
        (home / "cs_ci.py").write_text(LAUNCHER)
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FeedFiles:
    """A directory of feeds served on 127.0.0.1 for coldsweat (and the tests) to fetch."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        handler = partial(_QuietHandler, directory=str(root))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def rss(title: str, base: str, items: list[tuple[str, str, float]], *, scope: str = "") -> str:
    """An RSS 2.0 document: items are (guid, title, published as Unix time).

    `scope` goes in front of each guid: coldsweat keeps one entry per guid across all
    feeds, so two tests' "late" items would be one.
    """
    body = "".join(
        f"<item><title>{name}</title><link>{base}/{guid}.html</link>"
        f'<guid isPermaLink="false">{scope}{guid}</guid>'
        f"<pubDate>{format_datetime(datetime.fromtimestamp(when, UTC))}</pubDate>"
        f"<description>&lt;p&gt;Body of {name}&lt;/p&gt;</description></item>"
        for guid, name, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>{title}</description>"
        f"{body}</channel></rss>"
    )


def serve_feeds(httpserver: HTTPServer, *names: str, title: str = "{}") -> str:
    """Serve /<name>.xml for each name: a feed titled `title` (with the name in title
    case) holding one story, "<name> story", published now. Returns the site's base URL."""
    base = httpserver.url_for("").rstrip("/")
    for name in names:
        httpserver.expect_request(f"/{name}.xml").respond_with_data(
            rss(title.format(name.title()), base, [(f"{name}-1", f"{name} story", time.time())]),
            content_type="application/rss+xml",
        )
    return base


def opml(feeds: list[tuple[str, str, str]]) -> str:
    """An OPML file: feeds are (title, URL, folder); "" puts a feed in no folder."""
    outlines = []
    for title, url, folder in feeds:
        line = f'<outline type="rss" text="{title}" title="{title}" xmlUrl="{url}"/>'
        outlines.append(
            f'<outline text="{folder}" title="{folder}">{line}</outline>' if folder else line
        )
    return (
        '<?xml version="1.0"?><opml version="1.0"><head><title>t</title></head><body>'
        + "".join(outlines)
        + "</body></opml>"
    )


class Coldsweat:
    """One coldsweat server with its own database, port and feed directory."""

    def __init__(self, python: Path, workdir: Path) -> None:
        self.python, self.workdir = python, workdir
        self.launcher = python.parents[2] / "cs_ci.py"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/fever/"
        self.feeds = FeedFiles(workdir / "feeds")
        self.env = {
            **os.environ,
            "FLASK_DATABASE_URL": f"sqlite:///{workdir / 'coldsweat.db'}",
            "FLASK_SECRET_KEY": "newsterm-tests",
        }
        workdir.mkdir(parents=True, exist_ok=True)
        self._commands = CommandRunner(python, LAUNCHER, workdir, self.env)
        self._process: subprocess.Popen[bytes] | None = None
        self._users = 0

    def command(self, *args: str) -> str:
        """`cs_ci.py ARGS`' output (a command line of coldsweat's, run in a process of its own)."""
        try:
            code, out, err = self._commands.run(*args)
        except ChildProcessError as problem:
            raise ColdsweatUnavailable(f"coldsweat {args[0]}: {problem}") from problem
        if code:
            raise ColdsweatUnavailable(f"coldsweat {args[0]}: {err[-2000:]}")
        return out

    def start(self) -> None:
        if not (self.workdir / "coldsweat.db").exists():
            # `setup` creates the tables; the server answers 500 to everything without them.
            self.command("setup", "admin@example.com", "-p", "admin-password-123", "-n", "admin")
        log = (self.workdir / "server.log").open("ab")
        self._process = subprocess.Popen(
            [str(self.python), str(self.launcher), "run", "-h", "127.0.0.1", "-p", str(self.port)],
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ColdsweatUnavailable(f"coldsweat exited: {self.workdir / 'server.log'}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/login", timeout=2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise ColdsweatUnavailable("coldsweat did not start within 60 s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            self._process.wait(timeout=10)
        self._process = None

    def close(self) -> None:
        self.stop()
        self._commands.close()
        self.feeds.stop()

    def account(
        self, feeds: dict[str, list[tuple[str, str, float]]], folders: dict[str, str] | None = None
    ) -> FeverAccount:
        """A new user subscribed to `feeds` (name → items) and fetched.

        Every `setup` re-inserts coldsweat's built-in groups, which deletes all users'
        subscriptions in its "Default" group: the user is created before any import, and
        earlier tests' users (whose tests are over) may lose theirs.
        """
        self._users += 1
        name = f"user{self._users}"
        account = FeverAccount(
            self,
            f"{name}@example.com",
            f"{name}-password-123",
            f"{self.feeds.base}/{name}",
            self.feeds.root / name,
        )
        account.dir.mkdir(parents=True)
        self.command("setup", account.user, "-p", account.password, "-n", name)
        for feed, items in feeds.items():
            account.write_feed(feed, items)
        listed = [
            (_title(feed), account.feed_url(feed), (folders or {}).get(feed, "")) for feed in feeds
        ]
        (account.dir / "subs.opml").write_text(opml(listed))
        self.command("import", str(account.dir / "subs.opml"), account.user, "-f")
        account.wait_for_items(sum(len(items) for items in feeds.values()))
        return account


@dataclass
class FeverAccount:
    """A coldsweat user, and what "another client" or the server's fetcher does to it."""

    server: Coldsweat
    user: str
    password: str
    feeds_base: str
    dir: Path

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def settings(self) -> SyncSettings:
        """The `[sync]` settings of a newsterm that syncs with this account."""
        return SyncSettings("fever", self.url, self.user, self.password)

    def feed_url(self, feed: str) -> str:
        return f"{self.feeds_base}/{_file(feed)}"

    def write_feed(self, feed: str, items: list[tuple[str, str, float]]) -> None:
        base = f"{self.feeds_base}/{feed}"
        (self.dir / _file(feed)).write_text(rss(_title(feed), base, items, scope=self.dir.name))

    def fetch(self, expect: int | None = None) -> None:
        """The server's fetcher runs now (every feed of every user); with `expect`, until
        the user has that many items."""
        self.server.command("fetch")
        if expect is not None:
            self.wait_for_items(expect)

    def wait_for_items(self, count: int) -> None:
        """coldsweat's fetcher skips a feed now and then when the machine is busy (a
        network error or a locked database, logged and swallowed): fetch again."""
        for _attempt in range(5):
            if int(self.api("items&since_id=0").get("total_items", 0)) >= count:
                return
            time.sleep(0.5)
            self.server.command("fetch")
        raise ColdsweatUnavailable(f"{self.user} has fewer than {count} items after 5 fetches")

    def api(self, command: str = "", **form: str) -> dict[str, Any]:
        key = hashlib.md5(f"{self.user}:{self.password}".encode()).hexdigest()
        body = urllib.parse.urlencode({"api_key": key, **form}).encode()
        url = self.url + "?api" + (f"&{command}" if command else "")
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=30) as answer:
            data: dict[str, Any] = json.load(answer)
        return data

    def items(self) -> dict[str, dict[str, Any]]:
        """Every item of this user by title. coldsweat pages in no order, so since_id
        steps over items; when the count is short, every id up to the highest is asked."""
        everything: dict[int, dict[str, Any]] = {}
        since, total = 0, 0
        while True:
            answer = self.api(f"items&since_id={since}")
            total = int(answer.get("total_items", 0))
            if not answer["items"]:
                break
            everything |= {int(item["id"]): item for item in answer["items"]}
            since = max(int(item["id"]) for item in answer["items"])
        if len(everything) < total:
            for start in range(1, since + 1, 50):
                batch = ",".join(map(str, range(start, min(start + 50, since + 1))))
                answer = self.api(f"items&with_ids={batch}")
                everything |= {int(item["id"]): item for item in answer["items"]}
        return {item["title"]: item for item in everything.values()}

    def ids(self, command: str) -> set[int]:
        text = self.api(command)[command]
        return {int(part) for part in str(text).split(",") if part}


def _file(feed: str) -> str:
    """ "alpha" is served as alpha.xml; a name with a dot ("gamma.atom") as itself."""
    return feed if "." in feed else f"{feed}.xml"


def _title(feed: str) -> str:
    return f"{feed.split('.')[0].capitalize()} Feed"
