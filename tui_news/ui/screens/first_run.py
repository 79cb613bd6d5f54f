"""With no subscriptions, the main screen opens the welcome screen and follows up on the
choice: a refresh after an import or the built-in feeds, the new feed's view after an
add, and for the demo the app exits with DEMO as its result, so that `launch` runs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_news.ui.screens.welcome import Welcomed, WelcomeScreen
from tui_news.ui.text import inert

if TYPE_CHECKING:
    from tui_news.core.subscriptions.records import ImportReport
    from tui_news.ui.screens.main import MainScreen

DEMO = "demo"  # the app's result when the user chose to try the demo

NOTHING_CHOSEN = (
    "No subscriptions yet. Press a to add a feed, or from a shell: newsterm import FILE "
    "(OPML or a newsboat urls file)."
)


class FirstRun:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def welcome_if_empty(self) -> None:
        """Open the welcome screen when nothing is subscribed (a count: fine on the loop).
        With `[sync]` set the server holds the subscriptions: the first refresh brings them."""
        backend = self.screen.backend
        if not backend.core.syncing and backend.store.feed_count() == 0:
            self.welcome()

    def welcome(self) -> None:
        from tui_news.core.subscriptions.defaults import default_feeds

        dialog = WelcomeScreen(self.screen.backend, default_feeds=len(default_feeds()))
        self.screen.app.push_screen(dialog, self._chosen)

    def _chosen(self, welcomed: Welcomed | None) -> None:
        screen = self.screen
        if welcomed is None:
            screen.notify(NOTHING_CHOSEN, markup=False, timeout=10)
            return
        if welcomed.choice == "demo":
            screen.app.exit(DEMO)
            return
        if welcomed.new_feed is not None:
            screen.feed_actions.feed_added(welcomed.new_feed)
            return
        one = welcomed.feeds == 1
        screen.notify(
            f"Subscribed to {welcomed.feeds} {'feed' if one else 'feeds'}. "
            f"Refreshing {'it' if one else 'them'}…",
            markup=False,
        )
        if welcomed.report is not None and not welcomed.report.complete:
            screen.notify(
                left_out(welcomed.report),
                title="Not imported",
                severity="warning",
                timeout=20,
                markup=False,
            )
        screen.listing.forget()
        screen.refreshing.show_failing_feeds()
        screen.start_refresh(None)


def left_out(report: ImportReport, limit: int = 4) -> str:
    """What an import could not take and why, as `newsterm import` says it: the damage
    to the file, then each line skipped (a few: the CLI lists them all)."""
    reasons = [*report.problems, *report.skipped]
    lines = [inert(reason) for reason in reasons[:limit]]
    if len(reasons) > limit:
        lines.append(f"… and {len(reasons) - limit} more (newsterm import FILE lists them all)")
    return "\n".join(lines)
