"""The Google Reader API (FreshRSS's /api/greader.php, Miniflux, Inoreader-compatible servers).

What real servers taught (the recipe's contract): ClientLogin answers a line `Auth=…`
sent back as `Authorization: GoogleLogin auth=…`; writes carry a token `T`; stream ids
come from `subscription/list` and are never built from a URL (FreshRSS and Miniflux
say "feed/1"); item ids are decimal in `stream/items/ids` and
`tag:google.com,2005:reader/item/<16 hex>` in `stream/items/contents`
(`mark-all-as-read` takes `ts` in microseconds, but a mark-all is sent as the items
it marked here: `engine.send_queue`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any

from yarl import URL

from tui_news.core.net.limits import FetchLimits
from tui_news.core.sync.errors import SyncAuthError, SyncProtocolError, SyncTooLargeError
from tui_news.core.sync.http import Form, SyncHttp
from tui_news.core.sync.records import (
    Credentials,
    ItemPage,
    Mark,
    RemoteFeed,
    RemoteItem,
    timestamp,
)

READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
LABEL = "user/-/label/"
LONG_ID = "tag:google.com,2005:reader/item/"
# Ids per stream/items/ids page, ids per contents request, ids per edit-tag request.
IDS_PAGE = 1000
CONTENTS_BATCH = 250
EDIT_BATCH = 250
_MAX_PAGES = 10_000  # a continuation that never ends must not keep a sync running
_API = "/reader/api/0/"
_TAG_FOR = {Mark.READ: READ, Mark.UNREAD: READ, Mark.STAR: STARRED, Mark.UNSTAR: STARRED}


class GReaderClient:
    """A Google Reader API account: ClientLogin once, a write token when first needed."""

    name = "Google Reader"
    manages_subscriptions = True
    mark_batch = EDIT_BATCH  # edit-tag takes many ids: one request does
    mark_parallel = 1

    def __init__(self, url: str, credentials: Credentials, limits: FetchLimits) -> None:
        self._base = url.rstrip("/")
        self._credentials = credentials
        self._http = SyncHttp(url, "Google Reader", limits)
        self._auth: str | None = None
        self._token: str | None = None

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- transport ----------------------------------------------------------------------

    async def login(self, probe: Sequence[str] = ()) -> list[RemoteItem]:
        await self._client_login()
        return await self.items_by_id(probe) if probe else []

    async def _client_login(self) -> None:
        form = [("Email", self._credentials.user), ("Passwd", self._credentials.password)]
        _status, body = await self._http.request(
            URL(self._base + "/accounts/ClientLogin"), form=form
        )
        lines = body.decode("utf-8", "replace").splitlines()
        auth = next((line[5:].strip() for line in lines if line.startswith("Auth=")), "")
        if not auth:
            raise SyncAuthError(f"{self._http.label} refused the login: no Auth in its answer")
        self._auth = auth

    async def _headers(self) -> dict[str, str]:
        if self._auth is None:
            await self._client_login()
        return {"Authorization": f"GoogleLogin auth={self._auth}"}

    async def _get(self, path: str, query: Iterable[tuple[str, str]] = ()) -> Any:
        url = URL(self._base + _API + path).with_query([*query, ("output", "json")])
        return await self._http.json(url, headers=await self._headers())

    async def _post(self, path: str, form: Form, *, as_json: bool = False) -> Any:
        """A write, with the token; a token the server no longer takes is renewed once."""
        url = URL(self._base + _API + path)
        if as_json:
            url = url.with_query([("output", "json")])
        body = b""
        for renewed in (False, True):
            if self._token is None:
                token_url = URL(self._base + _API + "token")
                _status, body = await self._http.request(token_url, headers=await self._headers())
                self._token = body.decode("utf-8", "replace").strip()
            status, body = await self._http.request(
                url,
                form=[*form, ("T", self._token)],
                headers=await self._headers(),
                statuses=(401,),
            )
            if status != 401:
                break
            self._token = None
            if renewed:
                raise SyncAuthError(f"{self._http.label} refused a change: log in again")
        if not as_json:
            return body
        try:
            return json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise SyncProtocolError(f"{self._http.label} did not answer with JSON") from None

    # -- reading ------------------------------------------------------------------------

    async def feeds(self) -> list[RemoteFeed]:
        answer = await self._get("subscription/list")
        subscriptions = answer.get("subscriptions") if isinstance(answer, dict) else None
        if not isinstance(subscriptions, list):
            raise SyncProtocolError(f"{self._http.label} answered without its subscriptions")
        feeds = []
        for sub in subscriptions:
            if not isinstance(sub, dict) or not isinstance(sub.get("id"), str):
                continue
            url = sub.get("url")
            if not isinstance(url, str) or not url:
                # Google's own form: the stream id is "feed/" + the URL.
                url = sub["id"][5:] if sub["id"].startswith("feed/") else ""
            feeds.append(
                RemoteFeed(
                    id=sub["id"],
                    url=url,
                    title=str(sub.get("title") or ""),
                    site_url=str(sub.get("htmlUrl") or ""),
                    groups=tuple(_labels(sub.get("categories"))),
                )
            )
        return feeds

    async def _stream_ids(self, stream: str, *, exclude: str | None = None) -> list[str]:
        """Every item id of a stream, following `continuation` page by page."""
        ids: list[str] = []
        continuation: str | None = None
        for _page in range(_MAX_PAGES):
            query = [("s", stream), ("n", str(IDS_PAGE))]
            query += [("xt", exclude)] if exclude else []
            query += [("c", continuation)] if continuation else []
            answer = await self._get("stream/items/ids", query)
            if not isinstance(answer, dict):
                raise SyncProtocolError(f"{self._http.label} answered without item ids")
            refs = answer.get("itemRefs")
            refs = refs if isinstance(refs, list) else []
            ids += [
                i for i in (item_id(ref.get("id")) for ref in refs if isinstance(ref, dict)) if i
            ]
            following = answer.get("continuation")
            if not following or following == continuation or not refs:
                break
            continuation = str(following)
        return ids

    async def new_items(
        self, cursor: str | None, known: Callable[[Sequence[str]], set[str]]
    ) -> AsyncIterator[ItemPage]:
        """Every item of the reading list that is not `known` here, in batches.

        Google Reader has no cursor every server honours, so the server's list of ids
        is compared with what is stored: cheap, and nothing is missed or fetched twice.
        """
        listed = await self._stream_ids(READING_LIST)
        here = known(listed)
        missing = [i for i in listed if i not in here]
        for start in range(0, len(missing), CONTENTS_BATCH):
            items = await self.items_by_id(missing[start : start + CONTENTS_BATCH])
            if items:
                yield ItemPage(items, None)

    async def items_by_id(self, ids: Sequence[str]) -> list[RemoteItem]:
        found: list[RemoteItem] = []
        for start in range(0, len(ids), CONTENTS_BATCH):
            found += await self._contents(ids[start : start + CONTENTS_BATCH])
        return found

    async def _contents(self, ids: Sequence[str]) -> list[RemoteItem]:
        """The items' contents; halves a batch whose answer is over the size limit, so
        that long articles mean more requests, not a sync that fails every time."""
        form = [("i", long_id(i)) for i in ids]
        try:
            answer = await self._post("stream/items/contents", form, as_json=True)
        except SyncTooLargeError:
            if len(ids) == 1:
                raise
            half = len(ids) // 2
            return [*await self._contents(ids[:half]), *await self._contents(ids[half:])]
        items = answer.get("items") if isinstance(answer, dict) else None
        found = map(_item, items if isinstance(items, list) else [])
        return [item for item in found if item is not None]

    async def unread_ids(self) -> set[str]:
        return set(await self._stream_ids(READING_LIST, exclude=READ))

    async def starred_ids(self) -> set[str]:
        return set(await self._stream_ids(STARRED))

    # -- writing ------------------------------------------------------------------------

    async def mark(self, ids: Sequence[str], mark: Mark) -> set[str]:
        """edit-tag in batches; returns the ids the server lacks (it purged them).

        The server ignores an id it lacks, and then leaves it out of its starred or
        unread list, which the sync takes as the truth: a star or unread mark made here
        on a purged item would be undone by the very sync that sent it. So the items
        starred or made unread are asked for afterwards (rare, and few at a time); a
        read or unstarred mark agrees with the server's silence anyway."""
        verb = "a" if mark in (Mark.READ, Mark.STAR) else "r"
        gone: set[str] = set()
        for start in range(0, len(ids), EDIT_BATCH):
            batch = ids[start : start + EDIT_BATCH]
            form = [("i", long_id(i)) for i in batch]
            await self._post("edit-tag", [*form, (verb, _TAG_FOR[mark])])
            if mark in (Mark.STAR, Mark.UNREAD):
                gone |= set(batch) - {item.id for item in await self._contents(batch)}
        return gone

    async def subscribe(self, url: str, *, title: str = "", groups: Sequence[str] = ()) -> str:
        answer = await self._post("subscription/quickadd", [("quickadd", url)], as_json=True)
        stream = answer.get("streamId") if isinstance(answer, dict) else None
        if not isinstance(stream, str) or not stream or not answer.get("numResults", 1):
            raise SyncProtocolError(f"{self._http.label} could not subscribe to that URL")
        if title or groups:
            form = [("ac", "edit"), ("s", stream)]
            form += [("t", title)] if title else []
            form += [("a", LABEL + group) for group in groups]
            await self._post("subscription/edit", form)
        return stream

    async def unsubscribe(self, feed_id: str) -> None:
        await self._post("subscription/edit", [("ac", "unsubscribe"), ("s", feed_id)])

    async def edit_feed(
        self, feed_id: str, *, title: str | None = None, groups: Sequence[str] | None = None
    ) -> None:
        form = [("ac", "edit"), ("s", feed_id)]
        if title is not None:
            form.append(("t", title))
        if groups is not None:
            current = next((f.groups for f in await self.feeds() if f.id == feed_id), ())
            form += [("a", LABEL + g) for g in groups if g not in current]
            form += [("r", LABEL + g) for g in current if g not in groups]
        await self._post("subscription/edit", form)


