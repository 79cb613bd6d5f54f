"""The feed server that holds subscriptions and read state, and when its settings can work.

The config file is one way to fill these in; the sync package never reads it, so a test,
a benchmark or another front end can build settings without a TOML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The services a `[sync]` table may name: tui_news/core/sync/services.py has a client for
# each. Spelt out rather than taken from there, which would import aiohttp with the config.
SYNC_SERVICES = ("fever", "greader")


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """The server, the account and where its password comes from.

    The password is never shown: not in a repr, a log or an error.
    """

    service: str
    url: str
    user: str
    password: str = field(default="", repr=False)
    password_command: str = ""


def settings_problem(settings: SyncSettings) -> str | None:
    """Why these settings cannot work, naming the setting at fault; None when they can."""
    if settings.service not in SYNC_SERVICES:
        names = " or ".join(f'"{name}"' for name in SYNC_SERVICES)
        return f"sync.service should be {names}"
    if not settings.url.startswith(("http://", "https://")):
        return "sync.url should be an http(s) URL"
    if not settings.user:
        return "sync.user is missing"
    if not (settings.password or settings.password_command):
        return "sync needs password or password_command"
    return None
