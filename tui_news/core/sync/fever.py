"""The Fever API (Miniflux's /fever/, FreshRSS's /api/fever.php, coldsweat, TT-RSS's plugin).

The request shape every server accepts: POST to `<url>?api&<one command>`, with
since_id/max_id/with_ids in the query string and api_key and mark/as/id in the form
body (coldsweat answers 400 to mark parameters in the query; Miniflux reads one
command per request). Ids are JSON numbers on some servers and strings on others.
Fever has no call to add or remove a subscription.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any

from yarl import URL

from tui_news.core.net.limits import FetchLimits
from tui_news.core.sync.errors import (
    ItemGoneError,
    SyncAuthError,
    SyncProtocolError,
    SyncUnsupportedError,
)
from tui_news.core.sync.http import SyncHttp
from tui_news.core.sync.records import (
    Credentials,
    ItemPage,
    Mark,
    RemoteFeed,
    RemoteItem,
    timestamp,
)
from tui_news.core.urls import redact_url

# The API's page size: `items` answers at most this many, `with_ids` takes at most this many.
PAGE = 50
_AS = {Mark.READ: "read", Mark.UNREAD: "unread", Mark.STAR: "saved", Mark.UNSTAR: "unsaved"}


class FeverClient:
    """A Fever account. The API key is md5("user:password"), sent only in the body."""

    name = "Fever"
    manages_subscriptions = False
    # Fever marks one item a request: several at once, as many as the config lets a
    # refresh ask of one host (coldsweat: 1,000 marks in 12 s one by one, see bench/).
    mark_batch = 1

    def __init__(self, url: str, credentials: Credentials, limits: FetchLimits) -> None:
        self.mark_parallel = max(1, limits.per_host)
        self._url = URL(url)
        self._http = SyncHttp(url, "Fever", limits)
        key = f"{credentials.user}:{credentials.password}".encode()
        self._api_key = hashlib.md5(key, usedforsecurity=False).hexdigest()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(
        self,
        command: str = "",
        query: Iterable[tuple[str, str]] = (),
        form: Iterable[tuple[str, str]] = (),
        *,
        statuses: tuple[int, ...] = (),
    ) -> dict[str, Any]:
        # "?api&items&since_id=3": Fever's commands are bare keys, which yarl would
        # write as "items=", so the query string is put together here.
        parts = ["api", *([command] if command else []), *(f"{k}={v}" for k, v in query)]
        url = self._url.with_query(None).with_fragment(None)
        url = URL(f"{url}?{'&'.join(parts)}", encoded=True)
        status, body = await self._http.request(
            url, form=[("api_key", self._api_key), *form], statuses=statuses
        )
        if status in statuses:
            raise ItemGoneError(f"{self._http.label} has no such item")
        data = _json_object(body, self._http.label)
        if data.get("auth") != 1:
            raise SyncAuthError(
                f"{self._http.label} refused the login: check the user and password "
                "(some servers give Fever its own password)"
            )
        return data

    async def login(self, probe: Sequence[str] = ()) -> list[RemoteItem]:
        """Any authenticated call checks the key: with `probe`, the call for its items."""
        if not probe:
            await self._call()
            return []
        answer = await self._call("items", [("with_ids", ",".join(probe[:PAGE]))])
        return _items(answer, self._http.label)

    async def feeds(self) -> list[RemoteFeed]:
        groups = await self._call("groups")
        names: dict[int, str] = {}
        for group in _list(groups, "groups", self._http.label):
            group_id, title = _int(group.get("id")), str(group.get("title") or "").strip()
            if group_id is not None and title:
                names[group_id] = title
        answer = await self._call("feeds")
        membership: dict[int, list[str]] = {}
        links = answer.get("feeds_groups") or groups.get("feeds_groups")
        for link in links if isinstance(links, list) else []:
            if not isinstance(link, dict):
                continue
            name = names.get(_int(link.get("group_id")) or -1)
            for member in _ids(link.get("feed_ids")):
                if name:
                    membership.setdefault(int(member), []).append(name)
        feeds = []
        for feed in _list(answer, "feeds", self._http.label):
            feed_id = _int(feed.get("id"))
            if feed_id is None or not isinstance(feed.get("url"), str):
                continue
            feeds.append(
                RemoteFeed(
                    id=str(feed_id),
                    url=feed["url"],
                    title=str(feed.get("title") or ""),
                    site_url=str(feed.get("site_url") or ""),
                    groups=tuple(membership.get(feed_id, ())),
                )
            )
        return feeds

    async def new_items(
        self, cursor: str | None, known: Callable[[Sequence[str]], set[str]]
    ) -> AsyncIterator[ItemPage]:
        """Pages of items above the highest id seen so far (`since_id`).

        The cursor only ever moves up, so a server that ignored since_id (answering
        the same page again) ends the loop instead of looping for ever.
        """
        since = int(cursor) if cursor and cursor.isdigit() else 0
        while True:
            answer = await self._call("items", [("since_id", str(since))])
            items = [item for item in _items(answer, self._http.label) if int(item.id) > since]
            if not items:
                return
            since = max(int(item.id) for item in items)
            yield ItemPage(items, str(since))

    async def items_by_id(self, ids: Sequence[str]) -> list[RemoteItem]:
        found: list[RemoteItem] = []
        for start in range(0, len(ids), PAGE):
            batch = ",".join(ids[start : start + PAGE])
            answer = await self._call("items", [("with_ids", batch)])
            found += _items(answer, self._http.label)
        return found

    async def unread_ids(self) -> set[str]:
        return set(_ids((await self._call("unread_item_ids")).get("unread_item_ids")))

    async def starred_ids(self) -> set[str]:
        return set(_ids((await self._call("saved_item_ids")).get("saved_item_ids")))

    async def mark(self, ids: Sequence[str], mark: Mark) -> set[str]:
        """One request per item (Fever takes one id); returns the ids the server lacks."""
        gone: set[str] = set()
        for item_id in ids:
            form = [("mark", "item"), ("as", _AS[mark]), ("id", item_id)]
            try:
                await self._call(form=form, statuses=(404,))
            except ItemGoneError:
                gone.add(item_id)
        return gone

    def _refuse(self) -> SyncUnsupportedError:
        site = redact_url(str(self._url.with_path("/").with_query(None)))
        return SyncUnsupportedError(
            "Fever cannot change subscriptions: subscribe, unsubscribe or edit feeds "
            f"on your feed server's own pages ({site}), then run `newsterm sync`"
        )

    async def subscribe(self, url: str, *, title: str = "", groups: Sequence[str] = ()) -> str:
        raise self._refuse()

    async def unsubscribe(self, feed_id: str) -> None:
        raise self._refuse()

    async def edit_feed(
        self, feed_id: str, *, title: str | None = None, groups: Sequence[str] | None = None
    ) -> None:
        raise self._refuse()


def _json_object(body: bytes, label: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict) or "api_version" not in data:
        raise SyncProtocolError(f"{label} did not answer as a Fever API: is that its address?")
    return data


def _list(answer: dict[str, Any], key: str, label: str) -> list[dict[str, Any]]:
    value = answer.get(key)
    if not isinstance(value, list):
        raise SyncProtocolError(f"{label} answered without its {key}")
    return [entry for entry in value if isinstance(entry, dict)]


def _int(value: object) -> int | None:
    """A Fever id, whether the server sent a number or a string of digits. Servers keep
    them in signed 64-bit columns: a larger one is none (as the highest id seen, it
    would make every later `since_id` ask for nothing)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value < 2**63:
        return value
    return None


def _ids(value: object) -> list[str]:
    """'4,5,6' (or a list, as some servers send) as decimal strings."""
    if isinstance(value, str):
        parts: list[object] = list(value.split(","))
    elif isinstance(value, list):
        parts = value
    else:
        return []
    return [str(number) for number in (_int(part) for part in parts) if number is not None]


def _items(answer: dict[str, Any], label: str) -> list[RemoteItem]:
    items = []
    for item in _list(answer, "items", label):
        item_id, feed_id = _int(item.get("id")), _int(item.get("feed_id"))
        if item_id is None or feed_id is None:
            continue
        items.append(
            RemoteItem(
                id=str(item_id),
                feed_id=str(feed_id),
                url=str(item.get("url") or ""),
                title=str(item.get("title") or ""),
                author=str(item.get("author") or ""),
                html=str(item.get("html") or ""),
                published=timestamp(item.get("created_on_time")),
                read=bool(_int(item.get("is_read"))),
                starred=bool(_int(item.get("is_saved"))),
            )
        )
    return items
