"""The local cache: subscriptions, stories, the search index and article pages in one file.

`Store` is the only way the rest of newsterm reads or writes the database: the reader,
the UI and the CLI never see SQL. Each domain is a mixin over one connection
(`StorageBase`), so a domain's SQL lives in one module.
"""

from __future__ import annotations

from tui_news.core.storage.articles import ArticleStorage
from tui_news.core.storage.feeds import FeedStorage
from tui_news.core.storage.images import ImageStorage
from tui_news.core.storage.imports import ImportStorage
from tui_news.core.storage.rules import RuleStorage
from tui_news.core.storage.sync import SyncStorage
from tui_news.core.storage.updates import UpdateStorage
from tui_news.core.storage.upkeep import UpkeepStorage
from tui_news.core.storage.views import ViewStorage


class Store(
    SyncStorage,
    ImportStorage,
    FeedStorage,
    ViewStorage,
    ArticleStorage,
    ImageStorage,
    UpkeepStorage,
    RuleStorage,
    UpdateStorage,
):
    """Typed access to the cache database.

    `SyncStorage` comes first: its marks queue changes for a sync server as they change
    the stories, in the same transaction.
    """
