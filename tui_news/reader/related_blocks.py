"""Where a page's story links sit: cards, lists of cards, and cards standing alone.

A card is the largest element around a story link that holds no other story: the
`<li>`, the teaser `<article>`, the `<div>` with picture, kicker, headline and summary.
A list is the nearest element above a card that holds cards of two or more stories; it
counts when it is made of its cards (little text of its own: not the article's prose)
and when most of its link text is story links (not a menu of sections with one story
in it). `<ul>` lists and grids of `<div>` cards are the same thing to this module.

A card alone (a "Read more: <headline>" paragraph, a promo box between paragraphs)
counts when it is link-only and sure of itself: a long-slug or dated URL on the site,
a headline of several words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement, defs

from tui_news.core.text import word_set
from tui_news.reader import headline, vocab
from tui_news.reader.hidden import shown
from tui_news.reader.related_page import RelatedPage
from tui_news.reader.story_links import Story, clean_title, headline_like, lead_in

_MULTI = "\x00multi"
_TOP_TAGS = frozenset(("body", "html"))
_CLIMB = 3  # lists of lists: a rail of three boxes, not the whole page
_CARD_TEXT = 700  # a card is a teaser, not a page section
_LONE_PROSE = 30  # "Read more:", "Related coverage:" and the like
_PAGER_LEAD_RE = re.compile(r"^\W*(next|previous|prev)\b(?! (up|to read))", re.IGNORECASE)
_TEASER_PROSE = 200  # a teaser's summary, not a paragraph of the article
_BOX_TAGS = word_set("aside figure div section article")
_ALONE_TAGS = word_set("p div aside section article li dl dd figure blockquote span")


@dataclass(slots=True)
class Card:
    element: HtmlElement
    stories: list[Story] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.stories[0].url

    @property
    def strength(self) -> int:
        return max(story.strength for story in self.stories)

    @property
    def foreign(self) -> bool:
        return self.stories[0].foreign


@dataclass(slots=True)
class Block:
    """A list of cards (`container` holds them) or one card alone (`container` is it)."""

    container: HtmlElement
    cards: list[Card]
    alone: bool


def find_blocks(page: RelatedPage, stories: list[Story]) -> list[Block]:
    """The page's lists of story cards and lone story cards, in page order."""
    state = _url_states(stories)
    cards = _cards(page, stories, state)
    covered = _covered_text(page, cards)
    story_urls = {story.url for story in stories}
    holders = _holders(page, cards, state, covered)
    lists: dict[HtmlElement, list[Card]] = {}
    order: list[tuple[HtmlElement, bool]] = []
    for card in cards:
        parent = holders.get(card.element)
        if parent is not None:
            if parent not in lists:
                lists[parent] = []
                order.append((parent, False))
            lists[parent].append(card)
        elif _stands_alone(page, card):
            order.append((card.element, True))
            lists[card.element] = [card]
    _merge_lone_features(lists, order)
    blocks = []
    for container, alone in order:
        members = lists[container]
        if alone or _is_story_list(page, container, members, story_urls, state):
            blocks.append(Block(container, members, alone))
    return blocks


def _merge_lone_features(
    lists: dict[HtmlElement, list[Card]], order: list[tuple[HtmlElement, bool]]
) -> None:
    """A featured card over a list inside the same box ("Latest": one big teaser, then
    five headlines) joins that list instead of standing as a list of one."""
    holders = [container for container, alone in order if not alone]
    for container in holders:
        members = lists[container]
        if len({card.url for card in members}) >= 2 or not all(map(_featured, members)):
            continue
        inner = next(
            (other for other in holders if other is not container and _inside(other, container)),
            None,
        )
        if inner is not None and len({card.url for card in lists[inner]}) >= 2:
            members.extend(lists[inner])  # the box is the block: its heading names both
            lists[inner] = []


def _featured(card: Card) -> bool:
    """A sure story of this site with a real headline, not a shop or app button."""
    return card.strength >= 2 and not card.foreign and len(card_title(card).split()) >= 4


def _inside(element: HtmlElement, container: HtmlElement) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def card_title(card: Card) -> str:
    """The card's headline: from a heading in a link, else a link's text, else a heading
    printed on the card outside its links (a picture link under an <h3>)."""
    for story in card.stories:
        if story.from_heading and story.title:
            return story.title
    for story in card.stories:
        if story.title:
            return story.title
    for element in shown(card.element):
        if element.tag in headline.HEADING_TAGS or headline.is_title_element(element):
            title = clean_title(headline.visible_text(element))
            if headline_like(title):
                return title
    return ""


def _url_states(stories: list[Story]) -> dict[HtmlElement, str]:
    """For every element above a story link: the one story URL under it, or _MULTI."""
    state: dict[HtmlElement, str] = {}
    for story in stories:
        element: HtmlElement | None = story.anchor
        while element is not None:
            found = state.get(element)
            if found == _MULTI or found == story.url:
                break
            state[element] = story.url if found is None else _MULTI
            element = element.getparent()
    return state


