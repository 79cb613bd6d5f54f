"""The Google Reader API of the fake server (`fake_greader.FakeGReader`), over HTTP.

ClientLogin and the `Authorization` header, the write token `T`, the reads (subscription
and tag lists, item ids, stream contents) and the writes (edit-tag, mark-all-as-read,
quickadd, subscription/edit), answered as FreshRSS answers them (the quirks are listed
in fake_greader.py). The account's feeds and items are the server's.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from tests.core.sync.fake_greader import FakeGReader

READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
LABEL = "user/-/label/"
LONG = "tag:google.com,2005:reader/item/"


@dataclass
class FakeFeed:
    stream_id: str
    url: str
    title: str
    html_url: str = ""
    labels: list[str] = field(default_factory=list)


@dataclass
class FakeItem:
    id: int  # microseconds since the epoch when "crawled", as FreshRSS numbers them
    stream_id: str
    title: str
    url: str = ""
    html: str = ""
    author: str = ""
    published: int = 0
    read: bool = False
    starred: bool = False


def stream(server: FakeGReader, stream_id: str) -> list[FakeItem]:
    """The stream's items, newest first, as Google Reader lists them."""
    items = sorted(server.items.values(), key=lambda item: -item.id)
    if stream_id == READING_LIST:
        return items
    if stream_id == READ:
        return [i for i in items if i.read]
    if stream_id == STARRED:
        return [i for i in items if i.starred]
    if stream_id.startswith(LABEL):
        label = stream_id[len(LABEL) :]
        feeds = {f.stream_id for f in server.feeds.values() if label in f.labels}
        return [i for i in items if i.stream_id in feeds]
    if stream_id in server.feeds:
        return [i for i in items if i.stream_id == stream_id]
    return []


def excluded(items: list[FakeItem], tag: str | None) -> list[FakeItem]:
    if tag == READ:
        return [i for i in items if not i.read]
    if tag == STARRED:
        return [i for i in items if not i.starred]
    return items


def page(
    server: FakeGReader, items: list[FakeItem], query: dict[str, list[str]]
) -> tuple[list[FakeItem], str]:
    start = int(one(query, "c") or 0)
    count = min(int(one(query, "n") or 20), server.max_page)
    chunk = items[start : start + count]
    following = str(start + count) if start + count < len(items) else ""
    return chunk, following


