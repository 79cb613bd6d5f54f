"""From `[sync]` settings to a logged-in client: the password, read when it is needed.

`password_command` is run through the shell, as newsboat's `*-passwordeval`; its first
line of output is the password. What it prints is never shown, even when it fails.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from tui_news.core.sync.engine import Progress, SyncEngine, SyncSummary, account_key
from tui_news.core.sync.errors import SyncAuthError
from tui_news.core.sync.records import Credentials, SyncClient
from tui_news.core.sync.services import SERVICES

if TYPE_CHECKING:
    from tui_news.core.net.limits import FetchLimits
    from tui_news.core.storage import Store
    from tui_news.core.sync.settings import SyncSettings

# Names as users know them, for messages.
SERVICE_NAMES = {"fever": "Fever", "greader": "Google Reader"}
_COMMAND_TIMEOUT = 60.0


def read_password(settings: SyncSettings) -> str:
    """The password from the config, or from running `password_command`."""
    if not settings.password_command:
        return settings.password
    try:
        done = subprocess.run(
            settings.password_command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise SyncAuthError("sync.password_command could not be run") from None
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines or not lines[0].strip():
        raise SyncAuthError(
            f"sync.password_command failed (exit status {done.returncode}) or printed no password"
        )
    return lines[0].strip()


def open_client(settings: SyncSettings, limits: FetchLimits) -> SyncClient:
    """A client of the server in `settings`, within the refresh's `limits`."""
    credentials = Credentials(settings.user, read_password(settings))
    return SERVICES[settings.service](settings.url, credentials, limits)


def account_of(settings: SyncSettings) -> str:
    return account_key(settings.service, settings.url, settings.user)


async def sync_store(
    store: Store,
    settings: SyncSettings,
    limits: FetchLimits,
    *,
    progress: Progress | None = None,
    update: int | None = None,
) -> SyncSummary:
    """One sync of `store` with the server in `settings`, part of `update` (`SyncEngine`);
    SyncError when it fails."""
    client = open_client(settings, limits)
    try:
        engine = SyncEngine(store, client, account_of(settings), progress=progress, update=update)
        return await engine.run()
    finally:
        await client.aclose()
