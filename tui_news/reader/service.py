"""ArticleReader: fetch a page → extract it off the event loop → cache it.

Everything here is async so the TUI can await it on its own loop: the fetch is
aiohttp through the core's Fetcher (same limits, timeouts, per-host politeness,
conditional GET), extraction runs in a shared process pool of two workers, and
SQLite work hops to a thread. A story's article is fetched once and then read
from the cache, offline too; `refresh=True` asks the site again conditionally.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Literal

from tui_news.core.cpu_pool import CpuPool, WorkTimeoutError
from tui_news.core.errors import CacheError, NewstermError, os_reason
from tui_news.core.models import Story
from tui_news.core.net.errors import FetchError, format_size
from tui_news.core.net.fetch import Fetcher, FetchResult
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.core.text import clean_line
from tui_news.core.urls import host as page_host
from tui_news.reader import cache, markdown
from tui_news.reader.article import Article
from tui_news.reader.extract import NotHtmlError, extract_article
from tui_news.reader.fallback import MIN_WORDS, feed_article, prefer_feed
from tui_news.reader.politeness import HostPauses
from tui_news.reader.pool import shared_pool
from tui_news.reader.prefetch import PrefetchProgress, PrefetchSummary, Withdrawn, prefetch_stories
from tui_news.reader.shared_reads import page_key, read_once
from tui_news.reader.sniff import is_html, looks_like_html

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# Failures that may pass: their fallback is not cached, the next view tries again.
_TRANSIENT = frozenset({"timeout", "network", "connect", "dns", "refused", "tls"})
# A site that let a background read time out (no answer, or no connection in time) is
# left out of prefetching this long.
SILENT_PAUSE = 5 * 60.0
# A site that never answers or does not resolve fails each of its pages the same way.
_SILENT = frozenset({"timeout", "connect", "dns"})


class ReadError(NewstermError):
    """An input that gave no article; `message` is one line for the user."""

    def __init__(self, message: str, *, kind: str = "fetch") -> None:
        super().__init__(message)
        self.kind = kind


class HostPausedError(ReadError):
    """A polite read of a page on a site that asked us to wait (429/503 Retry-After), or
    that did not answer a moment ago."""


Outcome = Literal["extracted", "feed", "cached"]


class ArticleReader:
    """`async with ArticleReader(store, limits) as reader: await reader.read_story(story)`."""

    def __init__(
        self,
        store: Store | None,
        limits: FetchLimits | None = None,
        *,
        pool: CpuPool | None = None,
        in_process: bool = False,
        pauses: HostPauses | None = None,
    ) -> None:
        self.store = store
        # Sites that answered 429/503: background prefetching leaves them alone until
        # their Retry-After. None: nobody is keeping count (a one-off `newsterm read`).
        self.pauses = pauses
        self.limits = limits or FetchLimits()
        self._pool = pool
        self._in_process = in_process
        self._fetcher: Fetcher | None = None
        self._fetcher_loop: asyncio.AbstractEventLoop | None = None
        self._host_turns: dict[str, asyncio.Semaphore] = {}
        self._turns_loop: asyncio.AbstractEventLoop | None = None
        self._entered = False

    async def __aenter__(self) -> ArticleReader:
        self._entered = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def prestart(self) -> None:
        """Start the extraction workers now (call on the event loop), so that the first
        article does not wait for them."""
        if not self._in_process:
            (self._pool or shared_pool()).prestart()

    async def close(self) -> None:
        """Close the HTTP session (the shared pool lives on for the next reader)."""
        fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            await fetcher.close()

    # -- public API ----------------------------------------------------------------------

    def cached(self, url: str) -> Article | None:
        """The cached article for `url` (asked-for or canonical URL), without any I/O."""
        if self.store is None or not url:
            return None
        found = cache.load(self.store, url.strip())
        return (
            None
            if found is None
            else found.with_fetch(
                input=url, fetched=found.fetched, etag=found.etag, last_modified=found.last_modified
            )
        )

    async def read_url(
        self, url: str, *, fallback: Story | None = None, refresh: bool = False
    ) -> Article:
        """The article at `url`; the feed's text (`fallback`) when the page fails us.

        Raises ReadError when there is neither an article nor a fallback.
        """
        article, _ = await self._read(url.strip(), fallback, refresh)
        return article

    async def read_story(
        self, story: Story, *, refresh: bool = False, polite: bool = False
    ) -> Article:
        """A story's full article (cached after the first time), indexed for search.

        `polite` (background prefetching): raise HostPausedError rather than ask a site
        that answered 429/503 before its Retry-After, and pause a site that does so now.
        """
        if not story.url:
            return await asyncio.to_thread(
                feed_article, story, url="", reason="the story has no link to a page"
            )
        article, outcome = await self._read(story.url, story, refresh, polite=polite)
        if outcome == "extracted" and self.store is not None and not article.unsaved:
            plain = markdown.to_plain(article.text)
            try:
                await asyncio.to_thread(self.store.index_article_text, story.id, plain)
            except CacheError as error:
                return replace(article, unsaved=_unsaved(error))
        return article

    async def read_html(self, document: bytes, url: str = "", *, input: str = "") -> Article:
        """Extract a page we already have (a saved file, a test fixture)."""
        if not looks_like_html(document):
            raise ReadError("not an HTML page", kind="not_html")
        try:
            article = await self._extract(document, url, input or url)
        except NotHtmlError:
            raise ReadError("not an HTML page", kind="not_html") from None
        if not article.text:
            raise ReadError("no article text found on the page", kind="empty")
        return article

    async def read_file(self, path: Path, *, url: str = "") -> Article:
        """A saved page, up to the same size cap as a fetched one (not /dev/zero whole)."""
        cap = self.limits.max_bytes
        try:
            document = await asyncio.to_thread(_read_head, path, cap + 1)
        except OSError as error:
            raise ReadError(f"cannot read {path}: {os_reason(error)}", kind="missing") from None
        if len(document) > cap:
            raise ReadError(
                f"the file is larger than {format_size(cap)} (max_response_bytes)",
                kind="too_large",
            )
        return await self.read_html(document, url, input=str(path))

    async def prefetch(
        self,
        stories: list[Story],
        *,
        concurrency: int | None = None,
        refresh: bool = False,
        on_progress: PrefetchProgress | None = None,
        withdrawn: Withdrawn | None = None,
    ) -> PrefetchSummary:
        """Read many stories' articles in the background (`prefetch.prefetch_stories`),
        `concurrency` at a time (default: the fetch limits'), none `withdrawn` meanwhile.

        Outside `async with`, a session this call opened is closed again at the end, so
        `asyncio.run(ArticleReader(store, limits).prefetch(stories))` leaks nothing.
        """
        one_shot = not self._entered and self._fetcher is None
        try:
            return await prefetch_stories(
                self,
                stories,
                concurrency=concurrency or self.limits.concurrency,
                refresh=refresh,
                on_progress=on_progress,
                withdrawn=withdrawn,
            )
        finally:
            if one_shot:
                await self.close()

    # -- the work ------------------------------------------------------------------------

    async def _read(
        self, url: str, fallback: Story | None, refresh: bool, *, polite: bool = False
    ) -> tuple[Article, Outcome]:
        cached = await asyncio.to_thread(self.cached, url)
        if cached is not None and not refresh:
            return cached, "cached"
        # The pane, an update's full text and another feed's story of the same page may
        # ask at once: the site is asked once, and every asker gets that answer.
        key = page_key(self.store, url)
        try:
            article, outcome, for_story = await read_once(
                key, lambda: self._fetch_and_keep(url, fallback, refresh, polite=polite)
            )
        except HostPausedError:
            if polite:
                raise
            # A prefetch found the site paused: a read the user asked for is not bound by it.
            article, outcome, for_story = await self._fetch_and_keep(url, fallback, refresh)
        if outcome == "feed" and for_story != (fallback.id if fallback else None):
            # Another story's feed text stood in for the page: this story has its own.
            return await self._fall_back(url, fallback, article.reason, kind="fetch"), "feed"
        return article, outcome

    async def _fetch_and_keep(
        self, url: str, fallback: Story | None, refresh: bool, *, polite: bool = False
    ) -> tuple[Article, Outcome, int | None]:
        """Fetch, extract and cache `url` (with the story it falls back on, by id)."""
        article, outcome = await self._fetch_once(url, fallback, refresh, polite=polite)
        return article, outcome, fallback.id if fallback is not None else None

    async def _fetch_once(
        self, url: str, fallback: Story | None, refresh: bool, *, polite: bool = False
    ) -> tuple[Article, Outcome]:
        # Looked up again: a read that ended since the caller looked may have kept it.
        cached = await asyncio.to_thread(self.cached, url)
        if cached is not None and not refresh:
            return cached, "cached"
        try:
            if polite and self.pauses is not None:
                result = await self._fetch_politely(url, cached, self.pauses)
            else:
                result = await self._fetch(url, cached)
        except FetchError as error:
            if cached is not None:
                return cached, "cached"  # offline or failing: the copy we have is still good
            reason = f"{cache.FETCH_FAILED}{error.message}"
            article = await self._fall_back(url, fallback, reason, kind="fetch")
            if not _transient(error):  # kept, and asked again after cache.RETRY_FAILED_AFTER
                article = await self._save(url, replace(article, fetched=time.time()))
            return article, "feed"
        now = time.time()
        if result.not_modified and cached is not None:
            if self.store is not None:
                with suppress(CacheError):  # only the time of the check is lost
                    await asyncio.to_thread(cache.touch, self.store, url, now)
            return cached.with_fetch(
                input=url, fetched=now, etag=cached.etag, last_modified=cached.last_modified
            ), "cached"
        article, outcome = await self._from_response(url, result, fallback)
        article = article.with_fetch(
            input=url, fetched=now, etag=result.etag, last_modified=result.last_modified
        )
        return await self._save(url, article), outcome

    async def _from_response(
        self, url: str, result: FetchResult, fallback: Story | None
    ) -> tuple[Article, Outcome]:
        if not is_html(result):
            # The reason is cached and shown by the UI: the server's Content-Type is hostile.
            shown = clean_line(result.mime_type, max_length=100) or "unknown type"
            reason = f"the page is not HTML ({shown})"
            return await self._fall_back(url, fallback, reason, kind="not_html"), "feed"
        try:
            article = await self._extract(result.body, result.final_url, url)
        except NotHtmlError:
            reason = "the page could not be parsed as HTML"
            return await self._fall_back(url, fallback, reason, kind="not_html"), "feed"
        except ReadError as error:
            return await self._fall_back(url, fallback, error.message, kind=error.kind), "feed"
        if fallback is not None and article.word_count < 2 * MIN_WORDS:
            feed = await asyncio.to_thread(
                feed_article,
                fallback,
                url=url,
                reason=f"the page had too little text ({article.word_count} words): "
                "a paywall or a page built by scripts",
            )
            if prefer_feed(article, feed):
                return feed, "feed"
        if not article.text:
            if fallback is not None:
                reason = "no article text found on the page"
                return await self._fall_back(url, fallback, reason, kind="empty"), "feed"
            raise ReadError("no article text found on the page", kind="empty")
        return article, "extracted"

    async def _fall_back(self, url: str, story: Story | None, reason: str, *, kind: str) -> Article:
        if story is None:
            raise ReadError(reason.removeprefix(cache.FETCH_FAILED), kind=kind)
        return await asyncio.to_thread(feed_article, story, url=url, reason=reason)

    async def _fetch(self, url: str, cached: Article | None) -> FetchResult:
        fetcher = await self._session()
        return await fetcher.get(
            url,
            etag=cached.etag if cached else None,
            last_modified=cached.last_modified if cached else None,
            accept=HTML_ACCEPT,
        )

    async def _fetch_politely(
        self, url: str, cached: Article | None, pauses: HostPauses
    ) -> FetchResult:
        """`_fetch`, unless the host asked us to wait; a 429/503 makes it ask us to, and
        so does a timeout.

        The pause is looked at when it is this request's turn at the host, so a 429 to
        the request before it already counts.
        """
        loop = asyncio.get_running_loop()
        if self._turns_loop is not loop:
            self._host_turns, self._turns_loop = {}, loop  # a semaphore is bound to its loop
        host = page_host(url)
        turn = self._host_turns.get(host)
        if turn is None:
            turn = self._host_turns[host] = asyncio.Semaphore(max(1, self.limits.per_host))
        async with turn:
            if pauses.paused(host):
                raise HostPausedError(f"{host} asked us to wait", kind="paused")
            try:
                return await self._fetch(url, cached)
            except FetchError as error:
                if error.status in (429, 503):
                    await asyncio.to_thread(pauses.pause, host, error.retry_after)
                elif error.kind in _SILENT:
                    # Its other pages would each wait out the timeout in turn (twenty
                    # stories, twenty seconds each): the batch goes on without it.
                    await asyncio.to_thread(pauses.pause, host, SILENT_PAUSE)
                raise

    async def _session(self) -> Fetcher:
        """One Fetcher per event loop (an aiohttp session cannot cross loops)."""
        loop = asyncio.get_running_loop()
        if self._fetcher is not None and self._fetcher_loop is not loop:
            self._fetcher = None  # its loop has gone; the session went with it
        if self._fetcher is None:
            self._fetcher = Fetcher(self.limits)
            await self._fetcher.open()
            self._fetcher_loop = loop
        return self._fetcher

    async def _extract(self, document: bytes, url: str, input: str) -> Article:
        """Run the extractor off the loop; its failures become NotHtmlError or ReadError."""
        try:
            if self._in_process:
                return await asyncio.to_thread(extract_article, document, url, input=input)
            pool = self._pool or shared_pool()
            return await pool.run(extract_article, document, url, input=input)
        except NotHtmlError:
            raise
        except WorkTimeoutError:
            raise ReadError("extracting the article took too long", kind="empty") from None
        except Exception as error:  # a page that breaks the extractor must not break the app
            reason = f"the article could not be extracted ({type(error).__name__})"
            raise ReadError(reason, kind="empty") from error

    async def _save(self, url: str, article: Article) -> Article:
        """Cache the article; a cache that cannot take it (a full disk) costs the offline
        copy, not the page: the article comes back marked `unsaved`, with the reason."""
        if self.store is not None:
            try:
                await asyncio.to_thread(cache.save, self.store, url, article)
            except CacheError as error:
                return replace(article, unsaved=_unsaved(error))
        return article


def _unsaved(error: CacheError) -> str:
    return f"not kept for offline reading: the cache failed ({error})"


def _read_head(path: Path, size: int) -> bytes:
    with path.open("rb") as file:
        return file.read(size)


def _transient(error: FetchError) -> bool:
    status = error.status or 0
    return error.kind in _TRANSIENT or status >= 500 or status in (408, 425, 429)
