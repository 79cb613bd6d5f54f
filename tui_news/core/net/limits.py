"""How much one refresh may ask of the network: connections, timeouts, sizes, redirects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_news.config import Config


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How much one refresh may ask of the network. Times are seconds."""

    concurrency: int = 16
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5

    @classmethod
    def from_config(cls, config: Config) -> FetchLimits:
        """`timeout_seconds` bounds silence on the socket; a whole fetch gets three times it."""
        timeout = max(float(config.timeout_seconds), 0.1)
        return cls(
            concurrency=max(1, config.concurrency),
            per_host=max(1, config.per_host_concurrency),
            connect_timeout=min(10.0, timeout),
            read_timeout=timeout,
            total_timeout=timeout * 3,
            max_bytes=max(1, config.max_response_bytes),
        )
