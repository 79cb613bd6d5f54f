"""Newsterm: the core as one object built from the config, for the CLI and the app alike.

Subscribing, editing, refreshing or syncing, and choosing which new stories' full text to
fetch each exist once, here. Heavy modules (aiohttp, the parsers, trafilatura) are
imported on first use, so that a command or a first frame that needs none of them never
pays for them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tui_news.config import Config
from tui_news.core.errors import NewstermError, os_reason
from tui_news.core.models import Feed, Story
from tui_news.core.storage import Store
from tui_news.core.subscriptions.edits import FeedEditError, checked_edit
from tui_news.service.full_text import Unsubscribed

if TYPE_CHECKING:
    from tui_news.core.net.limits import FetchLimits
    from tui_news.core.refresh.outcomes import ProgressCallback, RefreshSummary
    from tui_news.core.refresh.refresher import Refresher
    from tui_news.core.subscriptions.discover import DiscoveredFeed
    from tui_news.core.subscriptions.opml import SubscriptionList
    from tui_news.core.subscriptions.records import ImportReport
    from tui_news.core.sync.engine import Progress, SyncSummary
    from tui_news.core.sync.subscriptions import ServerAccount
    from tui_news.reader.prefetch import PrefetchProgress, PrefetchSummary
    from tui_news.reader.service import ArticleReader
    from tui_news.service.update import Update, UpdateEvents

ReaderFactory = Callable[[Store, "FetchLimits"], "ArticleReader"]


def default_reader(store: Store, limits: FetchLimits) -> ArticleReader:
    from tui_news.reader.politeness import HostPauses
    from tui_news.reader.service import ArticleReader

    return ArticleReader(store, limits, pauses=HostPauses(store))


class ImportFileError(NewstermError):
    """A subscription file that cannot be imported; `str()` says why, in one line.
    `unreadable`: it could not be read at all (rather than read and refused)."""

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


def read_subscription_list(source: Path | BinaryIO, name: str) -> SubscriptionList:
    """An OPML or newsboat urls file (or a stream: stdin), read and checked as every
    import reads one; `name` is how a message names it. Raises ImportFileError."""
    from tui_news.core.subscriptions.opml import SubscriptionFileError, read_subscription_file
    from tui_news.core.subscriptions.source import read_source

    try:
        return read_subscription_file(read_source(source))
    except OSError as error:
        raise ImportFileError(f"cannot read {name}: {os_reason(error)}", unreadable=True) from None
    except SubscriptionFileError as refusal:
        raise ImportFileError(f"cannot import {name}: {refusal.message}") from None


@dataclass(frozen=True, slots=True)
class NewFeed:
    """A subscription just made: the feed, how many stories it brought, and how it was found
    ("direct", "link" or "guess", as `DiscoveredFeed.how`)."""

    feed: Feed
    new_stories: int
    how: str
    new_story_ids: tuple[int, ...] = ()
    over_http: bool = False  # typed without a scheme, and only http answered


class Newsterm:
    """The core as one object, built from the config; cheap to build, lazy to use.

    `interactive` (the app): parsing never runs on this process's threads, even while
    the worker pool starts, since the keyboard waits for the interpreter lock they hold.
    """

    def __init__(
        self,
        config: Config,
        *,
        make_reader: ReaderFactory = default_reader,
        interactive: bool = False,
    ) -> None:
        self.config = config
        self._make_reader = make_reader
        self.interactive = interactive
        # One prefetch at a time: a second (R pressed while the last refresh's articles
        # still arrive) would ask a site for two pages at once.
        self._prefetch_turn = threading.Lock()
        self._unsubscribed = Unsubscribed()

    @property
    def limits(self) -> FetchLimits:
        """Fetch limits from the config: `timeout_seconds` bounds silence on the socket,
        and a whole fetch gets three times it."""
        from tui_news.core.net.limits import FetchLimits

        timeout = max(float(self.config.timeout_seconds), 0.1)
        return FetchLimits(
            concurrency=max(1, self.config.concurrency),
            per_host=max(1, self.config.per_host_concurrency),
            connect_timeout=min(10.0, timeout),
            read_timeout=timeout,
            total_timeout=timeout * 3,
            max_bytes=max(1, self.config.max_response_bytes),
        )

    @property
    def page_limits(self) -> FetchLimits:
        """The feeds' limits, with at most `full_text_per_host` page requests to one host
        at a time: a news site's pages cost it more than its feed."""
        from dataclasses import replace

        limits = self.limits
        per_host = min(limits.per_host, max(1, self.config.full_text_per_host))
        return replace(limits, per_host=per_host)

    @property
    def min_interval(self) -> float:
        """Seconds an automatic refresh leaves between two checks of one feed."""
        return max(0, self.config.min_interval_minutes) * 60.0

    # -- subscribing ------------------------------------------------------------------------

    async def discover(self, url: str, *, scheme_guessed: bool = False) -> DiscoveredFeed:
        """The feed behind `url` (a feed, or a page that names or hides one), fetched and
        parsed; `scheme_guessed`: see `discover_typed_feed`. Raises `DiscoveryError`."""
        from tui_news.core.net.fetch import Fetcher
        from tui_news.core.subscriptions.discover import discover_typed_feed

        async with Fetcher(self.limits) as fetcher:
            return await discover_typed_feed(fetcher, url, scheme_guessed=scheme_guessed)

    def save_discovered(
        self,
        store: Store,
        found: DiscoveredFeed,
        *,
        tags: Iterable[str] = (),
        full_text: bool | None = None,
    ) -> NewFeed:
        """Subscribe to a discovered feed and keep the stories fetched on the way.

        Raises `FeedExistsError` when the feed is subscribed already, under any spelling
        or password of its address (`feed_url_key`): the one subscription to change is
        that one (`edit_feed`).
        """
        from tui_news.core.refresh import schedule
        from tui_news.core.storage import AmbiguousFeedError, FeedExistsError

        parsed = found.parsed
        now = time.time()
        next_due = schedule.after_success(
            now,
            min_interval=self.min_interval,
            max_age=found.fetched.cache_max_age,
            ttl_seconds=parsed.ttl_seconds,
        )
        # One transaction: a feed whose stories could not be stored is not subscribed
        # to at all, rather than left behind as "not checked yet".
        with store.atomic():
            try:
                other = store.feed_matching_url(found.url)
            except AmbiguousFeedError as several:
                raise FeedExistsError(f"already subscribed: {several}") from None
            if other is not None:
                raise FeedExistsError(f"already subscribed (id {other.id})")
            # No title here: the update below gives the feed's own, which it renews.
            feed = store.add_feed(found.url, tags=tags, site_url=parsed.site_url)
            ingest = store.record_feed_update(
                feed.id,
                parsed,
                checked_at=now,
                etag=found.fetched.etag,
                last_modified=found.fetched.last_modified,
                next_due=next_due,
            )
            if full_text is not None:
                store.update_feed_settings(feed.id, full_text=full_text)
        ids = tuple(ingest.new_story_ids)
        return NewFeed(store.feed(feed.id), ingest.new, found.how, ids, found.over_http)

    def subscribe_defaults(self, store: Store) -> int:
        """Subscribe to the built-in world-news feeds (those not yet subscribed); how many
        were added. Only ever on the user's word: a first run asks."""
        from tui_news.core.subscriptions.defaults import add_default_subscriptions

        return add_default_subscriptions(store)

    def import_file(self, store: Store, path: Path) -> ImportReport:
        """Subscribe to every feed of an OPML or newsboat urls file (one transaction),
        read as `newsterm import` reads it. Raises ImportFileError: unreadable, or not
        such a file; nothing is imported then."""
        from tui_news.core.subscriptions.records import import_subscriptions

        listed = read_subscription_list(path.expanduser(), str(path))
        return import_subscriptions(store, listed)

    def edit_feed(
        self,
        store: Store,
        feed_id: int,
        *,
        title: str | None = None,
        tags: Iterable[str] | None = None,
        full_text: bool | None = None,
        url: str | None = None,
    ) -> Feed:
        """Rename, retag, change the full-text choice or the address of a feed; None
        leaves a field alone. A title given here outlasts every refresh and sync.

        With `[sync]`, a new address or new tags go to the server first, or the next sync
        would undo them. A move there is a new feed here: it keeps the old one's own
        title and full-text choice, and is the feed returned.

        Raises FeedEditError (an empty title, an address that is not one or that another
        subscription has) or FeedNotFoundError, and under sync SyncUnsupportedError
        (Fever) or SyncError; nothing changes then.
        """
        from tui_news.core.storage import FeedExistsError

        title, url = checked_edit(store, feed_id, title, url)
        tags = None if tags is None else list(tags)
        if self.syncing and (url is not None or tags is not None):
            old = store.feed(feed_id)
            moving = url if url is not None and url != old.url else None
            now = asyncio.run(self._account().edit(store, old, url=moving, groups=tags))
            if now != feed_id:
                feed_id, url = now, None
                title = old.user_title if title is None else title
                full_text = old.full_text if full_text is None else full_text
        try:
            return store.edit_feed(
                feed_id, user_title=title, tags=tags, full_text=full_text, url=url
            )
        except FeedExistsError as taken:
            raise FeedEditError(str(taken)) from None

    # -- refreshing ---------------------------------------------------------------------------

    def update(self, store: Store, events: UpdateEvents | None = None) -> Update:
        """A refresh (with `[sync]`, a sync) and then the full text of the new stories, as
        one operation: `core.update(store, events).run(...)`, `cancel()` from any thread."""
        from tui_news.service.update import Update, UpdateEvents

        return Update(self, store, events or UpdateEvents())

    def refresher(
        self,
        store: Store,
        on_progress: ProgressCallback | None = None,
        *,
        update: int | None = None,
    ) -> Refresher:
        """A refresher of `store`; its new stories owed their full text by `update`."""
        from tui_news.core.refresh.refresher import Refresher

        return Refresher(
            store,
            self.limits,
            on_progress=on_progress,
            min_interval=self.min_interval,
            prune_after_days=self.config.prune_after_days,
            parse_here=not self.interactive,
            update=update,
        )

    # -- full text ----------------------------------------------------------------------------

    def reader(self, store: Store) -> ArticleReader:
        """An article reader writing its cache through `store`, at the page limits."""
        return self._make_reader(store, self.page_limits)

    def stories_wanting_full_text(
        self,
        store: Store,
        summary: RefreshSummary | SyncSummary,
        *,
        full_text: bool | None = None,
    ) -> list[Story]:
        """The new stories of a refresh or sync, and those of updates cut short before it
        (`earlier_story_ids`), whose article should be fetched now (a sync's server read
        the feeds, not the pages): `full_text.wanted`; `full_text` False for `refresh
        --no-full-text`, True for `--full-text`.
        """
        from tui_news.core.refresh.outcomes import RefreshSummary
        from tui_news.service.full_text import by_feed

        new: list[tuple[int, Iterable[int]]]
        if isinstance(summary, RefreshSummary):
            new = [(outcome.feed_id, outcome.new_story_ids) for outcome in summary.outcomes]
        else:
            new = list(by_feed(store, summary.new_story_ids).items())
        new += by_feed(store, summary.earlier_story_ids).items()
        return self._wanting_full_text(store, new, full_text)

    def new_feed_wanting_full_text(self, store: Store, new: NewFeed) -> list[Story]:
        """The stories a subscription brought whose article should be fetched now: a
        feed just added is as new as a refresh's (its own setting, else the config's)."""
        return self._wanting_full_text(store, [(new.feed.id, new.new_story_ids)], None)

    def _wanting_full_text(
        self, store: Store, new: Iterable[tuple[int, Iterable[int]]], full_text: bool | None
    ) -> list[Story]:
        from tui_news.service.full_text import wanted

        return wanted(store, self.config, new, full_text)

    def prefetch(
        self,
        store: Store,
        stories: list[Story],
        *,
        stop: Callable[[], bool] = lambda: False,
        on_progress: PrefetchProgress | None = None,
    ) -> PrefetchSummary | None:
        """Fetch, extract and cache the article of each story, in this thread; returns the
        reader's summary (None when there was nothing to do or it was stopped first).
        Each article's text joins the search index as it arrives.

        `stop` says the caller is closing: the prefetch is cancelled within a tenth of a
        second, else quitting would wait for every page of the refresh. A prefetch
        started while another runs waits for its turn (stopped meanwhile: None). A
        feed unsubscribed meanwhile (`unsubscribe`) has no more of its pages fetched.
        """
        from tui_news.service.full_text import until_stopped

        if not stories or stop():
            return None
        with self._unsubscribed.watching() as withdrawn:
            while not self._prefetch_turn.acquire(timeout=0.1):
                if stop():
                    return None
            try:
                reader = self.reader(store)
                work = reader.prefetch(stories, on_progress=on_progress, withdrawn=withdrawn)
                return asyncio.run(until_stopped(work, stop))  # type: ignore[return-value]
            finally:
                self._prefetch_turn.release()

    # -- sync with a feed server ----------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        """Whether a `[sync]` server holds the subscriptions and read state."""
        return self.config.sync is not None

    def _account(self) -> ServerAccount:
        from tui_news.core.sync.subscriptions import ServerAccount

        assert self.config.sync is not None, "sync is not configured"
        return ServerAccount(self.config.sync, self.limits)

    def sync(
        self, store: Store, *, progress: Progress | None = None, update: int | None = None
    ) -> SyncSummary:
        """One sync in this thread (its own event loop), part of `update`. Raises `SyncError`."""
        return asyncio.run(self._account().sync(store, progress=progress, update=update))

    def subscribe_on_server(
        self, store: Store, urls: Iterable[tuple[str, str, Iterable[str]]]
    ) -> tuple[list[str], SyncSummary]:
        """Subscribe on the server to each (url, title, tags), then sync to bring them here;
        their ids there. Raises `SyncUnsupportedError` under Fever, `SyncError`."""
        feeds = [(url, title, list(tags)) for url, title, tags in urls]
        return asyncio.run(self._account().subscribe(store, feeds))

    def unsubscribe(self, store: Store, feeds: Iterable[Feed]) -> None:
        """Unsubscribe from each feed and delete its stories: with `[sync]`, on the server
        first, or the next sync would bring them back.

        Raises `SyncUnsupportedError` under Fever (whose API cannot), before anything
        changes; `SyncError` when the server fails (the feeds it dropped are gone here too).
        """
        feeds = list(feeds)
        try:
            if self.syncing:
                asyncio.run(self._account().unsubscribe(store, feeds))
                return
            with store.atomic():
                for feed in feeds:
                    store.remove_feed(feed.id)
        finally:
            here = {feed.id for feed in store.feeds()}  # a failing server may have dropped some
            self._unsubscribed.tell(feed.id for feed in feeds if feed.id not in here)
