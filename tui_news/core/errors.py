"""One exception tree: every error a user may see derives from `NewstermError`.

`str(error)` of a `NewstermError` is one line the user can act on, and the CLI and the UI
show exactly that. Any other exception reaching them is a bug, and is reported as one.
Classes keep a second, built-in base where callers already relied on it (a lookup failure
is still a `LookupError`), so that the tree changes no behaviour.
"""

from __future__ import annotations

from tui_news.core.text import clean_message, squash

MAX_ERROR_TEXT = 200


class NewstermError(Exception):
    """An error whose message is for the user: one line, already safe to print."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class CacheError(NewstermError):
    """The cache database failed (locked, full, damaged, unreadable); SQLite's words."""


class CacheDamagedError(CacheError):
    """Pages of the cache file are damaged ("database disk image is malformed"):
    `newsterm recover` saves what can still be read into a new one."""


def error_text(error: object, *, limit: int = MAX_ERROR_TEXT) -> str:
    """Any exception as one inert line of at most `limit` characters, never empty.

    Servers and parsers choose the words of many errors (reason phrases, XML messages):
    they are shown and stored, so control characters and escapes go, and line breaks fold.
    """
    text = squash(clean_message(str(error)))
    return text[:limit] or type(error).__name__


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, as the system says it ("No such file or
    directory"), without the errno and file name the message would repeat."""
    return error.strerror or str(error)
