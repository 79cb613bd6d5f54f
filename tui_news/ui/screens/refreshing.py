"""Refreshing in the background: a thread with its own store, progress in the header.

The refresh engine knows nothing of Textual. It runs on a thread worker with a
fresh event loop and its own `Store`; its progress callback posts messages (thread
safe, never blocking the refresh). New stories are merged into the list at most
once a second, and the cursor never moves. What another newsterm stored (a
`newsterm refresh` run by cron or in a shell) shows within a few seconds too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from tui_news.ui.messages import RefreshFinished, RefreshProgress
from tui_news.ui.screens.main_state import MainState, cache_mark
from tui_news.ui.screens.view_chooser import ViewChooser
from tui_news.ui.text import clock_time, inert

if TYPE_CHECKING:
    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
    from tui_news.core.refresh.refresher import Refresher

LIST_UPDATE_INTERVAL = 1.0
STATUS_INTERVAL = 0.25
CACHE_CHECK_INTERVAL = 5.0


def summary_text(summary: RefreshSummary) -> str:
    """ "12 feeds refreshed · 37 new · 1 failed", or why nothing was checked."""
    refreshed = summary.ok + summary.not_modified
    if not refreshed and not summary.failed:
        if summary.skipped:
            return "Feeds are up to date (checked recently)."
        return "No feeds to refresh. Press a to add one."
    if not refreshed:  # "0 feeds refreshed · 0 new · 1 failed" buries the news
        failed = f"{summary.failed} feed{'s' if summary.failed != 1 else ''} failed to refresh"
        return failed + (" · stopped" if summary.cancelled else "")
    parts = [f"{refreshed} feed{'s' if refreshed != 1 else ''} refreshed"]
    parts.append(f"{summary.new_stories} new")
    if summary.failed:
        parts.append(f"{summary.failed} failed")
    if summary.cancelled:
        parts.append("stopped")
    return " · ".join(parts)


def failure_lines(failures: Sequence[FeedOutcome], limit: int = 3) -> str:
    lines = [
        f"{inert(outcome.title) or inert(outcome.url)}: {inert(outcome.message)}"
        for outcome in failures[:limit]
    ]
    if len(failures) > limit:
        lines.append(f"… and {len(failures) - limit} more (press f to see them)")
    return "\n".join(lines)


class RefreshPart(MainState):
    """Starting refreshes, showing their progress, merging what they bring."""

    _failed_in_run = 0
    _quiet = False
    _list_timer: Timer | None = None
    _status_timer: Timer | None = None
    _status = ""

    def start_refresh(
        self, feed_ids: list[int] | None, *, explicit: bool = True, quiet: bool = False
    ) -> bool:
        """Refresh in the background; False (and a word) if one is already running."""
        if self.refresh_running:
            if not quiet:
                self.notify("A refresh is already running.")
            return False
        self.refresh_running = True
        self.refresh_pending = False
        self._failed_in_run = 0
        self._quiet = quiet
        self.sub_title = "Refreshing…"
        self.stories.empty_text = self.empty_text()
        self.refresh_thread(feed_ids, explicit)
        return True

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def refresh_thread(self, feed_ids: list[int] | None, explicit: bool) -> None:
        store = self.backend.open_store()

        def progress(outcome: FeedOutcome) -> None:
            self.post_message(RefreshProgress(outcome))  # thread safe, never blocks

        try:
            refresher = self.backend.refresher(store, progress)
            with self.refresh_lock:
                self.refresher = refresher
            summary = asyncio.run(self._run(refresher, feed_ids, explicit))
            self.post_message(RefreshFinished(summary))
            if not self.closing.is_set():
                self.backend.prefetch_new_stories(store, summary, stop=self.closing.is_set)
        except Exception as error:
            self.post_message(RefreshFinished(None, inert(str(error)) or type(error).__name__))
        finally:
            with self.refresh_lock:
                self.refresher = None
            store.close()

    async def _run(
        self, refresher: Refresher, feed_ids: list[int] | None, explicit: bool
    ) -> RefreshSummary:
        """Run the refresh, stopping it promptly if the app is closing."""
        task = asyncio.ensure_future(refresher.refresh(feed_ids, explicit=explicit))
        while not task.done():
            if self.closing.is_set():
                refresher.cancel()
            await asyncio.wait({task}, timeout=0.1)
        return task.result()

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        outcome = message.outcome
        if outcome.status == "failed":
            self._failed_in_run += 1
        status = f"Refreshing {outcome.position}/{outcome.total}"
        if self._failed_in_run:
            status += f" · {self._failed_in_run} failed"
        # A repaint per feed would cost the keyboard; a few a second read as live.
        self._status = status
        if self._status_timer is None:
            self._status_timer = self.set_timer(STATUS_INTERVAL, self._show_status)
        if outcome.new_stories and self._list_timer is None:
            self._list_timer = self.set_timer(LIST_UPDATE_INTERVAL, self._merge_new_stories)

    def _show_status(self) -> None:
        self._status_timer = None
        if self.refresh_running:
            self.sub_title = self._status

    def _merge_new_stories(self) -> None:
        self._list_timer = None
        self.reload_view()

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refresh_running = False
        self.stories.empty_text = self.empty_text()
        if self._list_timer is not None:
            self._list_timer.stop()
            self._list_timer = None
        summary = message.summary
        if summary is None:
            self.sub_title = "Refresh failed"
            self.notify(f"The refresh failed: {message.error}", severity="error", markup=False)
            return
        failing = f" · {summary.failed} failed" if summary.failed else ""
        self.updated = f"Updated {clock_time(self.clock())}"
        self.sub_title = f"{self.updated}{failing}"
        failures = summary.failures
        if self._quiet:  # nobody asked: a feed known to fail was warned about already
            failures = [o for o in failures if o.feed_id not in self.failing_feeds]
        self.show_failing_feeds()  # a one-feed refresh must not hide other failing feeds
        self.stories.forget_rows()
        self.reload_view()
        self.recount_views()
        if self._quiet and not summary.new_stories and not failures:
            return
        text = summary_text(summary)
        if failures:
            self.notify(
                failure_lines(failures), title=text, severity="warning", timeout=8, markup=False
            )
        else:
            self.notify(text, markup=False)

    # -- actions -----------------------------------------------------------------------

    def action_refresh_all(self) -> None:
        self.start_refresh(None)

    def action_refresh_feed(self) -> None:
        """newsboat's r, "reload the current feed": the feed shown, every feed of the tag
        shown, or else the highlighted story's feed (every feed if there is no story)."""
        if self.view.filter.tag is not None:
            self.refresh_tag(self.view.filter.tag)
            return
        feed_id = self.view.feed_id
        if feed_id is None:
            row = self.stories.highlighted_row()
            feed_id = row.feed_id if row is not None else None
        if feed_id is None:
            self.start_refresh(None)
        else:
            self.start_refresh([feed_id])

    @work(group="refresh-tag", exit_on_error=False)
    async def refresh_tag(self, tag: str) -> None:
        feed_ids = await self.db(lambda store: [f.id for f in store.feeds() if tag in f.tags])
        if feed_ids:
            self.start_refresh(feed_ids)
        else:
            self.notify(f"No feed has the tag #{inert(tag)} any more.", markup=False)

    # -- other newsterms -----------------------------------------------------------------

    def start_cache_checks(self) -> None:
        # The timer awaits each check (no worker: idle, this runs forever, cheaply).
        self.set_interval(CACHE_CHECK_INTERVAL, self.check_cache)

    async def check_cache(self) -> None:
        """A `newsterm refresh` from cron or a shell changed the cache: show what it
        brought now, not at this app's next refresh (never, with auto-refresh off)."""
        if self.refresh_running or self.listed_mark is None:
            return  # the refresh's own merges and its end reload the list
        try:
            mark = await self.db(cache_mark)
        except Exception as error:  # a damaged database: the next look may do better
            self.log.warning(f"cache check failed: {error!r}")
            return
        if mark != self.listed_mark and not self.refresh_running:
            self.listed_mark = None  # once: the reload reads the new mark
            self.stories.forget_rows()  # a refresh may retitle stories already listed
            self.reload_view()
            self.show_failing_feeds()
            self.recount_views()

    def recount_views(self) -> None:
        """The view chooser, if open, counts again (it counted when it opened)."""
        for screen in self.app.screen_stack:
            if isinstance(screen, ViewChooser):
                screen.recount()

    def refresh_due_feeds(self) -> None:
        """The auto-refresh timer: only feeds that are due, and quietly."""
        self.start_refresh(None, explicit=False, quiet=True)
