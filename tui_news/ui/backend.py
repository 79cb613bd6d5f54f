"""The headless newsterm (`tui_news.service`) as the UI drives it, on the UI's threads.

The UI never talks SQL or HTTP; it calls these. Two rules shape this module:
- the event loop only makes cheap store calls (a primary-key read, a 60-row window);
  anything that scans or writes goes to `BackgroundStore`, one thread with its own
  connection, so writes stay in the order the user made them;
- heavy imports (aiohttp, feedparser, trafilatura) happen on first use, off the
  start-up path, so the first screen never waits for them.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tui_news.config import Config
from tui_news.config_filters import ConfigEditError, save_view
from tui_news.core.filters.rules import IgnoreRule, SavedView
from tui_news.core.models import Feed
from tui_news.core.storage import Store
from tui_news.core.urls import scheme_guessed, typed_url
from tui_news.service import NewFeed, Newsterm, ReaderFactory, default_reader

__all__ = ["Backend", "BackgroundStore", "NewFeed", "import_off_loop"]

if TYPE_CHECKING:
    from tui_news.core.net.limits import FetchLimits
    from tui_news.core.subscriptions.records import ImportReport
    from tui_news.reader.images import ImageLoader
    from tui_news.reader.prefetch import PrefetchProgress, PrefetchSummary
    from tui_news.reader.service import ArticleReader

T = TypeVar("T")


async def import_off_loop(module: str) -> None:
    """Import a heavy module in a thread the first time, so the loop keeps painting."""
    if module not in sys.modules:
        await asyncio.to_thread(importlib.import_module, module)


class BackgroundStore:
    """A `Store` on its own thread: `await background.call(lambda store: ...)`."""

    def __init__(self, path: Path, ignore_rules: Sequence[IgnoreRule] = ()) -> None:
        self._path = path
        self._ignore_rules = tuple(ignore_rules)  # the config's kill rules
        self._store: Store | None = None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="newsterm-ui-db")

    async def call(self, work: Callable[[Store], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, work)

    def submit(self, work: Callable[[Store], object]) -> None:
        """Queue `work` without waiting: it runs after every call already queued."""
        self._executor.submit(self._run, work)

    def _run(self, work: Callable[[Store], T]) -> T:
        if self._store is None:
            self._store = Store(self._path, ignore_rules=self._ignore_rules)
        return work(self._store)

    def close(self) -> None:
        def close_store() -> None:
            if self._store is not None:
                self._store.close()

        self._executor.submit(close_store)
        self._executor.shutdown(wait=True)


class Backend:
    """Built from paths and config; tests build one on a temp dir.

    `store` serves the event loop's cheap reads. The article reader gets a
    connection of its own: it writes its cache from threads, and must never make
    the list wait on its lock.
    """

    def __init__(
        self,
        database: Path,
        config: Config,
        *,
        make_reader: ReaderFactory = default_reader,
        config_file: Path | None = None,
    ) -> None:
        self.database = database
        self.config = config
        self.config_file = config_file  # where a view saved in the app goes
        self.core = Newsterm(config, make_reader=make_reader, interactive=True)
        self.store = Store(database, ignore_rules=config.ignore)
        self.background = BackgroundStore(database, config.ignore)
        self._reader: ArticleReader | None = None
        self._reader_store: Store | None = None
        self._images: ImageLoader | None = None

    @property
    def limits(self) -> FetchLimits:
        return self.core.limits

    def open_store(self) -> Store:
        """A connection for a thread of its own (a refresh)."""
        return Store(self.database, ignore_rules=self.config.ignore)

    def reader(self) -> ArticleReader:
        if self._reader is None:
            self._reader_store = Store(self.database, ignore_rules=self.config.ignore)
            self._reader = self.core.reader(self._reader_store)
        return self._reader

    def images(self) -> ImageLoader:
        """Lead images, cached beside the articles (the reader's connection)."""
        if self._images is None:
            from tui_news.reader.images import ImageLoader

            self.reader()  # its connection
            self._images = ImageLoader(self._reader_store, self.limits)
        return self._images

    def prefetch_new_feed(
        self,
        store: Store,
        new: NewFeed,
        *,
        stop: Callable[[], bool] = lambda: False,
        on_progress: PrefetchProgress | None = None,
    ) -> PrefetchSummary | None:
        """After a subscription, on a thread of its own: cache the article text of its
        stories if the feed (or the config) asks for full text. Extraction runs in the
        reader's process pool."""
        stories = self.core.new_feed_wanting_full_text(store, new)
        return self.core.prefetch(store, stories, stop=stop, on_progress=on_progress)

    async def subscribe(self, typed: str) -> NewFeed:
        """Find the feed behind the address typed (a feed or a page; without a scheme,
        https, else http: `discover_typed_feed`), subscribe, store its stories.

        Raises `DiscoveryError` (its message is for the user) or `FeedExistsError`.
        Cancelled (the user closed the dialog), it subscribes nothing: a save already
        running on the store thread cannot be stopped, so it is undone after it.
        """
        url = typed_url(typed)
        if self.core.syncing:
            return await self.on_server(lambda store: self._subscribe_on_server(store, url))
        await import_off_loop("tui_news.core.subscriptions.discover")
        found = await self.core.discover(url, scheme_guessed=scheme_guessed(typed))
        saved: list[Feed] = []

        def store_it(store: Store) -> NewFeed:
            new = self.core.save_discovered(store, found)
            saved.append(new.feed)
            return new

        def undo(store: Store) -> None:
            for feed in saved:
                store.remove_feed(feed.id)

        try:
            return await self.background.call(store_it)
        except asyncio.CancelledError:
            self.background.submit(undo)  # the same thread: it runs after the save, if any
            raise

    def _subscribe_on_server(self, store: Store, url: str) -> NewFeed:
        """With `[sync]` on, the server subscribes (Fever refuses, saying where to)."""
        added, summary = self.core.subscribe_on_server(store, [(url, "", ())])
        feed_id = store.feed_of_remote(added[0]) if added else None
        if feed_id is None:
            raise LookupError("the server subscribed, but did not list the feed")
        return NewFeed(store.feed(feed_id), summary.new_stories, "direct")

    async def subscribe_defaults(self) -> int:
        """The built-in world-news feeds, on the user's word; how many were added."""
        return await self.background.call(self.core.subscribe_defaults)

    async def import_file(self, path: Path) -> ImportReport:
        """Import an OPML or newsboat urls file; raises `ImportFileError`."""
        return await self.background.call(lambda store: self.core.import_file(store, path))

    async def edit_feed(
        self,
        feed_id: int,
        *,
        title: str | None = None,
        tags: list[str] | None = None,
        full_text: bool | None = None,
        url: str | None = None,
    ) -> Feed:
        """`Newsterm.edit_feed` on the store thread (under `[sync]`, beside it: see
        `on_server`); raises `FeedEditError` or `FeedNotFoundError` (nothing changed)."""

        def edit(store: Store) -> Feed:
            return self.core.edit_feed(
                store, feed_id, title=title, tags=tags, full_text=full_text, url=url
            )

        return await (self.on_server(edit) if self.core.syncing else self.background.call(edit))

    async def save_view(self, saved: SavedView) -> None:
        """Write a saved search to the config file (raises ConfigEditError, OSError)."""
        if self.config_file is None:
            raise ConfigEditError("this session has no config file to save the view to")
        await asyncio.to_thread(save_view, self.config_file, saved.name, saved.expression)

    async def unsubscribe(self, feed_id: int) -> None:
        """Unsubscribe from the feed and delete its stories; with `[sync]` on, on the
        server first (Fever refuses: `SyncUnsupportedError`; a failing server raises
        `SyncError`). Behind the writes already queued on the store thread."""

        def unsubscribe(store: Store) -> None:
            self.core.unsubscribe(store, [store.feed(feed_id)])

        if self.core.syncing:
            await self.on_server(unsubscribe)
        else:
            await self.background.call(unsubscribe)

    async def on_server(self, work: Callable[[Store], T]) -> T:
        """`work` that asks the `[sync]` server first, on a thread and connection of its
        own once the writes already queued are done: a server may take its whole timeout
        to answer, and the store thread must go on serving the lists and marks."""
        await self.background.call(lambda store: None)

        def run() -> T:
            with self.open_store() as store:
                return work(store)

        return await asyncio.to_thread(run)

    async def aclose(self) -> None:
        if self._images is not None:
            await self._images.close()
        if self._reader is not None:
            await self._reader.close()
        if self._reader_store is not None:
            self._reader_store.close()
        self.background.close()
        self.store.close()
