"""The search index (SQLite FTS5): a story's words put in and taken out, and the index
with three-letter prefixes that schema 11 builds beside the one it replaces.

A search word of three letters or more matches as a prefix ("ele" finds "election"). An
index without prefixes merges the lists of every word that begins so, at each search and,
worse, at each story a head looks up one by one (0.3 ms each). Schema 11's index keeps the
three-letter prefixes' own lists (`prefix = '3'`). Building it means reading every
story's words again: 6-7 s of CPU at 200,000 stories, too long for a migration that every
command waits for. So the migration creates it empty (`NEXT`), copies the first stories
(a cache of up to `AT_MIGRATION` stories is done there), and the rest is copied in
batches (`fill`: the app in the background, `newsterm vacuum` at once) while the old index
serves every search. Meanwhile each write to the index also goes to the new one for the
stories it already holds; the last batch puts it in the old one's place.

The old index is dropped by the next batch, in one statement (`_drop`). Dropping it held
the write lock 2-4 s at 200,000 stories where SQLite is built to overwrite freed pages
with zeros (Debian's is: `secure_delete`), 240 MB written for an index whose every word
the new one holds; without that overwrite the drop takes 0.1 s of CPU. (Deleting its rows
batch by batch from FTS5's shadow tables, as schema 11 did, fails where SQLite refuses
writes to them: SQLITE_DBCONFIG_DEFENSIVE.)

Schema 15's index holds a story's words as `search_words.indexed` reads them (scripts
written without spaces as pairs of letters, Arabic without its vowel marks…), not as the
story has them: each write puts them so in an index that reads them so (`reads_scripts`),
and the filling reads the old index's words into the new one's.
"""

from __future__ import annotations

import sqlite3

from tui_news.core.storage.search_words import indexed

SEARCH = "story_search"
NEXT = "story_search_next"
RETIRED = "story_search_old"  # the index replaced, dropped by the next batch
FILLED = "search_index_filled"  # meta: the story id up to which NEXT holds every story
PREFIX = 3  # the prefix length the index keeps lists for
AT_MIGRATION = 10_000  # stories copied during the migration (~0.3 s)
BATCH = 500  # stories a batch copies behind the app's back (~20 ms, the write lock held)
WHOLE = 50_000  # a batch of `newsterm vacuum`, which holds the lock anyway

# remove_diacritics 2 (schema 13): a letter with two marks loses both, as one with a
# single mark always did: Vietnamese "Việt" is found as "viet", as "Élection" was as
# "election" (with 1, the default, "ệ" kept its marks).
DIACRITICS = "unicode61 remove_diacritics 2"
# Schema 15: the marks of every script are part of their word ("M*"): the default
# parted Devanagari, Bengali, Thai… words at their vowel signs ("हिन्दी" was ह, न, द).
# Marks of no script in particular that the tokenizer does not drop part words as they
# did (`search_words._GENERIC_MARKS`; the same words as before in Latin, Greek, Cyrillic).
_APART_RANGES = [(0x305, 0x305), (0x30D, 0x30E), (0x310, 0x310), (0x312, 0x31A)]
_APART_RANGES += [(0x31C, 0x322), (0x329, 0x32C), (0x32F, 0x32F), (0x332, 0x36F)]
_APART_RANGES += [(0x483, 0x489), (0x1DC0, 0x1DE6), (0x1DFC, 0x1DFF), (0x20D0, 0x20F0)]
_APART_RANGES += [(0xFE20, 0xFE26)]
_KEPT_APART = "".join(chr(c) for low, high in _APART_RANGES for c in range(low, high + 1))
SCRIPTS = "categories 'L* N* Co M*'"
TOKENIZE = f"{DIACRITICS} {SCRIPTS} separators '{_KEPT_APART}'"
CREATE_NEXT = (
    f'CREATE VIRTUAL TABLE {NEXT} USING fts5(title, body, tokenize = "{TOKENIZE}", '
    f"prefix = '{PREFIX}')"
)


def index(
    conn: sqlite3.Connection,
    story_id: int,
    title: str,
    body: str,
    *,
    replace: bool = False,
    keep_body: bool = False,
) -> None:
    """Put a story's words in the search index (FTS5 rows are replaced, not updated);
    with `keep_body`, the body each index holds stays (an article's text)."""
    filled = _filled(conn)
    if filled is None:
        tables = [(SEARCH, True)]
    else:  # filling: the index searched is the old one
        tables = [(SEARCH, reads_scripts(conn, SEARCH))]
        if story_id <= filled:
            tables.append((NEXT, True))
    for table, scripts in tables:
        words = (indexed(title), indexed(body)) if scripts else (title, body)
        if keep_body:
            held = conn.execute(f"SELECT body FROM {table} WHERE rowid = ?", (story_id,))
            row = held.fetchone()
            words = words if row is None else (words[0], row[0])
        if replace:
            conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (story_id,))
        conn.execute(
            f"INSERT INTO {table} (rowid, title, body) VALUES (?, ?, ?)", (story_id, *words)
        )


def unindex(conn: sqlite3.Connection, story_ids: str, params: object = ()) -> None:
    """Take out of the index the stories that `story_ids` (a SELECT of their ids) names."""
    tables = [SEARCH] if _filled(conn) is None else [SEARCH, NEXT]
    for table in tables:
        conn.execute(f"DELETE FROM {table} WHERE rowid IN ({story_ids})", params)  # type: ignore[arg-type]


