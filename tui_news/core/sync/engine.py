"""One sync with a feed server: send what changed here, then take what the server has.

The order makes it safe to kill at any moment and run again:
1. the queued changes go first, oldest first (item marks between two mark-alls in
   any order, several requests at once where the service takes one item a request);
   each is deleted only once the server has it, and sending one twice is harmless, so
   nothing is lost or undone;
2. the server's subscriptions become the feeds here (its groups their tags);
3. new items are stored page by page, each page in one transaction with its links,
   their read and starred marks and the paging cursor, so none is stored twice;
4. a story already here (from before sync was on) is linked with its marks joined to
   the server's, and what only this side had is sent before the state is taken;
5. the server's unread and starred ids are the truth for every story whose change is
   not still queued (one made while this sync ran goes next time).

A sync cut short keeps the steps and pages it finished, and the next one goes on from
there: its summary counts the stories the one cut short stored too, as new to the user
(storage/sync_items.py says why a big server wants it so). A sync counts the stories it
stored itself (core/storage/updates.py): two at once never count each other's.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tui_news.core.storage import Store
from tui_news.core.storage.sync import QueuedChange, ServerFeed
from tui_news.core.storage.sync_items import CURSOR, ServerItem
from tui_news.core.sync.entries import id_order, item_entry
from tui_news.core.sync.errors import SyncServerError
from tui_news.core.sync.records import Mark, RemoteItem, SyncClient
from tui_news.core.sync.reinstall import PROBES, PROBES_NEEDED, server_reinstalled

Progress = Callable[[str], None]
_T = TypeVar("_T")
# Mark requests the server refused (HTTP 5xx after the retries) with none taken between,
# after which no more are sent this sync: one refused mark is that item's trouble, a
# run of them a server that takes no mark (each costs three tries and 1.5 s of pauses).
REFUSALS_IN_A_ROW = 8


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What one sync did."""

    sent: int
    feeds: int
    feeds_added: int
    feeds_removed: int
    new_stories: int
    changed: int
    new_story_ids: tuple[int, ...] = ()
    # Stories an update cut short after its summary stored (its full text was stopped):
    # not new to this sync, but their full text is fetched now (`service.update`).
    earlier_story_ids: tuple[int, ...] = ()
    earlier_left: int = 0  # of those, left by an update told to fetch none (--no-full-text)
    pruned: int = 0  # old stories deleted afterwards (the `prune_after_days` setting)
    kept: int = 0  # changes the server refused (HTTP 5xx), queued for the next sync


def account_key(service: str, url: str, user: str) -> str:
    """Which server and user the cache's links belong to (no password in it)."""
    return hashlib.sha256(f"{service}\n{url}\n{user}".encode()).hexdigest()


