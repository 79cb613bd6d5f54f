"""One parsed page as related-link detection sees it: text sizes and the page's zones.

Every element gets its visible text length and the part of it inside links, in one
bottom-up pass, and the zone it sits in, in one top-down pass: navigation menus,
advertising and partner widgets, comments and previous/next pagers never hold related
links. Zones come from the markup's own words (tags, roles, class and id tokens), so
they carry over to sites never seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from tui_news.core.text import word_set
from tui_news.reader import urls

NAV, ADS, COMMENTS, PAGER, FOOTER = "nav", "ads", "comments", "pager", "footer"
SURE_ADS = "sure-ads"  # an ad network's own widget: no story list inside it counts


SKIP_TAGS = word_set("script style noscript template svg select option head")
_CONTAINER_TAGS = word_set("div ul ol section aside header footer nav span dl table menu")
_TOKEN_RE = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")
_NAV_TOKENS = word_set(
    "nav navi navbar navigation menu menus megamenu submenu flyout breadcrumb breadcrumbs"
    " hamburger dropdown drawer sitemap language languages lang archive archives"
)
# The site's footer, not an article's: "site-footer" but not "article__footer".
_FOOTER_TOKENS = word_set("footer foot colophon")
_ARTICLE_TOKENS = word_set("article post entry story content")
# A menu that lists stories is a story list: "menu-top-stories-trending", "context-nav-related".
_STORY_TOKENS = word_set(
    "stories story posts trending popular related latest headlines recirculation recirc"
    " recommended recommendations mostread"
)
_AD_TOKENS = word_set(
    "ad ads adv advert adverts advertisement advertising adunit adslot adsense dfp gpt"
    " taboola trc outbrain zergnet zerg sponsor sponsored sponsors promoted advertorial"
    " partner partners commerce shopping affiliate nativo plista ligatus"
)
# Ad words that win over story words: "trc_related_container" is Taboola's.
_SURE_AD_TOKENS = word_set("taboola trc zergnet sponsored sponsor promoted advertorial nativo")
_COMMENT_TOKENS = word_set("comment comments disqus livefyre fyre replies respond discussion")
_PAGER_TOKENS = word_set(
    "pager pagination paging paddle prev previous prevnext nextprev older newer"
)
_NEXT_PAIRS = word_set("post article story entry")
_PAGER_ROLES = word_set("navigation menubar menu")


def tokens(element: HtmlElement) -> frozenset[str]:
    """Lower-cased words of an element's class and id ("td-post-nextArticle" → td, post,
    next, article)."""
    names = element.get("class")
    ident = element.get("id")
    if ident:
        names = f"{names} {ident}" if names else ident
    return _split_names(names) if names else _NO_TOKENS


_NO_TOKENS: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _split_names(names: str) -> frozenset[str]:
    # Pages repeat the same few class strings on hundreds of elements.
    return frozenset(word.lower() for word in _TOKEN_RE.findall(names))


def own_zone(element: HtmlElement) -> str | None:
    """The zone an element opens, from its own markup, or None."""
    tag = element.tag
    if tag == "nav" or element.get("role") in _PAGER_ROLES:
        return NAV
    if _site_footer(element):
        return FOOTER
    words = tokens(element)
    if not words:
        return None
    stories = words & _STORY_TOKENS
    if words & _SURE_AD_TOKENS or (element.get("aria-label") or "").lower() == "advertisement":
        return SURE_ADS
    if words & _PAGER_TOKENS and words & _NEXT_PAIRS:
        return PAGER  # "prevnext-story": a pager of stories (a list of them is rescued)
    if stories:
        return None
    if words & _AD_TOKENS:
        return ADS
    if words & _COMMENT_TOKENS and tag != "a":
        return COMMENTS
    if words & _PAGER_TOKENS or ("next" in words and words & _NEXT_PAIRS):
        return PAGER
    if tag in _CONTAINER_TAGS and words & _NAV_TOKENS:
        return NAV
    if tag in _CONTAINER_TAGS and words & _FOOTER_TOKENS and not words & _ARTICLE_TOKENS:
        return FOOTER
    return None


def _site_footer(element: HtmlElement) -> bool:
    if element.get("role") == "contentinfo":
        return True
    if element.tag != "footer" or tokens(element) & _ARTICLE_TOKENS:
        return False
    return not any(ancestor.tag == "article" for ancestor in element.iterancestors())


# Zones a story list can sit in: a menu's "related" panel, a comments area's "most
# popular" box, the related block of a widget with ajax pagination.
_REOPENED = frozenset((NAV, ADS, COMMENTS, PAGER))


def reopens(element: HtmlElement) -> bool:
    """A story list inside a menu ("context-nav" holding "context-nav__related")."""
    return element.tag in _CONTAINER_TAGS and bool(tokens(element) & _STORY_TOKENS)


class RelatedPage:
    """A page's elements with their text sizes and zones, and its own addresses."""

    def __init__(self, root: HtmlElement, base: str, own_urls: Iterable[str]) -> None:
        self.root = root
        self.base = base
        self.own_urls = [url for url in own_urls if url]
        self._own_keys = {urls.page_key(url) for url in self.own_urls}
        self._own_sites = {urls.site(url) for url in self.own_urls or [base]}
        # A brand's other country domains are the same site (bbc.com and bbc.co.uk).
        self._own_brands = {site.split(".")[0] for site in self._own_sites if "." in site}
        # A link to the page with a query it does not have is a variant (?font=plus).
        self._own_bare = {urls.page_key(url) for url in self.own_urls if "?" not in url}
        # A story's own sub-pages ("/seite-2", "/komplettansicht", "/chapters/2") are parts
        # of it; a section front's children are not, so only a sure story path counts.
        self._own_paths = {
            urls.page_key(url).split("?", 1)[0] + "/"
            for url in self.own_urls
            if urls.story_url_strength(url) >= 2
        }
        self.text_len: dict[HtmlElement, int] = {}
        self.link_len: dict[HtmlElement, int] = {}
        self.zone: dict[HtmlElement, str] = {}
        self._resolved: dict[str, str] = {}
        self._measure()

    def _measure(self) -> None:
        body = self.root.find("body")
        top = body if body is not None else self.root
        elements = list(top.iter(etree.Element))  # elements only: no comments, no PIs
        for element in reversed(elements):
            if element.tag in SKIP_TAGS:
                self.text_len[element] = self.link_len[element] = 0
                continue
            total = len((element.text or "").strip())
            links = 0
            for child in element:
                tail = len((child.tail or "").strip())
                if isinstance(child.tag, str):
                    total += self.text_len[child] + tail
                    links += self.link_len[child]
                else:
                    total += tail
            self.text_len[element] = total
            self.link_len[element] = total if element.tag == "a" else links
        page_text = self.text_len.get(top, 0)
        for element in elements:
            parent = element.getparent()
            inherited = self.zone.get(parent) if parent is not None else None
            if inherited in _REOPENED and reopens(element) and not self._in_menu_item(element):
                inherited = None
            if inherited == FOOTER:  # a menu or an ad inside the footer is still one
                inherited = own_zone(element) or FOOTER
            if inherited:
                self.zone[element] = inherited
            elif element is not top and not self._wraps_page(element, page_text):
                found = own_zone(element)
                if found == PAGER and self._lists_stories(element):
                    found = None  # a block of stories with a "load more" pager under it
                elif found == ADS and self._not_an_ad(element):
                    found = None
                if found:
                    self.zone[element] = found

    def _lists_stories(self, element: HtmlElement) -> bool:
        """More than the two stories of a previous/next pager."""
        hrefs = {a.get("href") for a in element.iter("a")}
        return sum(1 for href in hrefs if urls.story_url_strength(self.resolve(href))) > 2

    def _not_an_ad(self, element: HtmlElement) -> bool:
        """An ad word on a box that is no ad: a section of the article ("Section--Ads":
        ads allowed in it) is mostly prose; an ad slot's editorial fallback says so."""
        if "fallback" in tokens(element):
            return True
        prose = self.prose(element)
        return prose >= 500 and prose >= 0.5 * self.text_len.get(element, 0)

    def _in_menu_item(self, element: HtmlElement) -> bool:
        """Inside a drop-down of a menu: a menu's list item above it."""
        return any(
            ancestor.tag == "li" and self.zone.get(ancestor) == NAV
            for ancestor in element.iterancestors()
        )

    def _wraps_page(self, element: HtmlElement, page_text: int) -> bool:
        """A page wrapper ("kotaku ads-enabled", "nav-drawer__panel") says nothing about
        what is inside it."""
        return element.tag in ("body", "html", "main") or (
            element.tag != "nav" and self.text_len.get(element, 0) > 0.5 * page_text
        )

    def resolve(self, href: str | None) -> str:
        """urls.resolve, remembered: pages repeat the same links many times."""
        if not href:
            return ""
        found = self._resolved.get(href)
        if found is None:
            found = self._resolved[href] = urls.resolve(href, self.base)
        return found

    def is_own(self, url: str) -> bool:
        """The page itself, or a variant of it (?font=plus, ?print=1)."""
        key = urls.page_key(url)
        if key in self._own_keys or any(key.startswith(path) for path in self._own_paths):
            return True
        return "?" in url and urls.page_key(url.split("?", 1)[0]) in self._own_bare

    def same_site(self, url: str) -> bool:
        site = urls.site(url)
        return site in self._own_sites or ("." in site and site.split(".")[0] in self._own_brands)

    def prose(self, element: HtmlElement) -> int:
        """Text of an element that is not link text."""
        return self.text_len.get(element, 0) - self.link_len.get(element, 0)
