"""URLs as the reader hands them on: absolute, http(s), without tracking junk.

Also the guesses related-link detection relies on: whether two URLs are on the
same site, and whether a URL looks like an article rather than an index page.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from tui_news.core.text import word_set
from tui_news.core.urls import clean_url

# Query parameters that only tell the publisher who sent the click.
_TRACKING_EXACT = word_set(
    """
    fbclid gclid gclsrc dclid msclkid yclid twclid ttclid li_fc igshid igsh mc_cid mc_eid
    _ga _gl _hsenc _hsmi mkt_tok ocid cmpid cmp s_cid sr_share spm ref_src ref_url
    guccounter guce_referrer guce_referrer_sig rss at_medium at_campaign at_custom1
    at_custom2 at_custom3 at_custom4 xtor wt.mc_id wt.mc_ev ito int_source smid
    """
)
_TRACKING_PREFIXES = ("utm_", "itm_", "intc_", "at_", "pk_", "mtm_", "hsa_", "vero_", "oly_")

# Two-level public suffixes common among news sites (co.uk, com.au …); enough to
# tell www.bbc.co.uk and news.bbc.co.uk apart from example.co.uk.
_SECOND_LEVEL = word_set("co com net org gov ac edu gob go ne or gv nic mil ltd plc sch nhs police")

# Path words that mark an index, profile or service page, never a story.
_INDEX_SEGMENTS = word_set(
    """
    tag tags topic topics theme themen thema author authors autor autoren profile profiles
    category categories kategorie section sections rubrique ressort
    search suche recherche login logout signin sign-in signup sign-up register
    registration subscribe subscription subscriptions abo account accounts newsletter
    newsletters privacy cookies cookie terms legal impressum imprint datenschutz about
    about-us contact contact-us help faq sitemap rss feed feeds shop store jobs careers
    advertise advertising service services user users share sharer intent
    series collections collection
    """
)
_INDEX_WORDS = re.compile(
    r"(privacy|cookie|terms-(of|and)|contact-us|community-guidelines|code-of-conduct|"
    r"about-us|newsletter|subscri|sign-?in|log-?in|register|datenschutz|impressum)",
    re.IGNORECASE,
)
# Index words that only mark a service page when the slug is short ("privacy-policy",
# "sign-in"), never inside a headline slug ("john-maedas-design-in-tech-report").
_SERVICE_SLUG_RE = re.compile(
    r"(^|[-_.])(privacy|cookies?|terms|contact|community-guidelines|code-of-conduct|about|"
    r"newsletters?|subscribe|subscriptions?|sign-?in|sign-?up|log-?in|register|datenschutz|"
    r"impressum|ueber-uns|uber-uns|a-propos|qui-sommes-nous|chi-siamo|quienes-somos)([-_.]|$)",
    re.IGNORECASE,
)
# People and profile pages, on top of the index segments.
_PROFILE_SEGMENTS = word_set("writer writers people staff user users u bio bios contributor")
# Forums, shop actions and subject indexes: pages, but not stories to read next.
_NOT_STORY_SEGMENTS = word_set(
    "forum forums foren board boards thread threads t showthread.php viewtopic.php"
    " wishlist cart checkout basket warenkorb subjects product products produkt produkte"
    " offer offers"
)
# Index segments that also head dated stories (/newsletters/playbook/2019/12/19/<slug>).
_SOFT_INDEX_SEGMENTS = word_set("newsletter newsletters")
_EMBED_RE = re.compile(r"(^|/)(embed|iframe|player)(\.[a-z]+)?(/|$)", re.IGNORECASE)
_ID_RE = re.compile(r"\d{4,}")
_DATE_PATH_RE = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])(/|$)")
_ARTICLE_EXT_RE = re.compile(r"\.(s?html?|php|aspx?|cms|ece)$", re.IGNORECASE)
_SLUG_WORD_SPLIT_RE = re.compile(r"[-_+.~\s]")
_SEGMENT_WORD_SPLIT_RE = re.compile(r"[-_.]")
_DIGIT_RE = re.compile(r"\d")


# A page names the same few hundred addresses again and again (keys, sites, strengths).
split = lru_cache(maxsize=8192)(urlsplit)


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def clean(url: str) -> str:
    """`url` without tracking parameters or fragment; host lower-cased."""
    try:
        parts = split(url)
    except ValueError:
        return url
    # Filter the raw pairs rather than re-encoding them: the rest of the query must
    # stay byte for byte what the site wrote, or some servers answer 404.
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not is_tracking_param(unquote(pair.split("=", 1)[0]))
    ]
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", "&".join(kept), ""))


def resolve(href: str | None, base: str) -> str:
    """An absolute, cleaned http(s) URL for a link on a page, or "" when it is not one.

    `#anchors`, mailto:, javascript: and the like all give "".
    """
    if not href:
        return ""
    href = href.strip()
    if not href or href.startswith("#"):
        return ""
    absolute = clean_url(href, base)
    return clean(absolute) if absolute else ""


def base_url(page_url: str, base_href: str | None) -> str:
    """The URL relative links on a page resolve against (`<base href>` wins)."""
    if base_href and base_href.strip():
        try:
            return urljoin(page_url, base_href.strip())
        except ValueError:
            return page_url
    return page_url


def same_page(first: str, second: str) -> bool:
    """True when two URLs name the same page, ignoring scheme, www. and a final slash."""
    return bool(first) and bool(second) and page_key(first) == page_key(second)


@lru_cache(maxsize=8192)
def page_key(url: str) -> str:
    """A URL as compared: no scheme, no www., no final slash."""
    parts = split(url)
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"


@lru_cache(maxsize=8192)
def site(url: str) -> str:
    """The registrable domain, roughly: news.bbc.co.uk → bbc.co.uk. An IP address is its
    own site (10.0.0.1 and 127.0.0.1 share no "domain")."""
    host = (split(url).hostname or "").lower().rstrip(".")
    # An IPv4 address ends in a digit and an IPv6 one holds a colon: other hosts are
    # spared ip_address's three exceptions (4 µs, on every address of a page).
    if host[-1:].isdigit() or ":" in host:
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            pass
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    keep = 3 if labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def same_site(first: str, second: str) -> bool:
    return bool(first) and bool(second) and site(first) == site(second)


@lru_cache(maxsize=8192)
def story_url_strength(url: str) -> int:
    """How surely a URL names one story: 2 (a date, an id, a long slug, a deep path),
    1 (a short slug under a section: /news/blizzard-25/), 0 (an index, profile or
    service page, or the home page)."""
    parts = split(url)
    path = unquote(parts.path)
    segments = [s for s in path.split("/") if s]
    if not segments:
        return 0
    lowered = [s.lower() for s in segments]
    last = segments[-1]
    words = len([w for w in _SLUG_WORD_SPLIT_RE.split(_ARTICLE_EXT_RE.sub("", last)) if w])
    dated = _DATE_PATH_RE.search(path) is not None
    numbered = _ID_RE.search(path) is not None or _ID_RE.search(parts.query) is not None
    if any(s in _NOT_STORY_SEGMENTS for s in lowered):
        return 0
    index = {s for s in lowered if s in _INDEX_SEGMENTS or s in _PROFILE_SEGMENTS}
    if index - _SOFT_INDEX_SEGMENTS or (index and not (dated and words >= 3)):
        return 0
    if words <= 3 and _SERVICE_SLUG_RE.search(last):
        return 0
    service = any(
        _SERVICE_SLUG_RE.search(s) and len(_SEGMENT_WORD_SPLIT_RE.split(s)) <= 2
        for s in lowered[:-1]
    )
    if service and not (dated and words >= 3):
        return 0  # /en/newsletter-registration/a-15718229
    if _EMBED_RE.search(path):
        return 0  # a video player, not a page to read
    if dated or numbered or words >= 3 or len(segments) >= 4:
        return 2
    if _ARTICLE_EXT_RE.search(last) and words >= 2:
        return 2
    if len(segments) >= 2 and (words >= 2 or (len(last) >= 6 and _DIGIT_RE.search(last))):
        return 1
    return 0


def looks_like_article(url: str) -> bool:
    """Does the path look like one story (a slug, an id, a date) rather than an index?"""
    parts = split(url)
    path = unquote(parts.path)
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    lowered = [s.lower() for s in segments]
    if any(s in _INDEX_SEGMENTS for s in lowered) or _INDEX_WORDS.search(lowered[-1]):
        return False
    last = segments[-1]
    slug_words = len([w for w in re.split(r"[-_+.]", _ARTICLE_EXT_RE.sub("", last)) if w])
    if slug_words >= 3 or _ID_RE.search(path) or _DATE_PATH_RE.search(path):
        return True
    if _ID_RE.search(parts.query):  # /article.php?id=12345
        return True
    if _ARTICLE_EXT_RE.search(last) and slug_words >= 2:
        return True
    # /en-gb/news/uknews/ar-BB19DUqK: deep paths name one thing, short ones a section.
    return len(segments) >= 4
