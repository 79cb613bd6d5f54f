"""`newsterm --demo`: the real app on bundled sites, in a cache thrown away on exit.

The TUI is given `session.data_dir` for everything it would otherwise keep in the
XDG directories, so a demo never reads or changes the user's own subscriptions,
config or cache. The demo feeds are then refreshed by the ordinary refresher,
through the real fetch, parse and extraction path, from the local server.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui_news.core.models import Feed
from tui_news.core.storage import Store
from tui_news.demo.server import DemoServer

# The port `newsterm --demo` and the screenshots prefer, so the stories' links (shown
# in the reading pane) read the same every run. Below Linux's ephemeral range (32768+),
# so a client socket rarely holds it; when something does, the demo takes a free port.
DEMO_PORT = 27182


@dataclass(frozen=True, slots=True)
class DemoSession:
    """A running demo: a throw-away data directory and the sites' server."""

    data_dir: Path
    server: DemoServer

    def subscribe(self, store: Store) -> list[Feed]:
        """Add the demo subscriptions (one of which answers 404) to `store`."""
        return store.add_feeds(self.server.feed_urls)


@contextmanager
def demo_session(
    *, latency: float = 0.0, now: float | None = None, port: int = 0
) -> Iterator[DemoSession]:
    """Start the demo server in a fresh temporary data directory.

    Both are gone when the block ends, however it ends. `latency` delays every
    response, to show loading states as they look on a real network. The stories
    are dated as if published in the week up to `now` (default: the current time).
    `port` is preferred if free (`DEMO_PORT` for the user-facing demo; tests leave it
    0, any free port, so that parallel sessions never wait on each other).
    """
    with (
        tempfile.TemporaryDirectory(prefix="newsterm-demo-", ignore_cleanup_errors=True) as tmp,
        DemoServer(latency=latency, now=now, port=port) as server,
    ):
        yield DemoSession(Path(tmp), server)
