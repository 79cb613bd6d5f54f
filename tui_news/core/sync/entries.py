"""A server's item as the cache stores it, and the order of the servers' ids."""

from __future__ import annotations

from tui_news.core.feeds.careful import RawEntry
from tui_news.core.feeds.parse import finish_entry
from tui_news.core.models import ParsedEntry
from tui_news.core.sync.records import RemoteItem


def item_entry(item: RemoteItem) -> ParsedEntry:
    """The item as the refresher would store it: sanitised HTML as the feed's text."""
    raw = RawEntry(
        guid=f"newsterm-sync:{item.id}",
        link=item.url,
        title=item.title,
        author=item.author,
        published=item.published,
        updated=None,
        summary="",
        content=item.html,
    )
    return finish_entry(raw, base=item.url)


def id_order(remote_id: str) -> tuple[int, str]:
    """Fever's and Google Reader's decimal ids by number; another spelling after them."""
    return (int(remote_id), "") if remote_id.isdigit() else (-1, remote_id)
