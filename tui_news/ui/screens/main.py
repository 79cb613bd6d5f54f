"""The main screen: story list, reading pane and related sidebar.

The screen owns the state the panes show (the view, its counts, whether a refresh
runs, whether the sidebar is shown) as reactives: the list pane's title follows the
view and counts through `data_bind`, the layout follows the width through CSS
classes. The panes post intent messages up; small helpers, one per concern, do the
work: `Listing` fills the list, `Reading` the reading pane and the sidebar,
`Refreshing` runs refreshes, `StoryActions` and `FeedActions` carry out commands,
`Links` opens and copies links, `SavedSearches` saves views and shows what kill rules
hide, `Panes` fits the panes to the terminal and moves the focus, `FeedPane` counts the
feed list's entries, and `Warmup` imports the heavy stacks
while the user looks. Every binding comes from `commands`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState

from tui_news.config import Config
from tui_news.core.errors import CacheDamagedError
from tui_news.core.filters.rules import SavedView
from tui_news.core.storage import Store
from tui_news.core.urls import without_userinfo
from tui_news.ui.backend import Backend
from tui_news.ui.bindings import screen_bindings
from tui_news.ui.commands import FEEDS, RELATED
from tui_news.ui.footer import PALETTE_HINT_WIDTH, pane_hints
from tui_news.ui.messages import (
    PrefetchFinished,
    PrefetchProgress,
    RefreshFinished,
    RefreshProgress,
    SyncFinished,
    SyncProgress,
)
from tui_news.ui.screens.feed_actions import FeedActions
from tui_news.ui.screens.feed_pane import FeedPane
from tui_news.ui.screens.first_run import FirstRun
from tui_news.ui.screens.help import HelpScreen
from tui_news.ui.screens.links import Links
from tui_news.ui.screens.listing import Listing
from tui_news.ui.screens.panes import Panes
from tui_news.ui.screens.pictures import LeadPictures
from tui_news.ui.screens.prefetching import Prefetching
from tui_news.ui.screens.reading import NOTHING_OPEN, Reading
from tui_news.ui.screens.refreshing import Refreshing
from tui_news.ui.screens.saved_views import SavedSearches
from tui_news.ui.screens.story_actions import StoryActions
from tui_news.ui.screens.type_ahead import TypeAheadScreen
from tui_news.ui.screens.unread import UnreadNavigation
from tui_news.ui.screens.warmup import Warmup
from tui_news.ui.text import error_message
from tui_news.ui.views import ALL, Counts, View, search_view
from tui_news.ui.widgets.feed_list import FeedList
from tui_news.ui.widgets.header import AppHeader
from tui_news.ui.widgets.list_pane import ListPane
from tui_news.ui.widgets.reading_pane import ReadingPane
from tui_news.ui.widgets.related_sidebar import RelatedSidebar
from tui_news.ui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from tui_news.ui.app import NewstermApp

STARTUP_REFRESH_DELAY = 0.3

T = TypeVar("T")


class MainScreen(TypeAheadScreen[None]):
    """Three panes, keyboard first."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings()  # type: ignore[assignment]

    # Setting the same view again starts it again from the top, as choosing it does.
    view: var[View] = var(ALL, init=False, always_update=True)
    counts: var[Counts] = var(Counts())
    refresh_running: var[bool] = var(False, init=False)
    show_related: var[bool] = var(True, init=False)
    show_feeds: var[bool] = var(False, init=False)
    unread_only: var[bool] = var(False, init=False)  # in any view, only unread stories

    def __init__(self, backend: Backend, config: Config, *, clock: Callable[[], float]) -> None:
        super().__init__()
        self.backend = backend
        self.config = config
        self.clock = clock
        self.view_before_search: View = ALL
        self.saved_views: list[SavedView] = list(config.views)
        self.listing = Listing(self)
        self.reading = Reading(self)
        self.refreshing = Refreshing(self)
        self.story_actions = StoryActions(self)
        self.unread = UnreadNavigation(self)
        self.feed_actions = FeedActions(self)
        self.links = Links(self)
        self.panes = Panes(self)
        self.pictures = LeadPictures(self)
        self.feed_pane = FeedPane(self)
        self.warmup = Warmup(self)
        self.first_run = FirstRun(self)
        self.prefetching = Prefetching(self)
        self.saved_searches = SavedSearches(self)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="panes"):
            yield FeedList(id="feeds")
            yield ListPane(
                self.backend.store.story_rows, clock=self.clock, id="list-pane"
            ).data_bind(MainScreen.view, MainScreen.counts, MainScreen.unread_only)
            yield ReadingPane(measure=self.config.text_width, id="reader")
            yield RelatedSidebar(id="related")
        yield Footer()

    def on_mount(self) -> None:
        self.panes.apply(self.app.size.width)  # the first frame already has the right panes
        self.feed_list.border_title = "Feeds"
        self.reader.border_title = "Article"
        self.related.border_title = "Related"
        self.related.show_message(NOTHING_OPEN)
        self.listing.show_head(self.app.size.height)
        self.listing.load()
        self.stories.focus()
        self.first_run.welcome_if_empty()
        self.call_after_refresh(self._after_first_paint)
        self.refreshing.start_cache_checks()
        minutes = self.config.auto_refresh_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.refresh_due_feeds)

    def _after_first_paint(self) -> None:
        if self.config.refresh_on_start:
            self.set_timer(
                STARTUP_REFRESH_DELAY, lambda: self.start_refresh(None, explicit=False, quiet=True)
            )
        self.warmup.schedule()

    def on_unmount(self) -> None:
        self.refreshing.close()

    # -- state -------------------------------------------------------------------------

    async def db(self, work: Callable[[Store], T]) -> T:
        """Run store work that may be slow (a scan, a write) on the store thread."""
        return await self.backend.background.call(work)

    def run_job(
        self, job: Callable[[], Coroutine[Any, Any, None]], *, group: str, exclusive: bool = False
    ) -> None:
        """Run `job` in an async worker of `group` (an exclusive one cancels the group's
        job still running). What it does not catch, `on_worker_state_changed` says."""
        # mypy cannot pick ResultType out of run_worker's union of work types.
        self.run_worker(job, group=group, exclusive=exclusive, exit_on_error=False)  # type: ignore[arg-type]

    def set_view(self, view: View, *, keep: int | None = None) -> None:
        """Show `view` from its newest story (or with the cursor on story `keep`). A view
        chosen any other way than typing a search ends the search, the one still
        debounced included, so that a search typed just before cannot replace the
        choice a moment later."""
        self.list_pane.close_search()
        self.listing.keep_next = keep
        self.view = view

    @property
    def shown_view(self) -> View:
        """What the story list shows: the view, only its unread stories after `U`."""
        if self.unread_only and not self.view.filter.unread:
            return replace(self.view, filter=replace(self.view.filter, unread=True))
        return self.view

    def watch_view(self, view: View) -> None:
        keep, self.listing.keep_next = self.listing.keep_next, None
        self.listing.load(keep=keep, reset=True)
        self.feed_list.mark_current(view)

    def watch_unread_only(self) -> None:
        self.listing.load(keep=self.stories.highlighted_id)

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only

    def reload_view(self) -> None:
        self.listing.reload()

    def watch_refresh_running(self) -> None:
        self.listing.show_empty_text()
        self.feed_pane.recount()

    def start_refresh(
        self, feed_ids: list[int] | None, *, explicit: bool = True, quiet: bool = False
    ) -> bool:
        """Refresh `feed_ids` (every feed if None) in the background; False if one runs."""
        return self.refreshing.start(feed_ids, explicit=explicit, quiet=quiet)

    def refresh_due_feeds(self) -> None:
        """The auto-refresh timer: only feeds that are due, and quietly."""
        self.start_refresh(None, explicit=False, quiet=True)

    # -- panes -------------------------------------------------------------------------

    @property
    def feed_list(self) -> FeedList:
        return self.query_one("#feeds", FeedList)

    @property
    def list_pane(self) -> ListPane:
        return self.query_one("#list-pane", ListPane)

    @property
    def stories(self) -> StoryList:
        return self.query_one("#stories", StoryList)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def related(self) -> RelatedSidebar:
        return self.query_one("#related", RelatedSidebar)

    @property
    def search_input(self) -> Input:
        return self.list_pane.search_input

    def focused_pane(self) -> str:
        """Which pane has focus: "feeds", "list", "reader" or "related"."""
        return self.panes.focused()

    # -- layout ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.panes.apply(event.size.width)

    def on_descendant_focus(self) -> None:
        self.panes.focus_moved()

    def watch_show_related(self, show: bool) -> None:
        self.panes.changed(RELATED, show)

    def watch_show_feeds(self, show: bool) -> None:
        self.panes.changed(FEEDS, show)
        if show:
            self.feed_pane.recount()

    # -- the footer and what is enabled ------------------------------------------------

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer shows each screen command only in the panes where it matters, the
        most useful that fit whole."""
        footers = self.query(Footer)
        footer = footers.first() if footers else None
        room: int | None = None
        if footer is not None and self.size.width > 0:  # laid out: the footer has a width
            room = self.size.width
            if footer.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
                room -= PALETTE_HINT_WIDTH
        return pane_hints(
            super().active_bindings,
            owner=self,
            pane=self.focused_pane(),
            typing=self.focused is self.search_input,  # "/" types a slash there
            room=room,
            key_display=self.app.get_key_display,
            compact=footer is not None and footer.compact,
            also=("focus_list",) if self.panes.list_folded else (),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_search":
            return self.view.is_search or self.list_pane.searching
        if action == "run" and parameters[:1] == ("reading.back",):
            return True if self.reading.history.can_go_back else None
        if action == "run" and parameters[:1] == ("reading.forward",):
            return True if self.reading.history.can_go_forward else None
        return True

    # -- messages from the panes and the refresh thread --------------------------------

    def on_story_list_selected(self, message: StoryList.Selected) -> None:
        self.reading.open_story(message.story_id)
        if self.config.focus_reader_on_open:
            self.set_focus(self.reader)  # at once: keys typed after enter scroll the story

    def on_reading_pane_read_on(self, message: ReadingPane.ReadOn) -> None:
        self.unread.next_unread(1)

    def on_story_list_highlighted(self, message: StoryList.Highlighted) -> None:
        self.warmup.postpone()
        self.reading.highlighted(message.story_id)

    def on_reading_pane_link_clicked(self, message: ReadingPane.LinkClicked) -> None:
        if message.picture:  # an image: the browser shows it, the reading pane cannot
            self.links.open_in_browser(without_userinfo(message.url))
        else:
            self.reading.open_page(message.url, message.title)

    def on_related_sidebar_open_link(self, message: RelatedSidebar.OpenLink) -> None:
        self.reading.open_page(message.url, message.title)

    def on_related_sidebar_open_story(self, message: RelatedSidebar.OpenStory) -> None:
        self.reading.open_story(message.story_id)

    def on_feed_list_view_chosen(self, message: FeedList.ViewChosen) -> None:
        self.feed_pane.chosen(message.view)

    def on_list_pane_search_changed(self, message: ListPane.SearchChanged) -> None:
        if not self.list_pane.searching:
            return  # closed meanwhile (a view chosen another way): too late to apply
        text = message.text.strip()
        view = search_view(text) if text else self.view_before_search
        if view != self.view:
            self.view = view  # the box stays open: the user is still typing
        if message.submitted:
            self.stories.focus()

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        self.refreshing.progress(message.outcome)

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing.finished(message.summary, message.error)

    def on_sync_progress(self, message: SyncProgress) -> None:
        self.refreshing.sync_progress(message.step)

    def on_sync_finished(self, message: SyncFinished) -> None:
        self.refreshing.sync_finished(message.summary, message.error)

    def on_prefetch_progress(self, message: PrefetchProgress) -> None:
        latest = message.latest()
        if latest is not None:
            self.prefetching.progress(*latest)

    def on_prefetch_finished(self, message: PrefetchFinished) -> None:
        self.prefetching.finished(message.summary)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every background failure the helpers did not handle themselves, said calmly."""
        error = event.worker.error
        if isinstance(error, CacheDamagedError):
            # A damaged cache does not mend: a worker meeting it ends the app as drawing does.
            cast("NewstermApp", self.app).end_on_cache_error(error)
            return
        if event.state is WorkerState.ERROR and error is not None:
            what = event.worker.group.replace("-", " ")
            self.notify(
                error_message(error),
                title=f"Something went wrong ({what})",
                severity="error",
                markup=False,
            )

    # -- actions (the commands' `action`s) ---------------------------------------------

    def action_search(self) -> None:
        if not self.view.is_search:
            self.view_before_search = self.view
        self.list_pane.open_search()

    def action_clear_search(self) -> None:
        if self.view.is_search:
            self.set_view(self.view_before_search)
        else:
            self.list_pane.close_search()
        self.stories.focus()
        self.refresh_bindings()  # focus may not move, and the footer must drop "esc Clear"

    def action_run(self, work: str, *arguments: object) -> None:
        """A command whose work a helper owns: `work` names it ("story_actions.undo")."""
        helper, method = work.split(".")
        getattr(getattr(self, helper), method)(*arguments)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(dict(self.config.keys)))

    def action_quit(self) -> None:
        self.app.exit()
