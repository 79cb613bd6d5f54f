"""Why a sync could not talk to the server: one line for the user, never a credential.

Every message is built here from parts known to be safe (the server's URL with any
password taken out, an HTTP status, a short reason), never from an exception's text,
which may quote a request that carried the password or the API key.
"""

from __future__ import annotations

from tui_news.core.errors import NewstermError


class SyncError(NewstermError):
    """A sync that failed; `str(error)` is the one-line message for the user."""


class SyncUnavailableError(SyncError):
    """The server could not be reached, timed out or answered with a server error."""

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        # False when trying again at once is pointless (nothing listens on the port).
        self.transient = transient


class SyncServerError(SyncUnavailableError):
    """The server answered, with an error of its own (HTTP 5xx) after the retries: it is
    up, but could not do this one thing (a mark it cannot write, every time)."""


class SyncAuthError(SyncError):
    """The server refused the user name and password (or API key)."""


class SyncProtocolError(SyncError):
    """The server answered, but not in the way its API promises."""


class SyncTooLargeError(SyncProtocolError):
    """An answer larger than the limit: asking for less at once may fit."""


class SyncUnsupportedError(SyncError):
    """The service cannot do this (Fever cannot add or remove subscriptions)."""


class ItemGoneError(SyncError):
    """The server no longer has the item a change was queued for."""
