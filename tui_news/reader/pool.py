"""The extraction workers every article reader shares: two processes, started on first
use and stopped at exit (or when the app closes)."""

from __future__ import annotations

import atexit

from tui_news.core.cpu_pool import CpuPool

EXTRACT_TIMEOUT = 60.0

_shared_pool: CpuPool | None = None


def shared_pool() -> CpuPool:
    """The process pool every reader shares: 2 workers, started on first use."""
    global _shared_pool
    if _shared_pool is None:
        _shared_pool = CpuPool(2, timeout=EXTRACT_TIMEOUT, preload=["tui_news.reader.extract"])
        atexit.register(shutdown_pool)
    return _shared_pool


def shutdown_pool() -> None:
    """Stop the shared workers (at exit, or when the app closes)."""
    global _shared_pool
    pool, _shared_pool = _shared_pool, None
    if pool is not None:
        pool.close()
