"""Find the feed behind a URL: the URL itself, a page's <link rel="alternate">, or a guess.

`newsterm add https://example.com/` should just work, as it does in every browser
extension: fetch the URL; if it parses as a feed, that is the feed; if it is a web page,
follow its autodiscovery links in document order; only when the page has none, try the
paths feeds usually live at (/feed, /rss.xml, ...). Every failure ends in one sentence
that says which of those steps failed and why.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from tui_news.core.errors import NewstermError, error_text
from tui_news.core.feeds.parse import NotAFeedError, parse_feed
from tui_news.core.models import ParsedFeed
from tui_news.core.net.errors import FetchError
from tui_news.core.net.fetch import Fetcher, FetchResult
from tui_news.core.text import clean_line
from tui_news.core.urls import clean_url, redact_url

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/json",  # JSON Feed before application/feed+json existed
        "application/xml",
        "text/xml",
    }
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Where feeds usually are when a page does not say; tried only as a last resort.
# A page's feed links tried at most (real pages list one to four), and failures named.
MAX_LINKS_TRIED = 8
MAX_FAILURES_SHOWN = 3
COMMON_FEED_PATHS = ("/feed", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/rss")
# A comment ends at its first "-->": with `.*?` the regex tried every way of splitting
# the comments (2^n for n of them), and 40 empty ones hung `newsterm add`.
_HTML_START_RE = re.compile(
    rb"^\s*(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html|head)", re.I | re.S
)


class DiscoveryError(NewstermError):
    """No feed could be found at a URL; the message is one sentence for the user.
    `no_https`: an https URL's server could not be reached over https at all (the TLS
    handshake failed, or nothing listens on its port), before any redirect."""

    def __init__(self, message: str, *, no_https: bool = False) -> None:
        super().__init__(message)
        self.no_https = no_https


# What a browser takes for "this site has no https" when it added https:// itself.
NO_HTTPS_KINDS = frozenset({"tls", "refused", "connect"})


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A page's <link rel="alternate"> to a feed."""

    url: str
    title: str = ""
    type: str = ""


@dataclass(frozen=True, slots=True)
class DiscoveredFeed:
    """The feed to subscribe to, already fetched and parsed.

    `how` is "direct" (the URL was a feed), "link" (a page's autodiscovery link) or
    "guess" (a common feed path on the page's site). `over_http`: the address was typed
    without a scheme, and only http answered (`discover_typed_feed`).
    """

    url: str
    parsed: ParsedFeed
    fetched: FetchResult
    how: str
    over_http: bool = False


# -- pure helpers -------------------------------------------------------------------------


def looks_like_html(body: bytes, content_type: str | None) -> bool:
    """A web page, by its Content-Type or (when that is vague) by its first tag."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in HTML_TYPES:
        return True
    if mime and mime not in ("text/plain", "application/octet-stream"):
        return False
    return _HTML_START_RE.match(body[:2048]) is not None


def find_feed_links(page: bytes, base_url: str) -> list[FeedLink]:
    """Autodiscovery links of an HTML page, absolute, in document order, without repeats."""
    if not page.strip():
        return []
    try:
        root = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            base = urljoin(base_url, href.strip())
            break
    links: dict[str, FeedLink] = {}
    for element in root.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        kind = (element.get("type") or "").split(";", 1)[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = clean_url(element.get("href") or "", base)
        if url and url not in links:
            links[url] = FeedLink(url, clean_line(element.get("title")), kind)
    return list(links.values())


def guess_feed_urls(page_url: str) -> list[str]:
    """Common feed locations for a page: beside it first (a blog in /blog/), then the site."""
    parts = urlsplit(page_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    directory = parts.path.rstrip("/")
    guesses = [f"{origin}{directory}/feed"] if directory else []
    guesses += [origin + path for path in COMMON_FEED_PATHS]
    return [url for url in dict.fromkeys(guesses) if url.rstrip("/") != page_url.rstrip("/")]


# -- network ------------------------------------------------------------------------------


async def discover_feed(fetcher: Fetcher, url: str) -> DiscoveredFeed:
    """The feed at `url`, or the one its page points to; raises DiscoveryError."""
    try:
        page = await fetcher.get(url)
    except FetchError as error:
        no_https = (
            url.lower().startswith("https:")
            and error.kind in NO_HTTPS_KINDS
            and not error.redirected
        )
        message = f"could not fetch {redact_url(url)}: {error.message}"
        raise DiscoveryError(message, no_https=no_https) from None
    parsed, why_not = await _parse(page)
    if parsed is not None:
        return DiscoveredFeed(page.permanent_url or url, parsed, page, "direct")
    if not looks_like_html(page.body, page.content_type):
        kind = clean_line(page.mime_type, max_length=100) or "no content type"
        raise DiscoveryError(
            f"{redact_url(url)} is neither a feed ({why_not}) nor a web page ({kind})"
        )
    links = find_feed_links(page.body, page.final_url)
    if links:
        return await _follow_links(fetcher, url, links)
    found = await _try_guesses(fetcher, guess_feed_urls(page.final_url))
    if found is not None:
        return found
    raise DiscoveryError(
        f"no feed found: {redact_url(url)} is a web page without a "
        f'<link rel="alternate"> to an RSS, Atom or JSON feed, and none of '
        f"{', '.join(COMMON_FEED_PATHS)} on its site is a feed"
    )


async def discover_typed_feed(
    fetcher: Fetcher, url: str, *, scheme_guessed: bool
) -> DiscoveredFeed:
    """`discover_feed`, for an address the user typed. One typed without its scheme was
    given https (`typed_url`); as a browser does, when https cannot connect at all there,
    http is tried, and the feed says so (`over_http`). Never for an address typed with
    https://, nor when https answered with a redirect: that site does speak https."""
    try:
        return await discover_feed(fetcher, url)
    except DiscoveryError as error:
        if not (scheme_guessed and error.no_https):
            raise
        https_failed = error
    plain = "http://" + url.split("://", 1)[1]
    try:
        found = await discover_feed(fetcher, plain)
    except DiscoveryError:
        raise https_failed from None  # neither answers: https was what was asked for
    return replace(found, over_http=True)


