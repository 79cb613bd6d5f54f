"""Updates and what they owe: the stories each refresh or sync stored, until its full
text is done.

An update (a refresh or a sync, then the full text of what it brought) is a row from
its beginning (`begin_update`), and every story it stores is tagged with it in the
transaction that stores the story (`owe`). The row goes (`end_update`) once its full
text is done; an update cut short before that (stopped, Ctrl-C, a crash, a failure, or
no full text asked for) leaves it, with the stories that still want their full text.
The next update to finish its refresh or sync takes those over (`take_over`), so its
full text is theirs too, and its summary says where they came from: an update told to
fetch no full text says so (`leave_full_text`), and the rest were cut short.

Only what updates stored is owed: a story an `add` or an import stored never is, and
one that an update still at work stored (in another process, or this one) stays its
own. At work: the process that began it is alive and has not let go of it (`let_go`,
in a `finally`); one begun more than a day ago is not waited for. A crashed update's
process id is soon another process's (in a container every run may be process 1): an
update named by this process's id is at work only if this process began it, and one
whose process started after it began (where the system tells: Linux) is not.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from tui_news.core.errors import CacheError
from tui_news.core.storage.base import StorageBase

# No update runs this long; a process id this old may be another program's.
STALE_AFTER = 86_400.0
_CHUNK = 500
# Seconds a process's start time, as the system reckons it, may differ from the clock's.
_CLOCK_SLACK = 5.0
# The updates this process began and works on still, by cache and id.
_OURS: set[tuple[str, int]] = set()


def owe(conn: sqlite3.Connection, update: int | None, story_ids: Iterable[int]) -> None:
    """Tag stories just stored with the update that stored them (in its transaction).
    An update forgotten meanwhile (another took over its stories) owes nothing more."""
    if update is None:
        return
    conn.executemany(
        "INSERT OR REPLACE INTO update_stories (story_id, update_id) "
        "SELECT ?, id FROM updates WHERE id = ?",
        ((story_id, update) for story_id in story_ids),
    )


@dataclass(frozen=True, slots=True)
class TakenOver:
    """The stories taken over from earlier updates, by id; `left`: those of updates told
    to fetch no full text (the others' were cut short)."""

    story_ids: list[int] = field(default_factory=list)
    left: list[int] = field(default_factory=list)


class UpdateStorage(StorageBase):
    """Updates at work or cut short, and the stories each owes its full text."""

    def begin_update(self, kind: str) -> int:
        """A refresh or sync (`kind`) begins in this process: its id, for `owe`."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO updates (kind, pid, began) VALUES (?, ?, ?)",
                (kind, os.getpid(), time.time()),
            )
            update = int(cursor.lastrowid or 0)
        _OURS.add(self._ours_key(update))
        return update

    def _ours_key(self, update: int) -> tuple[str, int]:
        return (os.path.abspath(self.path), update)

    def _ours(self) -> set[int]:
        """The updates of this cache this process works on."""
        cache = os.path.abspath(self.path)
        # A copy (one step in C): the app's other threads begin and let go of updates.
        return {update for path, update in _OURS.copy() if path == cache}

    def update_shown(self, update: int) -> None:
        """The update's summary is shown now: its stories (those it took over included)
        were counted as new there, and are not new to any update after it."""
        with self.transaction() as conn:
            conn.execute("UPDATE updates SET shown = 1 WHERE id = ?", (update,))

    def end_update(self, update: int) -> None:
        """Its full text is done: it owes nothing, and is forgotten."""
        _OURS.discard(self._ours_key(update))
        with self.transaction() as conn:
            conn.execute("DELETE FROM updates WHERE id = ?", (update,))

    def leave_full_text(self, update: int) -> None:
        """The update fetches no full text, as told: its stories stay owed, and the
        update that takes them over says they were left, not cut short."""
        with self.transaction() as conn:
            conn.execute("UPDATE updates SET no_full_text = 1 WHERE id = ?", (update,))

    def let_go(self, update: int) -> None:
        """This process works on the update no more; if it did not end, the next update
        takes over its stories. Called in a `finally`: a cache that fails now is left
        as it is (the process's end lets go of it all the same)."""
        _OURS.discard(self._ours_key(update))
        with suppress(CacheError), self.transaction() as conn:
            conn.execute("UPDATE updates SET pid = NULL WHERE id = ?", (update,))
            # One let go of that owes nothing (nothing new, or its stories since pruned)
            # is nobody's business: `refresh --no-full-text` from cron left a row a run.
            conn.execute(
                "DELETE FROM updates WHERE pid IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM update_stories o WHERE o.update_id = updates.id)"
            )

    def update_story_ids(self, update: int) -> list[int]:
        """The stories the update owes (stored, or taken over), by id."""
        rows = self._query(
            "SELECT story_id FROM update_stories WHERE update_id = ? ORDER BY story_id",
            (update,),
        )
        return [int(row[0]) for row in rows]

    def take_over(self, update: int, *, shown: bool | None = None) -> list[int]:
        """The stories of every other update no longer at work, now `update`'s; those
        updates are forgotten. `shown` True or False: only the updates whose summary
        was, or was never, shown (a sync counts the stories of one cut short before
        its summary as new)."""
        return self.take_over_owed(update, shown=shown).story_ids

    def take_over_owed(self, update: int, *, shown: bool | None = None) -> TakenOver:
        """As `take_over`, saying which stories updates told to fetch no full text left."""
        taken: list[int] = []
        left: list[int] = []
        with self.transaction() as conn:
            gone = _gone(conn, update, shown, self._ours())
            for start in range(0, len(gone), _CHUNK):
                chunk = gone[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                owed = conn.execute(
                    "SELECT o.story_id, u.no_full_text FROM update_stories o JOIN updates u "
                    f"ON u.id = o.update_id WHERE o.update_id IN ({marks})",
                    chunk,
                )
                for story_id, no_full_text in owed:
                    taken.append(int(story_id))
                    if no_full_text:
                        left.append(int(story_id))
                conn.execute(
                    f"UPDATE update_stories SET update_id = ? WHERE update_id IN ({marks})",
                    (update, *chunk),
                )
                conn.execute(f"DELETE FROM updates WHERE id IN ({marks})", chunk)
        return TakenOver(sorted(taken), sorted(left))

    def owed_by_feed(self, update: int) -> dict[int, list[int]]:
        """The stories `update` owes and those of every update no longer at work (what
        the next update takes over), by feed id."""
        by_feed: dict[int, list[int]] = {}
        with self.transaction() as conn:
            owing = [update, *_gone(conn, update, None, self._ours())]
            for start in range(0, len(owing), _CHUNK):
                chunk = owing[start : start + _CHUNK]
                rows = conn.execute(
                    "SELECT s.feed_id, s.id FROM update_stories o JOIN stories s "
                    f"ON s.id = o.story_id WHERE o.update_id IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY s.id",
                    chunk,
                )
                for feed_id, story_id in rows:
                    by_feed.setdefault(int(feed_id), []).append(int(story_id))
        return by_feed


def _gone(conn: sqlite3.Connection, update: int, shown: bool | None, ours: set[int]) -> list[int]:
    """The updates other than `update` that no process is at work on (`shown` as for
    `take_over`; `ours`: those this process works on)."""
    now = time.time()
    rows = conn.execute(
        "SELECT id, pid, began, shown FROM updates WHERE id != ?", (update,)
    ).fetchall()
    return [
        int(row["id"])
        for row in rows
        if not _at_work(int(row["id"]), row["pid"], float(row["began"]), now, ours)
        and (shown is None or bool(row["shown"]) == shown)
    ]


def _at_work(update: int, pid: int | None, began: float, now: float, ours: set[int]) -> bool:
    """Whether the process that began an update still works on it."""
    if pid is None or now - began > STALE_AFTER:
        return False
    if pid == os.getpid():
        return update in ours  # the app runs one update while another ends
    started = _started(pid)
    if started is not None and started > began + _CLOCK_SLACK:
        return False  # the id is another process's now
    try:
        os.kill(pid, 0)  # no signal: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, another user's
    except OSError:
        return False
    return True


def _started(pid: int) -> float | None:
    """When process `pid` started, as a time.time(); None when the system does not say
    (no Linux /proc) or the process is gone; never for a zombie, which works on nothing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text(encoding="ascii").splitlines()
            if line.startswith("btime ")
        )
        fields = stat.rpartition(")")[2].split()  # the command's name may hold anything
        if fields[0] == "Z":
            return float("inf")
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