def holds_other_body(conn: sqlite3.Connection, story_id: int, body: str) -> bool:
    """Whether the index searched holds another body than `body` for the story (the
    article's text, `StoryStorage.index_article_text`)."""
    row = conn.execute(f"SELECT body FROM {SEARCH} WHERE rowid = ?", (story_id,)).fetchone()
    if row is None:
        return False
    scripts = _filled(conn) is None or reads_scripts(conn, SEARCH)
    return str(row[0]) != (indexed(body) if scripts else body)


def begin_prefixes(conn: sqlite3.Connection) -> None:
    """Schema 11: the new index created empty, then filled as far as `AT_MIGRATION`
    stories (inside the migration's transaction)."""
    conn.execute(CREATE_NEXT)
    conn.execute("INSERT INTO meta (key, value) VALUES (?, '0')", (FILLED,))
    fill(conn, AT_MIGRATION)
    if _filled(conn) is None:  # all copied: the old index is small enough to drop now
        _drop(conn, RETIRED)


def begin_diacritics(conn: sqlite3.Connection) -> None:
    """Schema 13: the index rebuilt as schema 11's was, words read with `DIACRITICS`."""
    _rebuild(conn, DIACRITICS)


def begin_scripts(conn: sqlite3.Connection) -> None:
    """Schema 15: the index rebuilt as schema 11's was, holding `search_words.indexed`'s
    words, read with `SCRIPTS`."""
    _rebuild(conn, SCRIPTS)


def _rebuild(conn: sqlite3.Connection, reading: str) -> None:
    """Build the index again unless the index being filled already reads `reading` (a
    later step's, run in the same migration, does), or the one searched does (a new
    cache). A fill under way without it starts over; an old index not yet dropped goes
    at once (rare: the app's next batch drops it)."""
    for table in (NEXT, SEARCH):
        if _exists(conn, table) and reading in _sql(conn, table):
            return
    if _filled(conn) is not None:
        _drop(conn, NEXT)
        conn.execute("DELETE FROM meta WHERE key = ?", (FILLED,))
    if _exists(conn, RETIRED):
        _drop(conn, RETIRED)
    begin_prefixes(conn)


def fill(conn: sqlite3.Connection, stories: int) -> bool:
    """Copy the next `stories` stories into the new index, inside a transaction; once it
    is whole it takes the old one's place, which the next call drops. True when all is
    done (at once when it was)."""
    filled = _filled(conn)
    if filled is None:
        if _exists(conn, RETIRED):
            _drop(conn, RETIRED)
        return True
    last, copied = conn.execute(
        f"SELECT max(rowid), count(*) FROM (SELECT rowid FROM {SEARCH} WHERE rowid > ? "
        "ORDER BY rowid LIMIT ?)",
        (filled, stories),
    ).fetchone()
    if copied and reads_scripts(conn, SEARCH):
        conn.execute(
            f"INSERT INTO {NEXT} (rowid, title, body) "
            f"SELECT rowid, title, body FROM {SEARCH} WHERE rowid > ? AND rowid <= ?",
            (filled, last),
        )
    elif copied:
        rows = conn.execute(
            f"SELECT rowid, title, body FROM {SEARCH} WHERE rowid > ? AND rowid <= ?",
            (filled, last),
        )
        conn.executemany(
            f"INSERT INTO {NEXT} (rowid, title, body) VALUES (?, ?, ?)",
            [(rowid, indexed(title), indexed(body)) for rowid, title, body in rows],
        )
    if copied:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (str(last), FILLED))
    if copied == stories:
        return False  # there may be more
    conn.execute(f"ALTER TABLE {SEARCH} RENAME TO {RETIRED}")
    conn.execute(f"ALTER TABLE {NEXT} RENAME TO {SEARCH}")
    conn.execute("DELETE FROM meta WHERE key = ?", (FILLED,))
    return False


def _drop(conn: sqlite3.Connection, table: str) -> None:
    """Drop an index no search reads, its freed pages left as they are (see above)."""
    (secure,) = conn.execute("PRAGMA secure_delete").fetchone()
    conn.execute("PRAGMA secure_delete = FAST")
    try:
        conn.execute(f"DROP TABLE {table}")
    finally:
        conn.execute(f"PRAGMA secure_delete = {'FAST' if secure == 2 else int(secure)}")


def filling(conn: sqlite3.Connection) -> bool:
    """Whether the new index is still being filled, or the old one not yet dropped."""
    return _filled(conn) is not None or _exists(conn, RETIRED)


def has_prefixes(conn: sqlite3.Connection) -> bool:
    """Whether the index searched keeps three-letter prefixes' lists (schema 11, filled)."""
    return "prefix" in _sql(conn, SEARCH)


def reads_scripts(conn: sqlite3.Connection, table: str = SEARCH) -> bool:
    """Whether `table` holds words as `search_words.indexed` reads them (schema 15)."""
    return SCRIPTS in _sql(conn, table)


def _sql(conn: sqlite3.Connection, table: str) -> str:
    row = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return "" if row is None else str(row[0])


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,))
    return found.fetchone() is not None


def _filled(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (FILLED,)).fetchone()
    return None if row is None else int(row[0])
