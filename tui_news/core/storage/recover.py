"""Save what can still be read from a damaged cache into a new one, as `sqlite3 .recover`
would, and keep the damaged file beside it.

Random bytes over a few pages make SQLite refuse every query that touches them
("database disk image is malformed"). The rest of each table is still readable: rows are
read in rowid order, and a range that fails is stepped over, so that one bad page costs
the rows on it, not the table. The copy goes into a fresh file with the current schema;
rows whose feed or story was lost with a bad page are dropped, the search index is
rebuilt, and only when the copy is whole does it take the damaged file's place (which is
renamed, never deleted).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from tui_news.core.errors import CacheError, error_text
from tui_news.core.storage import db, search_index
from tui_news.core.storage.search_words import indexed
from tui_news.core.storage.stories import plain_text

# Rows read per query while the pages answer; one at a time near a bad page.
_BATCH = 500
# Tables filled from others, not copied: the search index (and its shadow tables).
_DERIVED = "story_search"
_LARGEST_ROWID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Recovery:
    """What `recover` saved: rows per table (`found` is what the damaged file still
    counted, when it could), and where the damaged file now is."""

    saved: dict[str, int]
    found: dict[str, int | None]
    damaged: Path


def is_damaged(path: Path) -> bool:
    """Whether SQLite's quick check finds the file damaged (or not a database at all).

    Newsterm up to schema 13 emptied the search index it replaced from its shadow tables,
    batch by batch, and no search read it meanwhile; SQLite 3.44 and later check an FTS5
    index's inverted lists in `quick_check` and call one left so malformed until it is
    dropped (the next batch or the migration drops it), which is not damage."""
    retiring = f"malformed inverted index for FTS5 table main.{search_index.RETIRED}"
    try:
        with closing(sqlite3.connect(str(path), timeout=30.0)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError:
        return True
    return [problem for problem in problems if problem != retiring] not in ([], ["ok"])


def recover(path: Path) -> Recovery:
    """Copy every readable row of `path` into a new cache that then replaces it.

    The damaged file is kept as `<name>.damaged-<time>`. Raises CacheError when
    nothing at all can be read (its first page, which names the tables, is gone).
    """
    target = path.with_name(path.name + ".recovering")
    _remove(target)
    try:
        saved, found = _copy(path, target)
    except sqlite3.Error as error:
        _remove(target)
        raise CacheError(f"nothing could be read from {path}: {error_text(error)}") from error
    except BaseException:
        _remove(target)
        raise
    damaged = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(f"{path}{suffix}").rename(f"{damaged}{suffix}")
    target.rename(path)
    return Recovery(saved, found, damaged)


def _copy(source: Path, target: Path) -> tuple[dict[str, int], dict[str, int | None]]:
    saved: dict[str, int] = {}
    found: dict[str, int | None] = {}
    with closing(sqlite3.connect(str(source), timeout=30.0)) as old:
        old_columns = {name: _columns(old, name) for name in _tables(old)}
        new = db.connect(target)
        try:
            new.execute("PRAGMA foreign_keys = OFF")  # parents may come after children
            with db.transaction(new):
                for table in _tables(new):
                    if table.startswith(_DERIVED) or table not in old_columns:
                        continue
                    columns = [c for c in _columns(new, table) if c in old_columns[table]]
                    saved[table] = _copy_table(old, new, table, columns)
                    found[table] = _count(old, table)
                _drop_orphans(new, saved)
                _rebuild_search(old, new)
            new.execute("PRAGMA foreign_keys = ON")
            problems = [row[0] for row in new.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError(f"the copy is not whole: {problems[0]}")
        finally:
            new.close()  # the last connection: the WAL is folded into the file
    return saved, found


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid"
    )
    return [row[0] for row in rows]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _copy_table(
    old: sqlite3.Connection, new: sqlite3.Connection, table: str, columns: list[str]
) -> int:
    names = ", ".join(f'"{column}"' for column in columns)
    with_rowid = _has_rowid(old, table)
    rows = _rows_by_rowid(old, table, names) if with_rowid else _rows_in_order(old, table, names)
    insert = (
        f'INSERT OR IGNORE INTO "{table}" (rowid, {names}) VALUES (?{", ?" * len(columns)})'
        if with_rowid
        else f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    )
    copied = 0
    for row in rows:
        try:
            copied += new.execute(insert, row).rowcount
        except sqlite3.Error:
            continue  # a value the damage garbled past what the schema allows
    return copied


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    try:
        conn.execute(f'SELECT rowid FROM "{table}" LIMIT 0')
    except sqlite3.OperationalError:
        return False  # WITHOUT ROWID
    return True


def _rows_by_rowid(conn: sqlite3.Connection, table: str, names: str) -> Iterator[tuple]:
    """Every row that can be read, in rowid order, stepping over ranges that cannot."""
    query = f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'
    after, batch, careful = -_LARGEST_ROWID - 1, _BATCH, 0
    while True:
        try:
            rows = conn.execute(query, (after, batch)).fetchall()
        except sqlite3.DatabaseError:
            if batch > 1:
                batch, careful = 1, 0  # close in on the bad page one row at a time
                continue
            skipped = _next_readable(conn, query, after)
            if skipped is None:
                return
            after, batch = skipped, _BATCH
            continue
        if not rows:
            return
        yield from (tuple(row) for row in rows)
        after = rows[-1][0]
        careful += batch == 1
        if careful >= _BATCH:  # a batch's worth read one by one: past the damage
            batch, careful = _BATCH, 0


def _next_readable(conn: sqlite3.Connection, query: str, after: int) -> int | None:
    """The smallest start past `after` from which reading works again, found by
    doubling the step and then halving back; None when nothing after it reads."""
    step = 1
    while True:
        start = min(after + step, _LARGEST_ROWID)
        if _reads(conn, query, start):
            break
        if start == _LARGEST_ROWID:
            return None
        step *= 2
    low, high = after, start  # reading from `high` works; from `low` it does not
    while high - low > 1:
        middle = (low + high) // 2
        if _reads(conn, query, middle):
            high = middle
        else:
            low = middle
    return high


def _reads(conn: sqlite3.Connection, query: str, after: int) -> bool:
    try:
        conn.execute(query, (after, 1)).fetchall()
    except sqlite3.DatabaseError:
        return False
    return True


def _rows_in_order(conn: sqlite3.Connection, table: str, names: str) -> Iterator[tuple]:
    """A table without rowids (small ones: tags, meta): read until the damage stops it
    (which may be at once, its first page gone: then the other tables are still read)."""
    try:
        cursor = conn.execute(f'SELECT {names} FROM "{table}"')
    except sqlite3.DatabaseError:
        return
    while True:
        try:
            rows = cursor.fetchmany(_BATCH)
        except sqlite3.DatabaseError:
            return
        if not rows:
            return
        yield from (tuple(row) for row in rows)


def _drop_orphans(conn: sqlite3.Connection, saved: dict[str, int]) -> None:
    """Rows whose feed or story was on a lost page: the foreign keys say which."""
    for table in saved:
        for key in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            parent, column, parent_column = key[2], key[3], key[4] or "rowid"
            saved[table] -= conn.execute(
                f'DELETE FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" NOT IN '
                f'(SELECT "{parent_column}" FROM "{parent}")'
            ).rowcount


def _rebuild_search(old: sqlite3.Connection, new: sqlite3.Connection) -> None:
    """The search index of every saved story: its old entry where that still reads
    (it may hold the article's text), else the story's own."""
    # The new cache's index is whole: the damaged one's filling (schema 11) is not carried.
    new.execute("DELETE FROM meta WHERE key = ?", (search_index.FILLED,))
    held: dict[int, tuple[str, str]] = {}
    if "story_search_content" in _tables(old):
        # Words an index of schema 15 holds as the new one does; an older one's as the
        # stories have them.
        scripts = search_index.reads_scripts(old)
        for row in _rows_by_rowid(old, "story_search_content", '"c0", "c1"'):
            title, body = row[1] or "", row[2] or ""
            held[row[0]] = (title, body) if scripts else (indexed(title), indexed(body))
    stories = new.execute("SELECT id, title, summary, content FROM stories").fetchall()
    for story_id, title, summary, content in stories:
        words = held.get(story_id) or (indexed(title), indexed(plain_text(content or summary)))
        new.execute(
            "INSERT INTO story_search (rowid, title, body) VALUES (?, ?, ?)", (story_id, *words)
        )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
