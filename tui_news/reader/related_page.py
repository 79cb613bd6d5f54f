"""One parsed page as related-link detection sees it: text sizes and its own addresses.

Every element gets its visible text length and the part of it inside links, in one
bottom-up pass; the page knows its own addresses and site, and resolves links once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from tui_news.core.text import word_set
from tui_news.reader import urls
from tui_news.reader.hidden import hidden_elements, unrendered_elements

SKIP_TAGS = word_set("script style noscript template svg select option head")
_TOKEN_RE = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")


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


class RelatedPage:
    """A page's elements with their text sizes, and its own addresses."""

    def __init__(
        self,
        root: HtmlElement,
        base: str,
        own_urls: Iterable[str],
        hiding: list[HtmlElement] | None = None,
    ) -> None:
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
        # Never rendered, so never measured nor listed: a <template>'s, a <noscript>'s.
        self.unrendered = unrendered_elements(root)
        # Not shown as the page loads: a closed tab's or folded box's stories are still
        # the page's (a click away) and are listed, but its words never name a box.
        self.hidden = hidden_elements(root, hiding)
        self.text_len: dict[HtmlElement, int] = {}
        self.link_len: dict[HtmlElement, int] = {}
        self.anchor_count: dict[HtmlElement, int] = {}  # links with an href inside
        self._resolved: dict[str, str] = {}
        self._measure()

    def _measure(self) -> None:
        # Every element of the page passes here, so the loop keeps to local names and
        # reads each child's text tail once (a tenth of the related links' time before).
        body = self.root.find("body")
        top = body if body is not None else self.root
        elements = list(top.iter(etree.Element))  # elements only: no comments, no PIs
        text_len = self.text_len
        link_len = self.link_len
        anchor_count = self.anchor_count
        unrendered = self.unrendered
        for element in reversed(elements):
            tag = element.tag
            if tag in SKIP_TAGS or element in unrendered:
                text_len[element] = link_len[element] = anchor_count[element] = 0
                continue
            text = element.text
            total = len(text.strip()) if text else 0
            links = anchors = 0
            for child in element:
                tail = child.tail
                if tail:
                    total += len(tail.strip())
                if isinstance(child.tag, str):
                    total += text_len[child]
                    links += link_len[child]
                    anchors += anchor_count[child]
            text_len[element] = total
            if tag == "a":
                link_len[element] = total
                anchor_count[element] = anchors + (1 if element.get("href") else 0)
            else:
                link_len[element] = links
                anchor_count[element] = anchors

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
