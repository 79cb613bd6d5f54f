"""A damaged cache: what a user can do about it, and doing it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_news.core.storage.recover import Recovery

# What a user can do about a damaged cache (`newsterm recover`), said by the CLI and the app.
RECOVER_HINT = (
    "run `newsterm recover` to save what can still be read into a new cache "
    "(the damaged file is kept)"
)


def recover_cache(database: Path) -> Recovery | None:
    """Save what a damaged cache still holds into a new one, which takes its place (the
    damaged file is renamed, not deleted); None when the cache is not damaged.

    Raises CacheError when nothing can be read.
    """
    from tui_news.core.storage.recover import is_damaged, recover

    if not is_damaged(database):
        return None
    return recover(database)
