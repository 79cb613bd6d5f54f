"""Which client speaks which service: the `service` names a `[sync]` config may use.

A new service is one module with a `SyncClient` class, one line here and its name in
settings.SYNC_SERVICES (which the config reads without importing the clients).
"""

from __future__ import annotations

from collections.abc import Callable

from tui_news.core.net.limits import FetchLimits
from tui_news.core.sync.fever import FeverClient
from tui_news.core.sync.greader import GReaderClient
from tui_news.core.sync.records import Credentials, SyncClient

SERVICES: dict[str, Callable[[str, Credentials, FetchLimits], SyncClient]] = {
    "fever": FeverClient,
    "greader": GReaderClient,
}
