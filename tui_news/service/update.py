"""One update: a refresh (with `[sync]`, a sync), then the full text of what it brought.

`newsterm refresh`, `newsterm sync` and the app's refresh all run this, and only show
what it reports: each step's progress, the refresh's (or sync's) summary as soon as it
is known, then the full text's. The summary is reported before any page is fetched, so
a front end that hears of it knows that a failure after it is not a failed refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_news.core.models import Story
    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
    from tui_news.core.refresh.refresher import Refresher
    from tui_news.core.storage import Store
    from tui_news.core.sync.engine import SyncSummary
    from tui_news.reader.prefetch import PrefetchSummary
    from tui_news.service.facade import Newsterm


class UpdateEvents:
    """What an update reports, each on the thread that runs it; a front end overrides
    what it shows (these show nothing)."""

    def refresh_progress(self, outcome: FeedOutcome) -> None:
        """A feed was checked (or failed); `outcome.position` of `outcome.total`."""

    def sync_progress(self, step: str) -> None:
        """The sync reached `step` ("sending 3 changes", …)."""

    def refreshed(self, summary: RefreshSummary) -> None:
        """The refresh is over; the full text comes next."""

    def synced(self, summary: SyncSummary) -> None:
        """The sync is over; the full text comes next."""

    def prefetch_progress(self, done: int, total: int) -> None:
        """`done` of `total` articles fetched."""

    def prefetched(self, summary: PrefetchSummary | None) -> None:
        """The full text is done (None: there was none to fetch, it was stopped, or it
        failed, in which case the failure follows)."""

    def full_text_left(self, owed: int) -> None:
        """No full text was fetched, as asked (`full_text=False`): `owed` stories, this
        update's and those of updates cut short before it, keep it owed to the next."""


class Update:
    """`run()` once on a thread of its own; `cancel()` from any thread stops the refresh
    (the feeds checked so far stay stored) and the full text after it. `cancel()` lets a
    sync run to its end; one cut short all the same (the server fails, Ctrl-C, a crash)
    keeps what it finished, whole pages of stories with their marks, and the next sync
    goes on from there (core/storage/sync_items.py).

    The update is a row in the cache from its beginning, and every story it stores owes
    its full text to it (core/storage/updates.py) until its full text is done. One cut
    short before that (stopped, Ctrl-C, a crash, a failure) leaves its stories owed: the
    next update, refresh or sync, takes them over when its own refresh or sync ends,
    fetches their full text with its own and says so apart (`earlier_story_ids`). An
    update told to fetch no full text (`refresh --no-full-text`), or a refresh that found
    no network, leaves its stories, and those it would have taken over, owed to a later
    one."""

    def __init__(self, core: Newsterm, store: Store, events: UpdateEvents) -> None:
        self.core = core
        self.store = store
        self.events = events
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._refresher: Refresher | None = None

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            if self._refresher is not None:
                self._refresher.cancel()

    def run(
        self,
        feed_ids: list[int] | None = None,
        *,
        explicit: bool = True,
        full_text: bool | None = None,
    ) -> RefreshSummary | SyncSummary:
        """Refresh `feed_ids` (None: every feed due; `explicit` as `Refresher.refresh`),
        or under `[sync]` sync everything (the servers have no "this feed only"); then
        fetch the full text of the new stories that ask for it (`full_text` True: all of
        them, False: none). Raises what the refresh or sync raises (`SyncError`), and
        what the full text raises after the summary was reported."""
        store = self.store
        update = store.begin_update("sync" if self.core.syncing else "refresh")
        try:
            summary, wanted = self._store_news(update, feed_ids, explicit, full_text)
            if full_text is False:
                self._leave_full_text(update)
            elif not self._cancelled.is_set():
                self._fetch_full_text(wanted())
                if not self._cancelled.is_set():
                    store.end_update(update)  # its stories' full text is done
        finally:
            store.let_go(update)
        return summary

    def _store_news(
        self, update: int, feed_ids: list[int] | None, explicit: bool, full_text: bool | None
    ) -> tuple[RefreshSummary | SyncSummary, Callable[[], list[Story]]]:
        """The refresh or sync, its summary reported with the stories of the updates cut
        short before it (taken over now); which stories' full text it then wants."""
        core, store = self.core, self.store
        # No full text now (`--no-full-text`): what updates cut short owe stays theirs.
        taking = full_text is not False
        if core.syncing:
            synced = core.sync(store, progress=self.events.sync_progress, update=update)
            # As after a refresh; safe since pruned stories' server ids are kept.
            synced = replace(synced, pruned=self._prune_old())
            if taking:
                taken = store.take_over_owed(update)
                synced = replace(
                    synced,
                    earlier_story_ids=tuple(taken.story_ids),
                    earlier_left=len(taken.left),
                )
            store.update_shown(update)
            self.events.synced(synced)
            return synced, partial(
                core.stories_wanting_full_text, store, synced, full_text=full_text
            )
        refreshed = self._refresh(feed_ids, explicit, update)
        # With no network their pages cannot be fetched either: taken over, they would
        # end with the feed's summary for their text, and owe nothing more.
        if taking and not refreshed.cancelled and not refreshed.offline:
            taken = store.take_over_owed(update)
            refreshed.earlier_story_ids = taken.story_ids
            refreshed.earlier_left = len(taken.left)
        store.update_shown(update)
        self.events.refreshed(refreshed)
        return refreshed, partial(
            core.stories_wanting_full_text, store, refreshed, full_text=full_text
        )

    def _prune_old(self) -> int:
        """Delete the stories older than `prune_after_days` (0: none); how many went."""
        days = self.core.config.prune_after_days
        if days <= 0:
            return 0
        return self.store.prune(older_than=time.time() - days * 86_400.0).stories

    def _refresh(self, feed_ids: list[int] | None, explicit: bool, update: int) -> RefreshSummary:
        refresher = self.core.refresher(self.store, self.events.refresh_progress, update=update)
        with self._lock:
            self._refresher = refresher
            if self._cancelled.is_set():
                refresher.cancel()  # before it starts: it stops before any fetch
        try:
            return refresher.run(feed_ids, explicit=explicit)
        finally:
            with self._lock:
                self._refresher = None

    def _leave_full_text(self, update: int) -> None:
        """The update ends without its full text, so it stays owed (the update is let go
        of, not ended): how many stories a later update will fetch it for."""
        from tui_news.service.full_text import wanted_ids

        self.store.leave_full_text(update)
        owed = self.store.owed_by_feed(update).items()
        self.events.full_text_left(len(wanted_ids(self.store, self.core.config, owed, None)))

    def _fetch_full_text(self, stories: list[Story]) -> None:
        done: PrefetchSummary | None = None
        try:
            done = self.core.prefetch(
                self.store,
                stories,
                stop=self._cancelled.is_set,
                on_progress=self.events.prefetch_progress,
            )
        finally:
            self.events.prefetched(done)