def item_id(value: object) -> str | None:
    """An item id as a decimal string, from either spelling (or a JSON number).

    Google's own ids were signed 64-bit numbers: a negative decimal is the same id as
    its unsigned value, which is what the hex form spells.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if text.startswith(LONG_ID):
            try:
                return str(int(text[len(LONG_ID) :], 16))
            except ValueError:
                return None
        body = text[1:] if text.startswith("-") else text
        if not (body.isascii() and body.isdigit()):
            return None
        number = int(text)
    else:
        return None
    if not -(2**63) <= number < 2**64:
        return None
    return str(number % 2**64)


def long_id(decimal: str) -> str:
    """The `tag:google.com,2005:reader/item/<16 hex>` spelling, which every server takes."""
    return f"{LONG_ID}{int(decimal):016x}"


def _labels(categories: object) -> Iterable[str]:
    for category in categories if isinstance(categories, list) else []:
        if not isinstance(category, dict):
            continue
        stream = str(category.get("id") or "")
        if "/label/" in stream:
            yield str(category.get("label") or stream.split("/label/", 1)[1])


def _href(links: object) -> str:
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict) and isinstance(link.get("href"), str):
                return str(link["href"])
    return ""


def _text(block: object) -> str:
    return str(block.get("content") or "") if isinstance(block, dict) else ""


def _item(raw: object) -> RemoteItem | None:
    if not isinstance(raw, dict):
        return None
    decimal = item_id(raw.get("id"))
    origin = raw.get("origin")
    stream = origin.get("streamId") if isinstance(origin, dict) else None
    if decimal is None or not isinstance(stream, str):
        return None
    states = [str(c) for c in raw.get("categories") or [] if isinstance(c, str)]
    return RemoteItem(
        id=decimal,
        feed_id=stream,
        url=_href(raw.get("canonical")) or _href(raw.get("alternate")),
        title=str(raw.get("title") or ""),
        author=str(raw.get("author") or ""),
        html=_text(raw.get("content")) or _text(raw.get("summary")),
        published=timestamp(raw.get("published")),
        read=any(c.endswith("/state/com.google/read") for c in states),
        starred=any(c.endswith("/state/com.google/starred") for c in states),
    )
