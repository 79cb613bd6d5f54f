"""Sites that asked us to wait: a 429 or 503 (or a timeout) pauses prefetching from
that host.

A pause outlives the process (it is kept in the cache's meta table), because the CLI's
`newsterm refresh` is one process per run: a site that said "come back in an hour" at
nine must not be asked again by the ten-past cron job. Only background prefetching
obeys the pauses; a story the user opens is fetched when asked.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import suppress

from tui_news.core.errors import CacheError
from tui_news.core.storage import Store

META_KEY = "paused_page_hosts"
# A 429/503 without a usable Retry-After still means "not now".
DEFAULT_PAUSE = 15 * 60.0
# A Retry-After of a year is a server's mistake; a day is the most we honour.
LONGEST_PAUSE = 24 * 3600.0


class HostPauses:
    """`paused(host)` until the time a 429/503 (`pause`) asked for."""

    def __init__(self, store: Store | None, *, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock
        self._until: dict[str, float] = self._load()

    def paused(self, host: str) -> bool:
        until = self._until.get(host)
        return until is not None and until > self.clock()

    def until(self, host: str) -> float | None:
        """When a paused host may be asked again, or None."""
        return self._until.get(host) if self.paused(host) else None

    def pause(self, host: str, retry_after: float | None) -> None:
        """Leave `host` alone for `retry_after` seconds (DEFAULT_PAUSE when it gave none)."""
        if not host:
            return
        wait = DEFAULT_PAUSE if retry_after is None or retry_after <= 0 else retry_after
        until = self.clock() + min(wait, LONGEST_PAUSE)
        self._until[host] = max(until, self._until.get(host, 0.0))
        self._save()

    def _load(self) -> dict[str, float]:
        if self.store is None:
            return {}
        try:
            raw = json.loads(self.store.meta(META_KEY) or "{}")
        except (ValueError, CacheError):
            return {}
        now = self.clock()
        if not isinstance(raw, dict):
            return {}
        return {
            str(host): float(until)
            for host, until in raw.items()
            if isinstance(until, int | float) and until > now
        }

    def _save(self) -> None:
        if self.store is None:
            return
        now = self.clock()
        live = {host: until for host, until in self._until.items() if until > now}
        self._until = live
        # A locked cache costs us the memory of a pause, never the prefetch.
        with suppress(CacheError):
            self.store.set_meta(META_KEY, json.dumps(live, sort_keys=True))
