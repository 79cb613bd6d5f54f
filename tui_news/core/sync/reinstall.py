"""Telling a server reinstalled at the same address, whose ids name other items now.

A server installed again counts its ids from 1 again (or, as FreshRSS, numbers its items
by the time it fetched them, so that no old id comes back): the queued marks would go
to other items, its state would mark other stories here, and its items would come in
again beside their stories. The sync then joins its items to the stories here anew,
by link (`SyncStorage.forget_sync_links`). A false alarm costs a whole download and
brings back what was pruned here: the check must not be fooled by a server that edits
or purges items, and costs no request while the newest ids here still hold.
"""

from __future__ import annotations

from tui_news.core.storage import Store
from tui_news.core.storage.sync_items import LinkedStory
from tui_news.core.sync.entries import id_order, item_entry
from tui_news.core.sync.records import RemoteItem, SyncClient
from tui_news.core.text import plain_text

# Items asked for to tell a reinstalled server, and how many of them must name other
# stories.
PROBES = 8
PROBES_NEEDED = 3
# Fewer words than this in a text (a feed of headlines alone) cannot tell an edited
# story from another one: its link and title decide.
ALIKE_WORDS = 8


async def server_reinstalled(
    store: Store, client: SyncClient, probes: list[str], probed: list[RemoteItem]
) -> bool:
    """Whether the server's ids now name other stories than the ones linked here.

    A server reinstalled at the same address counts its ids from 1 again: the
    queued marks would go to other items, and its state would mark other stories
    here. The login brought the items under the highest ids linked here (`probes`,
    in the same request where the service can): when all came back as the stories
    linked to them, the ids are the server's own and nothing more is asked (a
    server restored from a backup with these items has them under the same ids,
    and any later id is not linked here). Otherwise the newest unread items the
    server has under ids linked here are asked for too. If most of either set are
    other stories (`_another`), and at least PROBES_NEEDED are, the ids are another
    server's. A story edited there keeps its id and most of its words; one
    server's ids never shift.
    """
    if len(probes) < PROBES_NEEDED:
        return False
    here = store.linked_stories(probes)
    there = [item for item in probed if item.id in here]
    differ = sum(_another(item, here[item.id]) for item in there)
    if differ >= PROBES_NEEDED and 2 * differ > len(there):
        return True
    if not differ and len(there) == len(here):
        return False
    # Some of the newest are gone (purged there, or a smaller server in their
    # place) or were changed: the newest unread ones the server still has decide.
    unread, linked = await client.unread_ids(), store.remote_item_ids()
    shared = sorted(unread & linked, key=id_order, reverse=True)
    if not there and not shared:
        return await _no_id_left(store, client, unread, linked)
    if len(shared) < PROBES_NEEDED:
        return False
    here = store.linked_stories(shared[:PROBES])
    there = [item for item in await client.items_by_id(shared[:PROBES]) if item.id in here]
    differ = sum(_another(item, here[item.id]) for item in there)
    return differ >= PROBES_NEEDED and 2 * differ > len(there)


async def _no_id_left(store: Store, client: SyncClient, unread: set[str], linked: set[str]) -> bool:
    """Whether none of the ids here is the server's any more, while it has items: a
    server reinstalled whose new ids never meet the old ones (FreshRSS numbers its
    items by the time it fetched them). Not one of the newest ids here came back,
    none here or pruned here is among its unread or starred ones, and not one of a
    few more from across those here comes back as its story: the newest alone may
    be gone with their feed (unsubscribed there) while the older ones hold."""
    listed = unread | await client.starred_ids()
    if not listed or listed & linked or store.pruned_among(listed):
        return False
    ordered = sorted(linked, key=id_order)
    sample = ordered[:: max(1, len(ordered) // PROBES)][:PROBES]
    here = store.linked_stories(sample)
    items = [item for item in await client.items_by_id(sample) if item.id in here]
    return all(_another(item, here[item.id]) for item in items)


def _another(item: RemoteItem, story: LinkedStory) -> bool:
    """Whether the server's item under a story's id is another story: another link, and
    a text mostly of other words (another title, where the texts are too short to tell).
    A story the site edited (a new headline, and with it a new address, as news sites
    do) keeps most of its words; the items of a feed that gives them all one title
    ("Morning briefing") differ in theirs."""
    entry = item_entry(item)
    if entry.url == story.url:
        return False
    there = _words(entry.content or entry.summary)
    here = _words(story.text)
    if len(there) < ALIKE_WORDS or len(here) < ALIKE_WORDS:
        return entry.title != story.title  # too little text to tell: the title decides
    # Of the shorter text: a summary here and the whole article there (a server that
    # fetches full texts now) are one story.
    return len(there & here) < min(len(there), len(here)) / 2


def _words(html: str) -> set[str]:
    return set(plain_text(html).casefold().split())
