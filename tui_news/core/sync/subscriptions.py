"""Subscriptions changed where they live: on the `[sync]` server first, then here.

With sync on, a feed added, removed, moved or retagged only here is undone by the next
sync, which makes the subscriptions the server's. So each change is asked of the server
(Fever, whose API cannot, refuses before anything changes) and reaches the cache as the
server has it. Checking what the user typed is the caller's job, done before this.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from tui_news.core.sync.account import open_client, sync_store
from tui_news.core.sync.errors import SyncProtocolError
from tui_news.core.urls import redact_url

if TYPE_CHECKING:
    from tui_news.core.models import Feed
    from tui_news.core.net.limits import FetchLimits
    from tui_news.core.storage import Store
    from tui_news.core.sync.engine import Progress, SyncSummary
    from tui_news.core.sync.records import SyncClient
    from tui_news.core.sync.settings import SyncSettings

# A subscription to make: (url, title, groups).
NewSubscription = tuple[str, str, Sequence[str]]


class ServerAccount:
    """The `[sync]` account within the refresh's limits; each call logs in afresh."""

    def __init__(self, settings: SyncSettings, limits: FetchLimits) -> None:
        self.settings = settings
        self.limits = limits

    @asynccontextmanager
    async def _client(self) -> AsyncIterator[SyncClient]:
        client = open_client(self.settings, self.limits)
        try:
            yield client
        finally:
            await client.aclose()

    async def sync(
        self, store: Store, *, progress: Progress | None = None, update: int | None = None
    ) -> SyncSummary:
        """One sync of `store`, part of `update` (`SyncEngine`). Raises `SyncError`."""
        return await sync_store(store, self.settings, self.limits, progress=progress, update=update)

    async def subscribe(
        self, store: Store, feeds: Sequence[NewSubscription]
    ) -> tuple[list[str], SyncSummary]:
        """Subscribe on the server, then sync to bring the feeds here: their ids there,
        and the sync's summary. Raises `SyncUnsupportedError` (Fever), `SyncError`."""
        async with self._client() as client:
            added = [
                await client.subscribe(url, title=title, groups=list(groups))
                for url, title, groups in feeds
            ]
        return added, await self.sync(store)

    async def unsubscribe(self, store: Store, feeds: Sequence[Feed]) -> None:
        """Unsubscribe on the server, then delete here, feed by feed. A feed the server
        does not have yet (not synced) is only deleted here.

        Raises `SyncUnsupportedError` under Fever before anything changes (the server's
        feeds go first); `SyncError` when the server fails part way.
        """
        remote = {feed.id: store.remote_feed_id(feed.id) for feed in feeds}
        on_server = [(feed_id, there) for feed_id, there in remote.items() if there is not None]
        if on_server:
            async with self._client() as client:
                for feed_id, there in on_server:
                    await client.unsubscribe(there)
                    store.remove_feed(feed_id)
        for feed_id in [feed_id for feed_id, there in remote.items() if there is None]:
            store.remove_feed(feed_id)

    async def edit(
        self, store: Store, feed: Feed, *, url: str | None, groups: Sequence[str] | None
    ) -> int:
        """Move `feed` to `url` and/or set its groups on the server; the feed's id here
        afterwards. A move is a new subscription there (the old one's items go with it),
        so the feed here is a new one, brought by a sync. A feed the server does not
        have yet is left for the caller to change here.

        Raises `SyncUnsupportedError` under Fever before anything changes, `SyncError`.
        """
        remote_id = store.remote_feed_id(feed.id)
        if remote_id is None or (url is None and groups is None):
            return feed.id
        async with self._client() as client:
            if url is None:
                assert groups is not None
                await client.edit_feed(remote_id, groups=list(groups))
                return feed.id
            kept = list(feed.tags if groups is None else groups)
            # Subscribed first: should the server fail now, the old feed is still there.
            moved = await client.subscribe(url, title=feed.title, groups=kept)
            await client.unsubscribe(remote_id)
        await self.sync(store)
        feed_id = store.feed_of_remote(moved)
        if feed_id is None:
            raise SyncProtocolError(
                f"the server subscribed to {redact_url(url)} but does not list it"
            )
        return feed_id
