"""Reading newsboat's cache (cache.db), read-only, for `newsterm import --newsboat`.

Learnt from caches the real newsboat (Debian's 2.21) wrote: `rss_feed` holds one row
per feed (`rssurl` is the feed's URL, `url` its site), `rss_item` one per item
(`feedurl` names its feed, `unread` is 1 or 0, `flags` the letters the user set,
`deleted` 1 for what the user deleted), `metadata` the schema version (2.11). While
newsboat runs it holds an fcntl lock on `cache.db.lock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui_news.core.errors import NewstermError

# The schema versions read here. newsboat has kept major version 2 since the
# metadata table appeared; a new major version may mean the columns changed meaning.
KNOWN_MAJOR_VERSION = 2
_FEED_COLUMNS = ("rssurl", "url", "title")
_ITEM_COLUMNS = (
    "guid",
    "title",
    "author",
    "url",
    "feedurl",
    "pubDate",
    "content",
    "unread",
    "flags",
    "deleted",
)


class NewsboatCacheError(NewstermError):
    """The cache cannot be read; `str()` is one line that says why."""


@dataclass(frozen=True, slots=True)
class NewsboatFeed:
    url: str  # the feed's own URL (rssurl)
    title: str
    site_url: str


@dataclass(frozen=True, slots=True)
class NewsboatItem:
    guid: str
    title: str
    author: str
    url: str
    feed_url: str
    published: float | None
    content: str
    unread: bool
    flags: str


@dataclass(slots=True)
class NewsboatCache:
    version: str  # "2.11", or "" when the cache records none
    feeds: list[NewsboatFeed] = field(default_factory=list)
    items: list[NewsboatItem] = field(default_factory=list)
    deleted: int = 0  # items the user deleted in newsboat, left out


def read_newsboat_cache(path: Path) -> NewsboatCache:
    """Every feed and every item not deleted; raises NewsboatCacheError."""
    if not path.is_file():
        raise NewsboatCacheError(f"no newsboat cache at {path}")
    _refuse_while_running(path)
    try:
        with _open_read_only(path) as conn:
            version = _check_schema(conn, path)
            cache = NewsboatCache(version)
            cache.feeds = [
                NewsboatFeed(str(row[0]), str(row[2] or ""), str(row[1] or ""))
                for row in conn.execute("SELECT rssurl, url, title FROM rss_feed ORDER BY rowid")
            ]
            cache.items = [
                _item(row)
                for row in conn.execute(
                    f"SELECT {', '.join(_ITEM_COLUMNS)} FROM rss_item WHERE deleted = 0 ORDER BY id"
                )
            ]
            cache.deleted = int(
                conn.execute("SELECT count(*) FROM rss_item WHERE deleted != 0").fetchone()[0]
            )
            return cache
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise NewsboatCacheError(
                f"the newsboat cache {path} is locked by another program (is newsboat running?)"
            ) from None
        raise NewsboatCacheError(f"cannot read the newsboat cache {path}: {error}") from None
    except sqlite3.DatabaseError as error:
        raise NewsboatCacheError(f"{path} is not a newsboat cache ({error})") from None


def _refuse_while_running(path: Path) -> None:
    """newsboat holds a lock on cache.db.lock while it runs, and may be writing."""
    lock = path.with_name(path.name + ".lock")
    try:
        descriptor = os.open(lock, os.O_RDONLY)
    except OSError:  # no lock file (newsboat is not running), or not ours to read
        return
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        pid = _read_pid(lock)
        raise NewsboatCacheError(
            f"newsboat is running{pid} and holds {lock}; quit it, then import again"
        ) from None
    finally:
        os.close(descriptor)  # closing also lets go of the lock, if it was taken


def _read_pid(lock: Path) -> str:
    with contextlib.suppress(OSError, ValueError):
        return f" (process {int(lock.read_text(encoding='ascii').strip())})"
    return ""


@contextlib.contextmanager
def _open_read_only(path: Path) -> Iterator[sqlite3.Connection]:
    # mode=ro: never a write, not even a journal recovery, to newsboat's file.
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=2.0)
    # A title newsboat stored in another encoding should cost a replacement
    # character, not the import.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        yield conn
    finally:
        conn.close()


def _check_schema(conn: sqlite3.Connection, path: Path) -> str:
    tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master")}
    if not {"rss_feed", "rss_item"} <= tables:
        raise NewsboatCacheError(f"{path} is not a newsboat cache (no rss_feed and rss_item)")
    version = ""
    if "metadata" in tables:
        row = conn.execute(
            "SELECT db_schema_version_major, db_schema_version_minor FROM metadata"
        ).fetchone()
        if row is not None:
            version = f"{row[0]}.{row[1]}"
            if row[0] != KNOWN_MAJOR_VERSION:
                raise NewsboatCacheError(
                    f"the newsboat cache {path} has schema version {version}, which newsterm "
                    f"does not know (it reads version {KNOWN_MAJOR_VERSION}.x)"
                )
    for table, wanted in (("rss_feed", _FEED_COLUMNS), ("rss_item", _ITEM_COLUMNS)):
        columns = {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = [name for name in wanted if name not in columns]
        if missing:
            raise NewsboatCacheError(
                f"the newsboat cache {path} (schema {version or 'unknown'}) has no "
                f"{table}.{missing[0]}: a version newsterm does not know"
            )
    return version


def _item(row: tuple[object, ...]) -> NewsboatItem:
    guid, title, author, url, feed_url, published, content, unread, flags, _ = row
    return NewsboatItem(
        guid=str(guid or ""),
        title=str(title or ""),
        author=str(author or ""),
        url=str(url or ""),
        feed_url=str(feed_url or ""),
        published=float(published) if isinstance(published, int | float) and published else None,
        content=str(content or ""),
        unread=bool(unread),
        flags=str(flags or ""),
    )
