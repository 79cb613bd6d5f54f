"""Saved searches and kill rules in the app: save what the list shows as a view (v), and
show or hide what the kill rules hide (H)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui_news.config_filters import ConfigEditError
from tui_news.core.filters.rules import SavedView
from tui_news.core.storage import FeedNotFoundError
from tui_news.ui.screens.save_view import SaveViewScreen
from tui_news.ui.text import error_message, inert
from tui_news.ui.views import ALL, saved_view, view_expression

if TYPE_CHECKING:
    from tui_news.ui.screens.main import MainScreen


class SavedSearches:
    """Saving views, and showing the stories kill rules hide."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def save_current(self) -> None:
        """Ask for a name and the expression (that of the view shown, to edit first)."""
        screen = self.screen
        view = screen.view
        feed = None
        if view.feed_id is not None:
            try:
                feed = screen.backend.store.feed(view.feed_id)  # a primary-key read
            except FeedNotFoundError:
                feed = None
        name = "" if view == ALL or view.is_search else view.name
        dialog = SaveViewScreen(name, view_expression(view, feed))
        screen.app.push_screen(dialog, self._to_save)

    def _to_save(self, saved: SavedView | None) -> None:
        if saved is not None:
            self.screen.run_job(partial(self._save, saved), group="writes")

    async def _save(self, saved: SavedView) -> None:
        screen = self.screen
        try:
            await screen.backend.save_view(saved)
        except (ConfigEditError, OSError) as error:
            screen.notify(
                f"Could not save the view: {error_message(error)}", severity="error", markup=False
            )
            return
        screen.saved_views = [view for view in screen.saved_views if view.name != saved.name]
        screen.saved_views.append(saved)
        screen.notify(f"Saved the view “{inert(saved.name)}”.", markup=False, timeout=3)
        screen.set_view(saved_view(saved))

    def toggle_hidden(self) -> None:
        screen = self.screen
        shown = screen.view.shows_hidden
        if not screen.backend.config.ignore and not shown:
            screen.notify("No kill rules ([[ignore]] in the config), so nothing is hidden.")
            return
        screen.view = screen.view.with_hidden(not shown)
        if shown:
            screen.notify("Hiding the stories kill rules hide again.", timeout=3)
        else:
            screen.notify("Showing the stories kill rules hide (marked ✗).", timeout=3)
