"""Related links: the blocks of a page that list other stories.

Which links list other stories is decided by a model, not by a site's own words, so it
carries over to sites never seen: every distinct link of the page is measured
(`link_features`: its text, its address, the markup and the box of links around it)
and scored by boosted trees trained on hand-labelled pages (`link_model`). Rules keep
only what must never show whatever the score: the page itself, sharing and ad-network
links, links with no headline, shop tiles. The chosen links are then grouped by the
markup around them into cards and lists (`related_blocks`), and each list is named from
its heading, aria-label or class (`block_names`); a list the page names this way is
shown from a lower score than a nameless one, and a nameless one in the page's masthead or
menus, before the article, only when the model is sure. Each URL is listed once, where it
first appears.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from tui_news.core import urls as core_urls
from tui_news.core.text import squash
from tui_news.reader import headline, urls, vocab
from tui_news.reader.article import RelatedLink
from tui_news.reader.block_names import EXCLUDED, TOPICS, Namer
from tui_news.reader.link_features import candidates
from tui_news.reader.link_model import Scorer, related_model
from tui_news.reader.related_blocks import Card, card_title, find_blocks
from tui_news.reader.related_page import RelatedPage
from tui_news.reader.story_links import Story, is_job_advert, story_title

_STORYISH = 0.2  # a score from which a link is taken for a card's, never a heading
_SURE_STORY = 2 / 3  # link_features' "strength": story_url_strength 2 of 3
# A list the page names (a heading, an aria-label, a title, class words) holds stories
# far more often than a nameless run of links: with sites left out (train_related.py
# --whole, one dealing), 98% of the links the model chose in named lists were right,
# 65% in nameless ones. So a named list's links are shown from a score this
# much under the model's threshold, a nameless one's from this much over it.
_NAMED_EASIER = 0.2
_NAMELESS_HARDER = 0.1
# A nameless list before the article's prose or in the page's navigation or masthead (a
# <nav> or <header>, or near class words such as "menu", "masthead") is mostly a menu's
# teasers, unless its own class words call it related, latest or popular stories
# (engadget's "context_nav__related"). With sites left out (three dealings), of the links
# the model scored 0.7 to 0.9 in such lists, 4 were right and 73 wrong; from 0.9, 40 right
# and 17 wrong. So those need the model to be this sure.
_MASTHEAD_HARDER = 0.3
_MASTHEAD = ("before", "in_nav", "in_header", "near_nav", "near_header")
_STORY_BOX = ("near_rel", "near_more", "near_pop", "near_latest", "near_rec")

# A price with its cents ("19,99 €", "£12.50") or a shop's words printed on a card.
_PRICE_RE = re.compile(
    r"\d[.,]\d{2}\s?(€|eur\b|chf\b|\$|£)|(€|\$|£)\s?\d+[.,]\d{2}\b|\b(inkl\.? mwst|zzgl\."
    r"|add to (cart|basket)|in den warenkorb|auf den wunschzettel|buy now|jetzt kaufen)",
    re.IGNORECASE,
)


def find_related(
    root: HtmlElement,
    page_url: str,
    *,
    canonical_url: str = "",
    base_href: str | None = None,
    model: Scorer | None = None,
    hiding: list[HtmlElement] | None = None,
) -> list[RelatedLink]:
    """Every related-links block of the page, in page order, each URL once.

    `model` decides which links list other stories (the shipped one by default);
    `hiding` is `hidden.hiding(root)` when the caller has read it."""
    base = urls.base_url(page_url or canonical_url, base_href)
    page = RelatedPage(root, base, (page_url, canonical_url), hiding)
    scorer = model or related_model()
    scored = [
        (candidate, scorer.score(candidate.features))
        for candidate in candidates(page, page_url or canonical_url or base)
    ]
    # Chosen on the named lists' bar; a nameless list's links must clear a higher one
    # once the lists are named (`_NAMED_EASIER`).
    named_bar = scorer.threshold - _NAMED_EASIER
    score_of = {candidate.url: score for candidate, score in scored}
    features_of = {candidate.url: candidate.features for candidate, _ in scored}
    chosen = {url for url, score in score_of.items() if score >= named_bar}
    # A card the model left out still holds a headline, not the name of the cards after it.
    storyish = {
        candidate.url
        for candidate, score in scored
        if score >= _STORYISH or candidate.features.get("strength", 0) >= _SURE_STORY
    }
    stories, card_links = _stories(page, chosen, storyish)
    page_title = _page_title(root)
    namer = Namer(page, card_links, _site_name(root, base), page_title)
    own_titles = [vocab.normalise(text).casefold() for text in (page_title, *_headings(root))]
    found: dict[str, RelatedLink] = {}
    spelling: dict[str, str] = {}
    for card, name in _named_cards(page, stories, namer):
        # The model has weighed the heading already: an ad's heading lowers its score.
        name = namer.default if name == EXCLUDED else name.removeprefix(TOPICS)
        title = card_title(card)
        key = urls.page_key(card.url)
        if not title or key in found or _is_product(card.element, title) or is_job_advert(title):
            continue
        if vocab.normalise(title).lower() == name.lower():
            continue  # the heading's own "more" link
        if any(_names_the_page(title, own) for own in own_titles if own):
            continue  # the article itself under another address
        if name == namer.default and score_of[card.url] < _nameless_bar(
            scorer.threshold, features_of[card.url]
        ):
            continue
        group = spelling.setdefault(name.lower(), name)  # "Read more" = "READ MORE"
        found[key] = RelatedLink(group, title, card.url)
    return list(found.values())


def _nameless_bar(threshold: float, features: dict[str, float]) -> float:
    """The score from which a link in a nameless list is shown."""
    if any(features.get(name) for name in _MASTHEAD) and not any(
        features.get(name) for name in _STORY_BOX
    ):
        return threshold + _MASTHEAD_HARDER
    return threshold + _NAMELESS_HARDER


def _named_cards(page: RelatedPage, stories: list[Story], namer: Namer) -> list[tuple[Card, str]]:
    """The chosen stories' cards with their blocks' names, in page order."""
    placed: list[tuple[Card, str]] = []
    for block in find_blocks(page, stories):
        placed.extend(zip(block.cards, namer.names(block), strict=True))
    placed_urls = {card.url for card, _ in placed}
    for story in stories:  # chosen, but in no list the markup makes: a card of its own
        if story.url not in placed_urls:
            placed_urls.add(story.url)
            placed.append((Card(story.anchor, [story]), namer.default))
    order = {story.anchor: index for index, story in enumerate(stories)}
    placed.sort(key=lambda item: order[item[0].stories[0].anchor])
    return placed


def _stories(
    page: RelatedPage, chosen: set[str], storyish: set[str]
) -> tuple[list[Story], set[HtmlElement]]:
    """Every link to a chosen address (a card's picture link and headline link alike),
    and every link to a story-like one, in one walk over the page's links."""
    body = page.root.find("body")
    top = body if body is not None else page.root
    stories = []
    card_links = set()
    for anchor in top.iter("a"):
        if anchor in page.unrendered:
            continue
        url = page.resolve(anchor.get("href"))
        if url in storyish:
            card_links.add(anchor)
        if url not in chosen:
            continue
        title, from_heading = story_title(anchor)
        strength = urls.story_url_strength(url)
        foreign = not page.same_site(url)
        stories.append(Story(anchor, url, title, from_heading, strength, foreign))
    return stories, card_links


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