class SyncEngine:
    """Runs one sync of `store` with `client`; `progress` hears each step in a few words.

    `update`: the update (`UpdateStorage.begin_update`) this sync is part of, which owes
    the full text of the stories it stores. Without one, the sync is an update of its
    own, and no full text follows it (a sync after a subscription).
    """

    def __init__(
        self,
        store: Store,
        client: SyncClient,
        account: str,
        *,
        progress: Progress | None = None,
        update: int | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.account = account
        self._progress = progress or (lambda _text: None)
        self._update = update
        # Queued changes the server refused this sync (they go again next time), and
        # how many mark requests it has refused since it last took one.
        self._kept: set[int] = set()
        self._refused_in_a_row = 0
        self._refused: list[int] = []  # the item changes among them the server answered
        # Ids of stories pruned here that the server listed this sync (in its unread or
        # starred ids, or the ids `_fetch_items` asked `known` about).
        self._listed_pruned: set[str] = set()

    async def run(self) -> SyncSummary:
        if self._update is not None:
            return await self._run(self._update)
        update = self.store.begin_update("sync")
        try:
            summary = await self._run(update)
            self.store.end_update(update)
            return summary
        finally:
            self.store.let_go(update)

    async def _run(self, update: int) -> SyncSummary:
        self._update = update
        self.store.use_sync_account(self.account)
        probes = self.store.newest_linked(PROBES)
        probes = probes if len(probes) >= PROBES_NEEDED else []  # too few to tell: none asked
        probed = await self.client.login(probes)
        if await server_reinstalled(self.store, self.client, probes, probed):
            self._progress("the server's items are new: joining them to the stories here")
            self.store.forget_sync_links()
        sent = await self.send_queue()
        self._progress("subscriptions")
        remote = await self.client.feeds()
        servers = [ServerFeed(f.id, f.url, f.title, f.site_url, f.groups) for f in remote if f.url]
        feeds, added, removed = self.store.apply_server_feeds(servers)
        await self._fetch_items(feeds)
        self._progress("read and starred state")
        unread, starred = await self.client.unread_ids(), await self.client.starred_ids()
        # Pruned here (`newsterm vacuum`): not brought back, unless starred since.
        linked = self.store.remote_item_ids()
        pruned = self.store.pruned_among((unread | starred) - linked)
        self._listed_pruned |= pruned
        missing = sorted(((unread - pruned) | starred) - linked)
        if missing:
            # A server whose pages are in no order (coldsweat) can step over items with
            # since_id; the ones that matter most, unread and starred, are asked by id.
            items = await self.client.items_by_id(missing)
            self._store(items, feeds, None)
        # Every item is here: a mark held through a reinstall's join whose story the
        # server lacks has nothing to go to.
        self.store.drop_held_changes()
        if self.store.sync_pending() > len(self._kept):
            # Stories read or starred here before they were linked (the first sync of a
            # cache used without one) queued their marks: the server has them now, not
            # at the next sync, and its state below already counts them.
            sent += await self.send_queue()
            unread, starred = await self.client.unread_ids(), await self.client.starred_ids()
        changed = self.store.apply_server_state(unread, starred)
        # The pruned ids the server no longer lists go in time: it dropped the items.
        self.store.keep_listed_pruned(self._listed_pruned)
        # Refused again next time, they would use up its refusals before the changes
        # queued after them, which would then never go.
        self.store.sync_requeue(self._refused)
        # A sync cut short before its summary: what it stored is new to the user now.
        self.store.take_over(update, shown=False)
        new_ids = self.store.update_story_ids(update)
        return SyncSummary(
            sent=sent,
            feeds=len(feeds),
            feeds_added=added,
            feeds_removed=removed,
            new_stories=len(new_ids),
            changed=changed,
            new_story_ids=tuple(new_ids),
            kept=len(self._kept),
        )

    async def send_queue(self) -> int:
        """Send every queued change, oldest first; returns how many were sent.

        A change the server refuses (HTTP 5xx) stays queued and the others go on, but
        no change after a mark-all that follows it goes (it would be sent before the
        refused one next time: an item marked unread after a mark-all must stay so).
        """
        queue = [change for change in self.store.sync_queue() if change.id not in self._kept]
        if queue:
            self._progress(f"sending {len(queue)} changes")
        done = 0
        for run in _runs(queue):
            first = run[0]
            if first.kind == "item":
                done += await self._send_items(run)
                continue
            if self._kept:
                break  # a refused change before this mark-all goes first, next time
            # A mark-all an older newsterm queued: its stories one by one, those the
            # server has unread (so those sent before a cut are not sent again).
            marked = set(self.store.read_by_mark_all(first))
            targets = sorted(marked & await self.client.unread_ids(), key=id_order)
            slices = _chunks(targets, self.client.mark_batch)
            if (await self._mark_each(slices, Mark.READ, lambda _index: None))[0]:
                self._kept.add(first.id)
            else:
                self.store.sync_sent([first.id])
                done += 1
        return done

    async def _send_items(self, changes: list[QueuedChange]) -> int:
        """Item changes in the client's batches, each batch forgotten as soon as the
        server has it: a sync cut short sends again only the batches still under way
        (which the server takes as no change). Returns how many the server took."""
        sent = 0
        for action, batches in _batches(changes, self.client.mark_batch).items():

            def done(index: int, batches: list[list[QueuedChange]] = batches) -> None:
                nonlocal sent
                self.store.sync_sent(change.id for change in batches[index])
                sent, before = sent + len(batches[index]), sent
                if sent // 100 > before // 100 and sent < len(changes):
                    self._progress(f"sent {sent} of {len(changes)} changes")

            targets = [[change.target for change in batch] for batch in batches]
            kept, refused = await self._mark_each(targets, Mark(action), done)
            for index in kept:
                self._kept.update(change.id for change in batches[index])
            self._refused += [change.id for index in refused for change in batches[index]]
        return sent

    async def _mark_each(
        self, batches: list[list[str]], mark: Mark, done: Callable[[int], None]
    ) -> tuple[list[int], list[int]]:
        """`mark` the batches of ids, `mark_parallel` at once; `done(index)` as each ends.
        Returns the indexes of the batches kept (the server refused them, or they were
        not sent because it had refused REFUSALS_IN_A_ROW requests), and of those it
        refused."""
        turns = asyncio.Semaphore(max(1, self.client.mark_parallel))
        kept: list[int] = []
        refused: list[int] = []

        async def send(index: int) -> None:
            async with turns:
                if self._refused_in_a_row >= REFUSALS_IN_A_ROW:
                    kept.append(index)
                    return
                try:
                    gone = await self.client.mark(batches[index], mark)
                except SyncServerError:
                    self._refused_in_a_row += 1
                    kept.append(index)
                    refused.append(index)
                    return
                self._refused_in_a_row = 0
            # Purged there (servers drop old read items) but kept here: the story is
            # this cache's own now, or the server's silence about it would undo the
            # mark (a star on an old story taken away by this very sync).
            self.store.unlink_remote_items(gone)
            done(index)

        await _all_or_first_error([send(index) for index in range(len(batches))])
        return kept, refused

    async def _fetch_items(self, feeds: dict[str, int]) -> None:
        linked = self.store.remote_item_ids()

        def known(listed: Sequence[str]) -> set[str]:
            unlinked = [remote_id for remote_id in listed if remote_id not in linked]
            pruned = self.store.pruned_among(unlinked)
            self._listed_pruned |= pruned
            return (set(listed) - set(unlinked)) | pruned

        count = 0
        async for page in self.client.new_items(self.store.meta(CURSOR), known):
            self._store(page.items, feeds, page.cursor)
            count += len(page.items)
            self._progress(f"{count} items")

    def _store(
        self, items: Sequence[RemoteItem], feeds: dict[str, int], cursor: str | None
    ) -> None:
        entries = [
            ServerItem(item.id, item.feed_id, item_entry(item), item.read, item.starred)
            for item in items
        ]
        self.store.store_server_items(entries, feeds, cursor, update=self._update)


def _runs(queue: list[QueuedChange]) -> list[list[QueuedChange]]:
    """Consecutive item changes in one run; every other change alone. The queue holds
    one change per item and flag, so a run's changes can go in any order, but not
    across a mark-all-read (an item marked unread after it must stay unread)."""
    runs: list[list[QueuedChange]] = []
    for change in queue:
        if runs and change.kind == "item" and runs[-1][0].kind == "item":
            runs[-1].append(change)
        else:
            runs.append([change])
    return runs


def _batches(changes: list[QueuedChange], size: int) -> dict[str, list[list[QueuedChange]]]:
    """Each action's changes in batches of up to `size`, in queue order."""
    by_action: dict[str, list[QueuedChange]] = {}
    for change in changes:
        by_action.setdefault(change.action, []).append(change)
    return {action: _chunks(same, size) for action, same in by_action.items()}


def _chunks(items: list[_T], size: int) -> list[list[_T]]:
    """`items` in consecutive slices of up to `size` (at least one each)."""
    step = max(1, size)
    return [items[start : start + step] for start in range(0, len(items), step)]


async def _all_or_first_error(calls: list[Coroutine[Any, Any, None]]) -> None:
    """Run `calls` together; the first to fail stops the others (each either finished,
    or did not: asyncio.gather would leave them running) and its error is raised as it
    is, where a TaskGroup would wrap it in an ExceptionGroup the callers do not expect."""
    tasks = [asyncio.ensure_future(call) for call in calls]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in tasks:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            raise error