async def _follow_links(fetcher: Fetcher, url: str, links: list[FeedLink]) -> DiscoveredFeed:
    """The first of the page's feed links, in document order, that is a feed.

    At most MAX_LINKS_TRIED are tried, all at once (the fetcher's per-host limit still
    holds): a page listing 2,000 of them cost 2,000 requests in a row.
    """
    tried = links[:MAX_LINKS_TRIED]

    async def attempt(link: FeedLink) -> DiscoveredFeed | str:
        try:
            result = await fetcher.get(link.url)
        except FetchError as error:
            return error.message
        parsed, why_not = await _parse(result)
        if parsed is None:
            return why_not
        return DiscoveredFeed(result.permanent_url or link.url, parsed, result, "link")

    tasks = [asyncio.ensure_future(attempt(link)) for link in tried]
    failures: list[str] = []
    try:
        for link, task in zip(tried, tasks, strict=True):
            outcome = await task
            if isinstance(outcome, DiscoveredFeed):
                return outcome
            failures.append(f"{redact_url(link.url)[:100]}: {outcome[:100]}")
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    shown = "; ".join(failures[:MAX_FAILURES_SHOWN])
    if len(failures) > MAX_FAILURES_SHOWN:
        shown += f"; and {len(failures) - MAX_FAILURES_SHOWN} more"
    page = redact_url(url)[:200]
    if len(links) > len(tried):
        raise DiscoveryError(
            f"{page} links to {len(links):,} feeds; none of the first {len(tried)} "
            f"could be read ({shown})"
        )
    raise DiscoveryError(f"{page} links to {len(links)} feed(s) but none could be read ({shown})")


async def _try_guesses(fetcher: Fetcher, urls: list[str]) -> DiscoveredFeed | None:
    """Fetch every guess at once; the first in priority order that is a feed wins."""

    async def attempt(guess: str) -> DiscoveredFeed | None:
        try:
            result = await fetcher.get(guess)
        except FetchError:
            return None
        parsed, _ = await _parse(result)
        if parsed is None:
            return None
        return DiscoveredFeed(result.permanent_url or guess, parsed, result, "guess")

    for found in await asyncio.gather(*(attempt(guess) for guess in urls)):
        if found is not None:
            return found
    return None


async def _parse(result: FetchResult) -> tuple[ParsedFeed | None, str]:
    """(feed, '') or (None, why it is not a feed); parsing runs off the event loop."""
    if not result.body.strip():
        return None, "the response is empty"
    try:
        parsed = await asyncio.to_thread(
            parse_feed, result.body, url=result.final_url, content_type=result.content_type
        )
    except NotAFeedError as error:
        return None, _NOT_A_FEED_RE.sub("", error_text(error)) or "not a feed"
    except Exception as error:  # a parser bug on hostile input: this URL is not usable
        return None, f"the parser failed: {error_text(error)}"
    return parsed, ""


_NOT_A_FEED_RE = re.compile(r"^not a feed:\s*", re.IGNORECASE)
