"""Related links: the blocks of a page that list other stories.

Found from structure, not from a site's own words, so it carries over to sites never
seen: every link is judged on its own (`story_links`: an article-like URL, a
headline-like text, outside menus, ads, comments and pagers), the links are grouped by
the markup around them into cards and lists of cards (`related_blocks`), and each
block is named from its heading, aria-label or class (`block_names`).

A list counts when at least one of its stories is surely an article of this site (a
date, an id or a long slug in the path); a list of links to other sites counts only
under a related-reading heading. Each URL is listed once, where it first appears.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from tui_news.core import urls as core_urls
from tui_news.core.text import squash
from tui_news.reader import headline, urls, vocab
from tui_news.reader.article import RelatedLink
from tui_news.reader.block_names import EXCLUDED, TOPICS, Namer
from tui_news.reader.related_blocks import Block, Card, card_title, find_blocks
from tui_news.reader.related_page import RelatedPage
from tui_news.reader.story_links import Story, headline_like, judge

# A price with its cents ("19,99 €", "£12.50") or a shop's words printed on a card.
_PRICE_RE = re.compile(
    r"\d[.,]\d{2}\s?(€|eur\b|chf\b|\$|£)|(€|\$|£)\s?\d+[.,]\d{2}\b|\b(inkl\.? mwst|zzgl\."
    r"|add to (cart|basket)|in den warenkorb|auf den wunschzettel|buy now|jetzt kaufen)",
    re.IGNORECASE,
)


def find_related(
    root: HtmlElement, page_url: str, *, canonical_url: str = "", base_href: str | None = None
) -> list[RelatedLink]:
    """Every related-links block of the page, in page order, each URL once."""
    base = urls.base_url(page_url or canonical_url, base_href)
    page = RelatedPage(root, base, (page_url, canonical_url))
    stories = _without_sections(_stories(page))
    anchors = {story.anchor for story in stories}
    page_title = _page_title(root)
    namer = Namer(page, anchors, _site_name(root, base), page_title)
    own_titles = [vocab.normalise(text).casefold() for text in (page_title, *_headings(root))]
    found: list[RelatedLink] = []
    seen: set[str] = set()
    spelling: dict[str, str] = {}
    for block in find_blocks(page, stories):
        names = [
            _topic_name(card, name)
            for card, name in zip(block.cards, namer.names(block), strict=True)
        ]
        if not _counts(block, names, namer.default):
            continue
        for card, name in zip(block.cards, names, strict=True):
            if name == EXCLUDED:
                continue
            title = card_title(card)
            key = _key(card.url)
            if not headline_like(title) or key in seen or _is_product(card.element, title):
                continue
            if vocab.normalise(title).lower() == name.lower():
                continue  # the heading's own "more" link
            if any(_names_the_page(title, own) for own in own_titles if own):
                continue  # the article itself under another address
            seen.add(key)
            group = spelling.setdefault(name.lower(), name)  # "Read more" = "READ MORE"
            found.append(RelatedLink(group, title, card.url))
    return found


def _topic_name(card: Card, name: str) -> str:
    """Under a "Topics" heading, a sure story of this site with a real headline still
    counts (the heading names it); anything else there is a topic page."""
    if not name.startswith(TOPICS):
        return name
    if card.strength >= 2 and not card.foreign and len(card_title(card).split()) >= 4:
        return name[len(TOPICS) :]
    return EXCLUDED


def _names_the_page(title: str, own_title: str) -> bool:
    """The page's own headline ("Headline « Blog name" in its <title>)."""
    folded = vocab.normalise(title).casefold()
    if len(folded) < 20 or not own_title.startswith(folded):
        return False
    rest = own_title[len(folded) :].lstrip()
    return not rest or rest[0] in "|-–—«»:·•[("


def _is_product(card: HtmlElement, title: str) -> bool:
    """A shop's product tile: a price or a basket button beside the name."""
    rest = headline.visible_text(card).replace(title, " ")
    return _PRICE_RE.search(rest) is not None


def _stories(page: RelatedPage) -> list[Story]:
    body = page.root.find("body")
    top = body if body is not None else page.root
    return [story for anchor in top.iter("a") if (story := judge(page, anchor)) is not None]


def _without_sections(stories: list[Story]) -> list[Story]:
    """Drop short-slug links that are the section of another story ("/news/local/")."""
    paths = {_key(story.url) for story in stories}
    kept = []
    for story in stories:
        if story.strength < 2:
            own = _key(story.url).split("?")[0] + "/"
            if any(path != own and path.startswith(own) for path in paths):
                continue
        kept.append(story)
    return kept


def _counts(block: Block, names: list[str], default: str) -> bool:
    """A sure story of this site in it, or links elsewhere under a related heading."""
    cards = [card for card, name in zip(block.cards, names, strict=True) if name != EXCLUDED]
    if not cards:
        return False
    if any(card.strength >= 2 and not card.foreign and not card.footer for card in cards):
        return True
    return any(vocab.is_related_heading(name) for name in names if name not in (EXCLUDED, default))


def _key(url: str) -> str:
    return urls.page_key(url)


def _page_title(root: HtmlElement) -> str:
    for meta in root.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            return meta.get("content") or ""
    title = root.find(".//title")
    return title.text_content() if title is not None else ""


def _headings(root: HtmlElement) -> list[str]:
    """The page's first few <h1>: a blog's name, then the post's headline."""
    return [heading.text_content() for heading, _ in zip(root.iter("h1"), range(3), strict=False)]


def _site_name(root: HtmlElement, base: str) -> str:
    for meta in root.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:site_name":
            name = squash(meta.get("content") or "")
            if 0 < len(name) <= 40:
                return name
    return core_urls.bare_host(base)
