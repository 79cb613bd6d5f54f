"""A newsboat set-up (urls, cache.db, config) as newsterm's feeds, stories, views and rules.

Reads only; `plan_newsboat_import` says what there is to import and what cannot be,
and the caller stores it (one transaction) and writes the views and rules to the
config. Stories get the key a refresh of their feed would give them (`finish_entry`,
as the feed parser uses), so refreshing afterwards finds them instead of adding them
again. newsboat stands in for a missing guid with the item's link and the date as the
feed wrote it (or the link alone, undated; or the title, with no link): that is undone
here, so the key is built from the link, as newsterm's parser builds it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import parsedate_tz
from pathlib import Path

from tui_news.core.errors import NewstermError
from tui_news.core.feeds.careful import RawEntry
from tui_news.core.feeds.parse import MAX_TITLE, finish_entry
from tui_news.core.filters.newsboat import convert_newsboat_filter
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.models import ImportedStory
from tui_news.core.storage.newsboat_cache import NewsboatCache, NewsboatItem, read_newsboat_cache
from tui_news.core.subscriptions.encodings import as_text
from tui_news.core.subscriptions.newsboat import parse_urls
from tui_news.core.subscriptions.newsboat_config import read_newsboat_config
from tui_news.core.subscriptions.records import SubscriptionList, shorten
from tui_news.core.text import clean_line
from tui_news.core.urls import feed_url_key


class NewsboatSetupError(NewstermError):
    """No newsboat set-up where one was looked for; `str()` says where."""


@dataclass(frozen=True, slots=True)
class NewsboatFiles:
    urls: Path
    config: Path
    cache: Path


def find_newsboat(directory: Path | None, environ: Mapping[str, str] = os.environ) -> NewsboatFiles:
    """Where newsboat keeps its files: DIR, else ~/.newsboat, else the XDG directories
    (newsboat's own order)."""
    home = Path(environ.get("HOME") or Path.home())
    if directory is None and (home / ".newsboat").is_dir():
        directory = home / ".newsboat"
    if directory is not None:
        if not directory.is_dir():
            raise NewsboatSetupError(f"{directory} is not a directory")
        return NewsboatFiles(directory / "urls", directory / "config", directory / "cache.db")
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config") / "newsboat"
    data = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "newsboat"
    if not (config / "urls").is_file() and not (data / "cache.db").is_file():
        raise NewsboatSetupError(
            f"no newsboat set-up found in {home / '.newsboat'}, {config} or {data}; "
            "name its directory: newsterm import --newsboat DIR"
        )
    return NewsboatFiles(config / "urls", config / "config", data / "cache.db")


@dataclass(slots=True)
class NewsboatPlan:
    """What a newsboat set-up holds for newsterm, and what it holds that newsterm can't take."""

    feeds: SubscriptionList
    # Listed URLs whose title is the one newsboat's cache had (the feed's own when
    # newsboat last read it), not one the urls file gave (~Title): a refresh renews it.
    cached_titles: set[str] = field(default_factory=set)
    stories: dict[str, list[ImportedStory]] = field(default_factory=dict)  # by listed URL
    views: list[tuple[str, str]] = field(default_factory=list)  # (name, expression)
    rules: list[IgnoreRule] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deleted: int = 0  # items deleted in newsboat: left out on purpose


def plan_newsboat_import(files: NewsboatFiles) -> NewsboatPlan:
    """Raises NewsboatCacheError (missing, locked, unknown schema) or SubscriptionFileError."""
    cache = read_newsboat_cache(files.cache)
    feeds, cached_titles = _feeds(files, cache)
    plan = NewsboatPlan(feeds, cached_titles, deleted=cache.deleted)
    plan.skipped += feeds.skipped
    plan.notes += feeds.notes
    _stories(plan, cache)
    _views(plan)
    if files.config.is_file():
        _rules(plan, files.config.read_text(encoding="utf-8", errors="replace"))
    return plan


def _feeds(files: NewsboatFiles, cache: NewsboatCache) -> tuple[SubscriptionList, set[str]]:
    """The urls file's feeds, with the title newsboat showed for those it does not rename,
    and the URLs of those that took it."""
    titles = {feed_url_key(feed.url): feed for feed in cache.feeds}
    if files.urls.is_file():
        listed = parse_urls(as_text(files.urls.read_bytes()), newsboat=True)
    else:
        listed = SubscriptionList("newsboat cache")
        for cached_feed in cache.feeds:
            listed.add(cached_feed.url, "", ())
        listed.notes.append(f"no urls file at {files.urls}: the cache's feeds were imported")
    cached_titles: set[str] = set()
    for index, subscription in enumerate(listed.feeds):
        cached = titles.get(feed_url_key(subscription.url))
        if cached is not None:
            # As the feed gave it (escapes, line breaks and all): cleaned as a refresh would.
            own = clean_line(cached.title, max_length=MAX_TITLE)
            title = subscription.title or own
            if not subscription.title and own:
                cached_titles.add(subscription.url)
            listed.feeds[index] = replace(subscription, title=title, site_url=cached.site_url)
    return listed, cached_titles


def _stories(plan: NewsboatPlan, cache: NewsboatCache) -> None:
    listed = {feed_url_key(feed.url): feed.url for feed in plan.feeds.feeds}
    orphans: dict[str, int] = {}
    for item in cache.items:
        url = listed.get(feed_url_key(item.feed_url))
        if url is None:
            orphans[item.feed_url] = orphans.get(item.feed_url, 0) + 1
            continue
        entry = finish_entry(_raw_entry(item), base=url)
        if not (entry.title or entry.url):
            plan.skipped.append(f"an item of {shorten(url)} with neither a title nor a link")
            continue
        story = ImportedStory(entry, read=not item.unread, starred=bool(item.flags))
        plan.stories.setdefault(url, []).append(story)
    for url, count in orphans.items():
        plan.skipped.append(
            f"{count} cached item(s) of {shorten(url)}, which the urls file no longer lists"
        )


def _raw_entry(item: NewsboatItem) -> RawEntry:
    return RawEntry(
        guid=_real_guid(item),
        link=item.url,
        title=item.title,
        author=item.author,
        published=item.published,
        updated=None,
        summary="",
        content=item.content,
    )


def _real_guid(item: NewsboatItem) -> str:
    """The item's guid, or "" where newsboat made one up from its link or title."""
    guid, link = item.guid, item.url
    if not link:
        return "" if guid == item.title else guid
    if guid.startswith(link) and _is_date_or_empty(guid[len(link) :]):
        return ""
    if "://" not in guid:
        # A relative link: newsboat kept it as the feed wrote it; `link` is resolved.
        for end in range(len(guid), 0, -1):
            if link.endswith(guid[:end]) and _is_date_or_empty(guid[end:]):
                return ""
    return guid


def _is_date_or_empty(text: str) -> bool:
    if not text:
        return True
    if not text[0].isalnum():
        return False
    if parsedate_tz(text) is not None:
        return True
    with contextlib.suppress(ValueError):
        datetime.fromisoformat(text.replace("Z", "+00:00"))
        return True
    return False


def _views(plan: NewsboatPlan) -> None:
    for query in plan.feeds.queries:
        where = f"line {query.line}: query:{shorten(query.name)}"
        conversion = convert_newsboat_filter(query.expression)
        if not conversion.expression:
            plan.skipped.append(f"{where}: {conversion.problem}")
            continue
        plan.views.append((query.name, conversion.expression))
        plan.notes += [f"{where}: {note}" for note in conversion.notes]
        if query.tags:
            plan.notes.append(
                f"{where}: its tags ({', '.join(query.tags)}) were left: views have none"
            )


def _rules(plan: NewsboatPlan, text: str) -> None:
    config = read_newsboat_config(text)
    plan.skipped += config.skipped
    listed = {feed_url_key(feed.url): feed.url for feed in plan.feeds.feeds}
    for ignore in config.ignores:
        where = f"config line {ignore.line}: ignore-article {shorten(ignore.expression, 50)}"
        conversion = convert_newsboat_filter(ignore.expression)
        if not conversion.expression:
            plan.skipped.append(f"{where}: {conversion.problem}")
            continue
        feeds = () if ignore.feed == "*" else (listed.get(feed_url_key(ignore.feed), ignore.feed),)
        plan.rules.append(IgnoreRule.parse(conversion.expression, feeds=feeds))
        plan.notes += [f"{where}: {note}" for note in conversion.notes]
