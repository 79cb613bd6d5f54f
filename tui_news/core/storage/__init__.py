"""The cache database: the only package that imports sqlite3 or touches a connection."""

from tui_news.core.storage.feeds import AmbiguousFeedError, FeedExistsError, FeedNotFoundError
from tui_news.core.storage.filter_sql import is_searchable
from tui_news.core.storage.store import Store

__all__ = [
    "AmbiguousFeedError",
    "FeedExistsError",
    "FeedNotFoundError",
    "Store",
    "is_searchable",
]
