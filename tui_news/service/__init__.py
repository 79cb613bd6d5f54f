"""The headless newsterm: what the command line and the app both ask of the core.

Subscribing, refreshing (or syncing) and then fetching full text, and the first-run
defaults each exist once, here, so `newsterm add` and the app's add dialog (or
`newsterm refresh` and the app's `R`) cannot drift apart; each front end only shows
what happens. The limits and intervals come from the config in one place.
(`service.full_text` is imported when first needed, not here.)
"""

from tui_news.core.subscriptions.edits import FeedEditError
from tui_news.service.facade import (
    ImportFileError,
    NewFeed,
    Newsterm,
    ReaderFactory,
    default_reader,
    read_subscription_list,
)
from tui_news.service.recovery import RECOVER_HINT, recover_cache
from tui_news.service.update import Update, UpdateEvents

__all__ = [
    "RECOVER_HINT",
    "FeedEditError",
    "ImportFileError",
    "NewFeed",
    "Newsterm",
    "ReaderFactory",
    "Update",
    "UpdateEvents",
    "default_reader",
    "read_subscription_list",
    "recover_cache",
]