def _holders(
    page: RelatedPage,
    cards: list[Card],
    state: dict[HtmlElement, str],
    covered: dict[HtmlElement, int],
) -> dict[HtmlElement, HtmlElement]:
    """The list each card belongs to: the nearest element above it holding cards of
    another story too (the same card twice, for two screen sizes, is not a list)."""
    card_urls: dict[HtmlElement, set[str]] = {}
    for card in cards:
        for ancestor in card.element.iterancestors():
            card_urls.setdefault(ancestor, set()).add(card.url)
    holders: dict[HtmlElement, HtmlElement] = {}
    for card in cards:
        parent = _holder(card.element, state)
        for _ in range(_CLIMB):
            if parent is None:
                break
            if len(card_urls.get(parent, ())) >= 2 and _is_list(page, parent, covered):
                holders[card.element] = parent
                break
            parent = _holder(parent, state)
    return holders


def _holder(element: HtmlElement, state: dict[HtmlElement, str]) -> HtmlElement | None:
    """The nearest element above a card that holds other stories too."""
    for ancestor in element.iterancestors():
        if ancestor.tag in _TOP_TAGS:
            return None
        if state.get(ancestor) == _MULTI:
            return ancestor
    return None


def _cards(page: RelatedPage, stories: list[Story], state: dict[HtmlElement, str]) -> list[Card]:
    cards: dict[HtmlElement, Card] = {}
    for story in stories:
        element = story.anchor
        while True:
            parent = element.getparent()
            if parent is None or parent.tag in _TOP_TAGS or state.get(parent) != story.url:
                break
            if page.text_len.get(parent, 0) > _CARD_TEXT:
                break
            element = parent
        cards.setdefault(element, Card(element)).stories.append(story)
    return list(cards.values())


def _covered_text(page: RelatedPage, cards: list[Card]) -> dict[HtmlElement, int]:
    """For every element above a card: how much of its text is cards' text."""
    covered: dict[HtmlElement, int] = {}
    for card in cards:
        size = page.text_len.get(card.element, 0)
        for element in card.element.iterancestors():
            covered[element] = covered.get(element, 0) + size
    return covered


def _is_list(page: RelatedPage, element: HtmlElement, covered: dict[HtmlElement, int]) -> bool:
    """Made of cards: the element's own text (headings, "See all", dates) stays small."""
    cards = covered.get(element, 0)
    other = page.text_len.get(element, 0) - cards
    return other <= 300 or other <= 0.6 * cards


def _is_story_list(
    page: RelatedPage,
    container: HtmlElement,
    cards: list[Card],
    story_urls: set[str],
    state: dict[HtmlElement, str],
) -> bool:
    """Two stories or more, and more headline than other link text (not a menu of
    sections with a story in it). A card's headline counts even when its link says
    "View" and the headline is printed beside it; a menu in a box of its own beside
    the cards (a rail's "Compare products" links) is not among them."""
    if len({card.url for card in cards}) < 2:
        return False
    headlines = sum(len(card_title(card)) for card in cards)
    other = 0
    for anchor in container.iter("a"):
        if page.resolve(anchor.get("href")) in story_urls:
            continue
        if not _in_own_menu(anchor, container, state):
            other += page.text_len.get(anchor, 0)
    return headlines >= other


def _in_own_menu(
    anchor: HtmlElement, container: HtmlElement, state: dict[HtmlElement, str]
) -> bool:
    """Inside a box of three links or more that holds no story of the list."""
    for ancestor in anchor.iterancestors():
        if ancestor is container:
            return False
        if ancestor not in state and len(ancestor.findall(".//a")) >= 3:
            return True
    return False


def _stands_alone(page: RelatedPage, card: Card) -> bool:
    """A link-only paragraph or box with one sure story in it."""
    element = card.element
    headed = _related_heading(element)
    boxed = element.tag in _ALONE_TAGS or element.tag not in defs.tags  # or <teaser-box>
    if (not boxed and not headed) or card.strength < 2 or card.foreign:
        return False
    title = card_title(card)
    if not title:
        return False
    prose = page.prose(element)
    story_text = sum(page.text_len.get(story.anchor, 0) for story in card.stories)
    other_links = page.link_len.get(element, 0) - story_text
    if not headed and (other_links > 40 or other_links > story_text):
        return False
    text = headline.visible_text(element)
    lead = lead_in(text)
    if _PAGER_LEAD_RE.match(lead):
        return False  # "Next: Part two", "Previous: …": a series' pager, not a promotion
    if prose > _LONE_PROSE + len(lead) and not _teaser_box(element, title, prose):
        return False
    return len(title.split()) >= 4 or bool(lead)


def _teaser_box(element: HtmlElement, title: str, prose: int) -> bool:
    """A promo box set apart from the prose (an <aside>, a <figure>, a classed <div>):
    a headline of several words with a short summary or kicker beside it."""
    if element.tag not in _BOX_TAGS or (element.tag == "div" and not element.get("class")):
        return False
    return len(title.split()) >= 4 and prose <= _TEASER_PROSE


def _related_heading(element: HtmlElement) -> bool:
    """A box with its own "More stories" heading over the one story."""
    return any(
        vocab.is_related_heading(heading.text_content())
        for heading in shown(element)
        if heading.tag in headline.HEADING_TAGS and heading is not element
    )
