"""From `[sync]` settings to a logged-in client: the password, read when it is needed.

`password_command` is run through the shell, as newsboat's `*-passwordeval`; its first
line of output is the password. What it prints is never shown, even when it fails.
"""

from __future__ import annotations

import contextlib
import os
import signal
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
        # A session of its own, so a command stopped at the time limit is stopped with
        # whatever it started (`pass` starts gpg, which may wait on a pinentry).
        command = subprocess.Popen(
            settings.password_command,
            shell=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
    except OSError:
        raise SyncAuthError("sync.password_command could not be run") from None
    with command:
        try:
            output, _ = command.communicate(timeout=_COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop_group(command)
            raise SyncAuthError(
                f"sync.password_command timed out after {_seconds(_COMMAND_TIMEOUT)} and was "
                "stopped: check that it prints the password without waiting for input (a "
                "passphrase prompt, a locked keyring, an agent that is not running) by "
                "running it in a shell"
            ) from None
    lines = output.splitlines()
    if command.returncode != 0 or not lines or not lines[0].strip():
        raise SyncAuthError(
            f"sync.password_command failed (exit status {command.returncode}) "
            "or printed no password"
        )
    return lines[0].strip()


def _stop_group(command: subprocess.Popen[str]) -> None:
    with contextlib.suppress(OSError):  # already gone
        os.killpg(command.pid, signal.SIGKILL)
    command.wait()


def _seconds(seconds: float) -> str:
    return f"{seconds:g} second{'' if seconds == 1 else 's'}"


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
