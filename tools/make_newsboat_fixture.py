"""Remake tests/data/newsboat/cache.db with the real newsboat.

    python tools/make_newsboat_fixture.py

Serves the feeds of tests/data/newsboat on 127.0.0.1 at the fixture's fixed port, runs
`newsboat -x reload` with that directory's urls and config, and keeps the cache it
writes, untouched. The import tests use it when newsboat is not installed (they
make their own with newsboat when it is); see tests/newsboat_setup.py.
"""

from __future__ import annotations

import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.newsboat_setup import (  # noqa: E402  (the repository root is on the path now)
    DATA,
    FEEDS,
    FIXTURE_BASE,
    feed_text,
    run_newsboat,
    write_set_up,
)


class _Feeds(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        if name not in FEEDS:
            self.send_error(404)
            return
        body = feed_text(name, FIXTURE_BASE).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def main() -> int:
    if shutil.which("newsboat") is None:
        print("newsboat is not installed (apt-get install newsboat)", file=sys.stderr)
        return 1
    port = urlsplit(FIXTURE_BASE).port or 80
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            directory = Path(scratch)
            write_set_up(directory, FIXTURE_BASE)
            run_newsboat(directory)
            shutil.copyfile(directory / "cache.db", DATA / "cache.db")
    finally:
        server.shutdown()
    print(f"wrote {DATA / 'cache.db'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
