"""SQLITE_DBCONFIG_DEFENSIVE on a connection: ordinary SQL may no longer write FTS5's
shadow tables, the schema table or the file's pages, as some hosts' SQLite builds enforce.

Python 3.12 has `Connection.setconfig`; on 3.11 the flag is set through SQLite's C API on
the connection's own handle (`sqlite3_db_config`, which the sqlite3 module links to).
"""

from __future__ import annotations

import _sqlite3
import ctypes
import sqlite3

DEFENSIVE = 1010  # SQLITE_DBCONFIG_DEFENSIVE


def defensive(conn: sqlite3.Connection) -> None:
    if hasattr(conn, "setconfig"):
        conn.setconfig(DEFENSIVE, True)
        return
    # The handle is the first field after the object header (CPython's pysqlite_Connection).
    handle = ctypes.c_void_p.from_address(id(conn) + object.__basicsize__)
    db_config = ctypes.CDLL(_sqlite3.__file__).sqlite3_db_config
    db_config.restype = ctypes.c_int
    result = db_config(handle, ctypes.c_int(DEFENSIVE), ctypes.c_int(1), ctypes.c_void_p())
    assert result == sqlite3.SQLITE_OK


def is_defensive(conn: sqlite3.Connection) -> bool:
    """Whether writing a shadow table is refused (checked on a table of its own)."""
    conn.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")
    try:
        conn.execute("DELETE FROM temp.probe_data")
    except sqlite3.DatabaseError as error:
        return "may not be modified" in str(error)
    finally:
        conn.execute("DROP TABLE temp.probe")
    return False
