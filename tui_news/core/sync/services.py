"""Which client speaks which service: the `service` names a `[sync]` config may use.

A new service is one module with a `SyncClient` class and one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from tui_news.core.sync.fever import FeverClient
from tui_news.core.sync.greader import GReaderClient
from tui_news.core.sync.records import Credentials, SyncClient

SERVICES: dict[str, Callable[..., SyncClient]] = {
    "fever": FeverClient,
    "greader": GReaderClient,
}


def make_client(
    service: str, url: str, credentials: Credentials, *, timeout: float = 30.0
) -> SyncClient:
    """The client for `service` (a key of SERVICES); KeyError for an unknown one."""
    return SERVICES[service](url, credentials, timeout=timeout)