def item_json(server: FakeGReader, item: FakeItem) -> dict[str, Any]:
    feed = server.feeds.get(item.stream_id)
    categories = [READING_LIST]
    categories += [READ] if item.read else []
    categories += [STARRED] if item.starred else []
    categories += [LABEL + label for label in (feed.labels if feed else [])]
    return {
        "id": f"{LONG}{item.id:016x}",
        "crawlTimeMsec": str(item.id // 1000),
        "timestampUsec": str(item.id),
        "published": item.published,
        "title": item.title,
        "author": item.author,
        "canonical": [{"href": item.url}],
        "alternate": [{"href": item.url, "type": "text/html"}],
        "categories": categories,
        "origin": {
            "streamId": item.stream_id,
            "title": feed.title if feed else "",
            "htmlUrl": feed.html_url if feed else "",
        },
        "summary": {"content": item.html},
    }


def find(server: FakeGReader, raw: str) -> FakeItem | None:
    try:
        number = int(raw[len(LONG) :], 16) if raw.startswith(LONG) else int(raw)
    except ValueError:
        return None
    return server.items.get(number % 2**64)


def one(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


def handler(server: FakeGReader) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet in test output
            pass

        def do_GET(self) -> None:
            self._serve("GET", b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve("POST", self.rfile.read(length))

        def _send(self, status: int, body: str | dict[str, Any], **headers: str) -> None:
            data = (json.dumps(body) if isinstance(body, dict) else body).encode()
            self.send_response(status)
            kind = "application/json" if isinstance(body, dict) else "text/plain"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(data)

        def _serve(self, method: str, body: bytes) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            form = parse_qs(body.decode(), keep_blank_values=True)
            time.sleep(server.slow.get(path.rpartition("/reader/api/0/")[2], 0.0))
            with server.lock:
                server.requests.append((method, path))
                if not path.startswith(server.prefix):
                    self._send(404, "Not Found")
                    return
                route = path[len(server.prefix) :]
                if route == "/accounts/ClientLogin":
                    self._login({**query, **form})
                    return
                if self.headers.get("Authorization") != f"GoogleLogin auth={server.auth}":
                    self._send(401, "Unauthorized!")
                    return
                if not route.startswith("/reader/api/0/"):
                    self._send(404, "Not Found")
                    return
                self._api(method, route[len("/reader/api/0/") :], query, form)

        def _login(self, form: dict[str, list[str]]) -> None:
            if one(form, "Email") == server.user and one(form, "Passwd") == server.password:
                self._send(200, f"SID={server.auth}\nLSID=\nAuth={server.auth}\n")
            else:
                self._send(401, "Error=BadAuthentication\n")

        def _api(
            self, method: str, name: str, query: dict[str, list[str]], form: dict[str, list[str]]
        ) -> None:
            calls = server.calls[name] = server.calls.get(name, 0) + 1
            if name in server.broken and calls > server.broken[name]:
                self._send(503, "Service Unavailable")  # the server falls over mid-sync
                return
            reads = {
                "token": lambda: self._send(200, server.token + "\n"),
                "user-info": lambda: self._send(
                    200, {"userId": "1", "userName": server.user, "userProfileId": "1"}
                ),
                "subscription/list": self._subscriptions,
                "tag/list": self._tags,
                "stream/items/ids": lambda: self._ids(query),
            }
            if name in reads:
                reads[name]()
                return
            if name.startswith("stream/contents/"):
                self._contents(name[len("stream/contents/") :], query)
                return
            writes = {
                "stream/items/contents": self._items,
                "edit-tag": self._edit_tag,
                "mark-all-as-read": self._mark_all,
                "subscription/quickadd": self._quickadd,
                "subscription/edit": self._edit_subscription,
            }
            if name not in writes or method != "POST":
                self._send(404 if name not in writes else 405, "Not Found")
                return
            if one(form, "T") != server.token:
                self._send(401, "Unauthorized!", X_Reader_Google_Bad_Token="true")
                return
            writes[name]({**query, **form})

        def _subscriptions(self) -> None:
            subs = [
                {
                    "id": feed.stream_id,
                    "title": feed.title,
                    "categories": [{"id": LABEL + lb, "label": lb} for lb in feed.labels],
                    "url": feed.url,
                    "htmlUrl": feed.html_url,
                    "iconUrl": "",
                }
                for feed in server.feeds.values()
            ]
            self._send(200, {"subscriptions": subs})

        def _tags(self) -> None:
            labels = sorted({lb for feed in server.feeds.values() for lb in feed.labels})
            tags = [{"id": STARRED}] + [{"id": LABEL + lb, "type": "folder"} for lb in labels]
            self._send(200, {"tags": tags})

        def _ids(self, query: dict[str, list[str]]) -> None:
            items = excluded(stream(server, one(query, "s") or ""), one(query, "xt"))
            chunk, following = page(server, items, query)
            refs: list[dict[str, Any]] = [
                {
                    "id": i.id if server.numeric_ids else str(i.id),
                    "directStreamIds": [],
                    "timestampUsec": str(i.id),
                }
                for i in chunk
            ]
            answer: dict[str, Any] = {"itemRefs": refs}
            if following:
                answer["continuation"] = following
            self._send(200, answer)

        def _contents(self, stream_id: str, query: dict[str, list[str]]) -> None:
            items = excluded(stream(server, stream_id), one(query, "xt"))
            chunk, following = page(server, items, query)
            answer: dict[str, Any] = {
                "id": stream_id,
                "items": [item_json(server, i) for i in chunk],
            }
            if following:
                answer["continuation"] = following
            self._send(200, answer)

        def _items(self, form: dict[str, list[str]]) -> None:
            found = [find(server, raw) for raw in form.get("i", [])]
            self._send(200, {"items": [item_json(server, i) for i in found if i]})

        def _edit_tag(self, form: dict[str, list[str]]) -> None:
            for raw in form.get("i", []):
                item = find(server, raw)
                if item is None:
                    continue  # FreshRSS ignores an id it does not have
                for verb, value in (("a", True), ("r", False)):
                    tags = form.get(verb, [])
                    if READ in tags:
                        item.read = value
                    if STARRED in tags:
                        item.starred = value
            self._send(200, "OK")

        def _mark_all(self, form: dict[str, list[str]]) -> None:
            raw = one(form, "ts")
            # Microseconds, compared with the microsecond ids; none: the last whole second.
            cutoff = int(raw) if raw else int(time.time()) * 1_000_000
            for item in stream(server, one(form, "s") or ""):
                if item.id <= cutoff:
                    item.read = True
            self._send(200, "OK")

        def _quickadd(self, form: dict[str, list[str]]) -> None:
            url = one(form, "quickadd") or ""
            url = url[5:] if url.startswith("feed/") else url
            server.lock.release()  # the fetch must not hold up other requests
            try:
                stream_id = server.fetch(url)
            finally:
                server.lock.acquire()
            if stream_id is None:
                self._send(200, {"numResults": 0, "error": "cannot fetch that feed"})
                return
            title = server.feeds[stream_id].title
            self._send(
                200, {"numResults": 1, "query": url, "streamId": stream_id, "streamName": title}
            )

        def _edit_subscription(self, form: dict[str, list[str]]) -> None:
            action, stream_id = one(form, "ac"), one(form, "s") or ""
            if action == "subscribe" and stream_id.startswith("feed/"):
                stream_id = server.fetch(stream_id[5:]) or ""
            feed = server.feeds.get(stream_id)
            if feed is None:
                self._send(400, "Bad Request")
                return
            if action == "unsubscribe":
                del server.feeds[stream_id]
                for item_id in [i.id for i in server.items.values() if i.stream_id == stream_id]:
                    del server.items[item_id]
            else:
                if one(form, "t"):
                    feed.title = one(form, "t") or feed.title
                for tag in form.get("a", []):
                    if tag.startswith(LABEL) and tag[len(LABEL) :] not in feed.labels:
                        feed.labels.append(tag[len(LABEL) :])
                for tag in form.get("r", []):
                    if tag.startswith(LABEL) and tag[len(LABEL) :] in feed.labels:
                        feed.labels.remove(tag[len(LABEL) :])
            self._send(200, "OK")

    return Handler
