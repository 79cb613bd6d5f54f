"""Refreshing in the background: a thread with its own store, progress in the header.

The service's update (a refresh, or with `[sync]` a sync, then the new stories' full
text) knows nothing of Textual. It runs on a thread worker with its own `Store`; what
it reports is posted as messages (thread safe, never blocking it). New stories are
merged into the list at most once a second, and the cursor never moves. What another
newsterm stored (a `newsterm refresh` run by cron or in a shell) shows within a few
seconds too.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from tui_news.core.refresh.outcomes import OFFLINE_MESSAGE, kept_words, owed_words
from tui_news.ui.messages import PostedUpdate, RefreshFinished, SyncFinished
from tui_news.ui.screens.listing import cache_mark, failing
from tui_news.ui.screens.view_chooser import ViewChooser
from tui_news.ui.text import clock_time, count_stories, error_message, inert

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
    from tui_news.core.sync.engine import SyncSummary
    from tui_news.service import Update
    from tui_news.ui.screens.main import MainScreen

LIST_UPDATE_INTERVAL = 1.0
STATUS_INTERVAL = 0.25
CACHE_CHECK_INTERVAL = 5.0
NO_FEEDS = "No feeds to refresh. Press a to add one."


def summary_text(summary: RefreshSummary) -> str:
    """ "12 feeds refreshed · 37 new · 1 failed", or why nothing was checked; the
    stories of earlier updates whose full text comes now (one cut short, or told to
    fetch none) are said apart, as `newsterm refresh` says them."""
    refreshed = summary.ok + summary.not_modified
    earlier = owed(summary.earlier_story_ids, summary.earlier_left)
    if not refreshed and not summary.failed:
        if summary.skipped:
            return "Feeds are up to date (checked recently)" + (earlier or ".")
        return NO_FEEDS
    if not refreshed:  # "0 feeds refreshed · 0 new · 1 failed" buries the news
        failed = f"{summary.failed:,} feed{'s' if summary.failed != 1 else ''} failed to refresh"
        return failed + earlier + (" · stopped" if summary.cancelled else "")
    parts = [f"{refreshed:,} feed{'s' if refreshed != 1 else ''} refreshed"]
    parts.append(f"{summary.new_stories:,} new{earlier}")
    if summary.failed:
        parts.append(f"{summary.failed:,} failed")
    if summary.cancelled:
        parts.append("stopped")
    return " · ".join(parts)


def owed(story_ids: Sequence[int], left: int) -> str:
    """ " · 3 more owed their full text (cut short earlier)", or nothing when there were
    none; `left` of them were left by an update told to fetch none (`--no-full-text`)."""
    return f" · {owed_words(len(story_ids), left)}" if story_ids else ""


def sync_news(summary: SyncSummary) -> str:
    """What else a sync did, as `newsterm sync` says it: " · 2 changes sent · 1 feed
    removed on the server"… Feeds and marks changed there are said: the server won, and
    a feed on screen may have gone, a story left unread here may have turned read."""
    parts = [owed(summary.earlier_story_ids, summary.earlier_left)]
    if summary.sent:
        parts.append(f" · {summary.sent:,} change{'s' if summary.sent != 1 else ''} sent")
    for count, what in ((summary.feeds_added, "added"), (summary.feeds_removed, "removed")):
        if count and summary.feeds != summary.feeds_added:  # not the first sync's feeds
            parts.append(f" · {count:,} feed{'s' if count != 1 else ''} {what} on the server")
    if summary.changed:
        parts.append(f" · {count_stories(summary.changed)} changed on the server")
    if summary.kept:
        parts.append(f" · {kept_words(summary.kept)}")
    return "".join(parts)


def failure_lines(failures: Sequence[FeedOutcome], limit: int = 3) -> str:
    lines = [
        f"{inert(outcome.title) or inert(outcome.url)}: {inert(outcome.message)}"
        for outcome in failures[:limit]
    ]
    if len(failures) > limit:
        lines.append(f"… and {len(failures) - limit} more (press f to see them)")
    return "\n".join(lines)


class Refreshing:
    """Starting refreshes, showing their progress, merging what they bring.

    The screen's `refresh_running` says whether one runs; the header's subtitle says
    how far it got, then when the last one ended and how many feeds are failing.
    """

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.pending = screen.config.refresh_on_start  # the start-up refresh is coming
        # Those running, for close() to cancel: a refresh may start while the one before
        # it still fetches its articles.
        self.updates: set[Update] = set()
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.updated = ""  # "Updated 14:05", once a refresh has finished
        self.failing_feeds: frozenset[int] = frozenset()  # as the header last counted them
        self._failed_in_run = 0
        self._quiet = False
        self._sync_error = ""  # how the last sync failed, if it did
        self._list_timer: Timer | None = None
        self._status_timer: Timer | None = None
        self._status = ""

    def start(
        self, feed_ids: list[int] | None, *, explicit: bool = True, quiet: bool = False
    ) -> bool:
        """Refresh in the background; False (and a word unless `quiet`) if one is already
        running or there is nothing to refresh (with `[sync]`, the server has the feeds)."""
        screen = self.screen
        if screen.refresh_running:
            if not quiet:
                screen.notify("A refresh is already running.")
            return False
        self.pending = False
        if not screen.backend.core.syncing and screen.backend.store.feed_count() == 0:
            # Nothing to refresh (a first start, behind the welcome screen): the header
            # and the empty list must not say "Refreshing…", nor "Updated" after it.
            screen.listing.show_empty_text()
            if not quiet:
                screen.notify(NO_FEEDS)
            return False
        screen.refresh_running = True
        self._failed_in_run = 0
        self._quiet = quiet
        screen.sub_title = "Refreshing…"
        screen.run_worker(
            partial(self._thread, feed_ids, explicit),
            thread=True,
            group="refresh",
            exclusive=True,
            exit_on_error=False,
        )
        return True

    def _thread(self, feed_ids: list[int] | None, explicit: bool) -> None:
        """The service's update (a refresh, or with `[sync]` a sync; then the full text),
        told to the screen in messages. Whatever fails before the summary is told ends
        the refresh as failed: `refresh_running` waits for that word, and without it the
        header said "Refreshing…" for good and R did nothing (a store that would not open,
        the service's module failing to import while newsterm was being upgraded)."""
        screen = self.screen
        events = PostedUpdate(screen)
        try:
            self._update(events, feed_ids, explicit)
        except Exception as error:
            if events.reported:
                raise  # the full text's failure is the worker's: the refresh itself went well
            # A SyncError's text, like any NewstermError's, is the one line for the user.
            failed = SyncFinished if screen.backend.core.syncing else RefreshFinished
            screen.post_message(failed(None, error_message(error)))

    def _update(self, events: PostedUpdate, feed_ids: list[int] | None, explicit: bool) -> None:
        backend = self.screen.backend
        with backend.open_store() as store:
            update = backend.core.update(store, events)
            with self.lock:
                self.updates.add(update)
                if self.closing.is_set():
                    update.cancel()
            try:
                update.run(feed_ids, explicit=explicit)
            finally:
                with self.lock:
                    self.updates.discard(update)

    def sync_progress(self, step: str) -> None:
        self._status = f"Syncing: {step}"
        if self._status_timer is None:
            self._status_timer = self.screen.set_timer(STATUS_INTERVAL, self._show_status)

    def sync_finished(self, summary: SyncSummary | None, error: str) -> None:
        screen = self.screen
        screen.refresh_running = False
        # A sync that failed half-way kept the pages of stories it finished: list them.
        screen.listing.forget()
        self.recount_views()
        if summary is None:
            screen.sub_title = "Sync failed"
            # Offline with the app open: the timer's syncs fail the same way every time;
            # said once, as a refresh offline says it once, and on R whenever asked.
            if not (self._quiet and error == self._sync_error):
                screen.run_job(partial(self._say_sync_failed, error), group="sync-failed")
            self._sync_error = error
            return
        self._sync_error = ""
        if summary.feeds_removed or summary.pruned:
            screen.reading.forget_missing()
        self.updated = f"Synced {clock_time(screen.clock())}"
        screen.sub_title = self.updated
        if self._quiet and not summary.new_stories and not summary.earlier_story_ids:
            return
        screen.notify(f"Synced: {summary.new_stories:,} new{sync_news(summary)}", markup=False)

    async def _say_sync_failed(self, error: str) -> None:
        """The failure, and that the marks made here are not lost (as `newsterm sync`
        says it): counted on the store thread."""
        screen = self.screen
        pending = await screen.db(lambda store: store.sync_pending())
        changes = f"{pending:,} change{'s' if pending != 1 else ''}"
        kept = f" ({changes} kept for the next sync)" if pending else ""
        screen.notify(f"Sync failed: {error}{kept}", severity="error", markup=False)

    def close(self) -> None:
        """The app is closing: stop the refresh and what follows it (the prefetch)."""
        self.closing.set()
        with self.lock:
            for update in self.updates:
                update.cancel()

    def progress(self, outcome: FeedOutcome) -> None:
        if outcome.status == "failed":
            self._failed_in_run += 1
        status = f"Refreshing {outcome.position:,}/{outcome.total:,}"
        if self._failed_in_run:
            status += f" · {self._failed_in_run} failed"
        # A repaint per feed would cost the keyboard; a few a second read as live.
        self._status = status
        screen = self.screen
        if self._status_timer is None:
            self._status_timer = screen.set_timer(STATUS_INTERVAL, self._show_status)
        if outcome.new_stories and self._list_timer is None:
            self._list_timer = screen.set_timer(LIST_UPDATE_INTERVAL, self._merge_new_stories)

    def _show_status(self) -> None:
        self._status_timer = None
        if self.screen.refresh_running:
            self.screen.sub_title = self._status

    def _merge_new_stories(self) -> None:
        self._list_timer = None
        self.screen.reload_view()

    def finished(self, summary: RefreshSummary | None, error: str) -> None:
        screen = self.screen
        screen.refresh_running = False
        if self._list_timer is not None:
            self._list_timer.stop()
            self._list_timer = None
        if summary is None:
            screen.sub_title = "Refresh failed"
            screen.notify(f"The refresh failed: {error}", severity="error", markup=False)
            return
        failing_now = f" · {summary.failed} failed" if summary.failed else ""
        self.updated = f"Updated {clock_time(screen.clock())}"
        screen.sub_title = f"{self.updated}{failing_now}"
        failures = summary.failures
        if self._quiet:  # nobody asked: a feed known to fail was warned about already
            failures = [o for o in failures if o.feed_id not in self.failing_feeds]
        self.show_failing_feeds()  # a one-feed refresh must not hide other failing feeds
        if summary.pruned:
            screen.reading.forget_missing()
        screen.listing.forget()
        self.recount_views()
        news = summary.new_stories or summary.earlier_story_ids
        if self._quiet and not news and not failures:
            return
        text = summary_text(summary)
        if summary.offline and failures:  # one word for it, not one per feed
            screen.notify(OFFLINE_MESSAGE, severity="warning", timeout=8, markup=False)
        elif failures:
            screen.notify(
                failure_lines(failures), title=text, severity="warning", timeout=8, markup=False
            )
        else:
            screen.notify(text, markup=False)

    def show_failing_feeds(self) -> None:
        """The header counts every feed now failing, not only those the last refresh tried."""
        self.screen.run_job(self._count_failing, group="failing", exclusive=True)

    async def _count_failing(self) -> None:
        if not self.updated:
            return
        found = await self.screen.db(
            lambda store: frozenset(feed.id for feed in store.feeds() if failing(feed))
        )
        self.failing_feeds = found
        if not self.screen.refresh_running:
            count = f" · {len(found)} failed" if found else ""
            self.screen.sub_title = self.updated + count

    # -- what to refresh ---------------------------------------------------------------

    def refresh_all(self) -> None:
        self.screen.start_refresh(None)

    def refresh_shown(self) -> None:
        """newsboat's r, "reload the current feed": the feed shown, every feed of the tag
        shown, or else the highlighted story's feed (every feed if there is no story)."""
        screen = self.screen
        tag = screen.view.filter.tag
        if tag is not None:
            screen.run_job(partial(self._refresh_tag, tag), group="refresh-tag")
            return
        feed_id = screen.view.feed_id
        if feed_id is None:
            row = screen.stories.highlighted_row()
            feed_id = row.feed_id if row is not None else None
        self.start(None if feed_id is None else [feed_id])

    async def _refresh_tag(self, tag: str) -> None:
        feed_ids = await self.screen.db(
            lambda store: [f.id for f in store.feeds() if tag in f.tags]
        )
        if feed_ids:
            self.start(feed_ids)
        else:
            self.screen.notify(f"No feed has the tag #{inert(tag)} any more.", markup=False)

    # -- other newsterms ---------------------------------------------------------------

    def start_cache_checks(self) -> None:
        # The timer awaits each check (no worker: idle, this runs forever, cheaply).
        self.screen.set_interval(CACHE_CHECK_INTERVAL, self.check_cache)

    async def check_cache(self) -> None:
        """A `newsterm refresh` from cron or a shell changed the cache: show what it
        brought now, not at this app's next refresh (never, with auto-refresh off)."""
        screen = self.screen
        listing = screen.listing
        if screen.refresh_running or listing.listed_mark is None:
            return  # the refresh's own merges and its end reload the list
        try:
            mark = await screen.db(cache_mark)
        except Exception as error:  # a damaged database: the next look may do better
            screen.log.warning(f"cache check failed: {error!r}")
            return
        if mark != listing.listed_mark and not screen.refresh_running:
            listing.listed_mark = None  # once: the reload reads the new mark
            listing.forget()  # a refresh may retitle stories already listed
            self.show_failing_feeds()
            self.recount_views()

    def recount_views(self) -> None:
        """The view chooser, if open, counts again (it counted when it opened)."""
        for screen in self.screen.app.screen_stack:
            if isinstance(screen, ViewChooser):
                screen.recount()
