"""What a block of story links is called: "Most read", "Related", "More from Example".

A list is named by a heading inside it (a heading between cards starts a new group),
else by the heading just before it (looked for among the preceding siblings of the
list and of a few of its ancestors, never past prose or another list of stories),
else by its aria-label, else by the words of its class ("most-popular" → "Most
popular"), else "More from SITE". A card alone is named by its lead-in ("Read more:"),
by a heading on the card, by the label just before it, or by the lone card before it.

A heading that says the block is not related reading ("Sponsored", "Topics", "From
around the web") names it as excluded: the caller drops it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from tui_news.core.text import word_set
from tui_news.reader import headline, vocab
from tui_news.reader.related_blocks import Block, Card, card_title
from tui_news.reader.related_page import RelatedPage, tokens
from tui_news.reader.story_links import lead_in

EXCLUDED = "\x00excluded"
# "Topics" over a list: its cards count only when they are sure stories (the caller
# decides, card by card); the heading's text follows the marker.
TOPICS = "\x00topics:"
_MAX_NAME = 80
_CLIMB = 4
_STOP_TEXT = 200  # a preceding sibling this long is content, not a block's heading
_LABEL_TAGS = word_set("strong b span div p em dt header legend caption summary label")
_HEADER_TOKENS = word_set("title heading header hdr headline label hed")
# Class words that name a block when nothing else does, in order of preference.
_CLASS_NAMES = (
    (frozenset(("related",)), "Related stories"),
    (word_set("popular mostread mostpopular mostviewed"), "Most popular"),
    (frozenset(("trending",)), "Trending"),
    (word_set("recommended recommendations recirc recirculation"), "Recommended"),
    (word_set("latest recent newest"), "Latest"),
)


class Namer:
    """Names blocks of one page; remembers lone cards so a run of them shares a name."""

    def __init__(
        self, page: RelatedPage, story_anchors: set[HtmlElement], site: str, title: str = ""
    ) -> None:
        self.page = page
        self._title = vocab.normalise(title).casefold()  # the article's own headline
        self.story_anchors = story_anchors
        self._holders = {el for anchor in story_anchors for el in anchor.iterancestors()}
        # Text inside any link is a link's text (a card's title), never a block's heading.
        self._in_stories = {el for anchor in story_anchors for el in anchor.iterdescendants()}
        # Text inside another link names a block only in the block vocabulary ("Most
        # read", "Sponsored"): any other linked title is a card's, not a heading.
        self._in_links = {
            el for anchor in page.root.iter("a") if anchor.get("href") for el in anchor.iter()
        }
        self.default = f"More from {site}" if site else "More stories"
        self._lone: dict[HtmlElement, str] = {}

    def names(self, block: Block) -> list[str]:
        """One name per card of the block (EXCLUDED for cards under an excluded heading)."""
        if block.alone:
            name = self._lone_name(block.cards[0])
            self._lone[block.container] = name
            return [name]
        inner = self._inner_names(block)
        if inner[0] is None:
            first = self._outer_name(block.container) or self.default
            inner = [first if name is None else name for name in inner]
        return [name or self.default for name in inner]

    def _inner_names(self, block: Block) -> list[str | None]:
        """Headings among the cards: each names the cards after it."""
        cards = {card.element: index for index, card in enumerate(block.cards)}
        inside = {el for card in block.cards for el in card.element.iterdescendants()}
        names: list[str | None] = [None] * len(block.cards)
        current: str | None = None
        skip: set[HtmlElement] = set()
        for element in block.container.iterdescendants():
            if element in skip or element in inside or not isinstance(element.tag, str):
                continue
            index = cards.get(element)
            if index is not None:
                names[index] = current
                continue
            name = self.heading(element)
            if name is not None:
                current = name
                skip.update(element.iterdescendants())
        return names

    def _outer_name(self, container: HtmlElement) -> str | None:
        node = container
        for _ in range(_CLIMB):
            for sibling in node.itersiblings(preceding=True):
                if not isinstance(sibling.tag, str) or self._shown_size(sibling) == 0:
                    continue
                if sibling.tag == "h1" or next(sibling.iter("h1"), None) is not None:
                    return self._labelled(container)  # the article's own title: too far
                found = self._last_heading(sibling)
                if found is not None:
                    return found
                if self._shown_size(sibling) > _STOP_TEXT or self._has_story(sibling):
                    return self._labelled(container)
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html", "article", "main"):
                break
            node = parent
        return self._labelled(container)

    def _last_heading(self, element: HtmlElement) -> str | None:
        if self._shown_size(element) > _STOP_TEXT or self._has_story(element):
            return None
        found = self.heading(element)
        if found is not None:
            return found
        for inner in reversed(list(element.iterdescendants())):
            if isinstance(inner.tag, str):
                found = self.heading(inner)
                if found is not None:
                    return found
        return None

    def _labelled(self, container: HtmlElement) -> str | None:
        """An aria-label or telling class words on the list or just above it."""
        node: HtmlElement | None = container
        levels: list[HtmlElement] = []
        while node is not None and len(levels) < _CLIMB and node.tag not in ("body", "html"):
            levels.append(node)
            node = node.getparent()
        for element in levels:
            label = vocab.normalise(element.get("aria-label") or "")
            if label and len(label) <= _MAX_NAME and not vocab.is_ad_label(label):
                return EXCLUDED if vocab.is_excluded_heading(label) else label
        for element in levels:
            words = tokens(element)
            if "most" in words and words & {"read", "viewed", "popular", "shared"}:
                return "Most popular"
            for known, name in _CLASS_NAMES:
                if words & known:
                    return name
        return None

    def _lone_name(self, card: Card) -> str:
        element = card.element
        lead = lead_in(headline.visible_text(element))
        if lead:
            return vocab.normalise(lead)
        title = card_title(card)
        for inner in element.iterdescendants():
            if isinstance(inner.tag, str) and inner not in self.story_anchors:
                name = self.heading(inner)
                if name is not None and name != title and vocab.is_related_heading(name):
                    return name
        for sibling in element.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or self._shown_size(sibling) == 0:
                continue
            if sibling in self._lone:
                return self._lone[sibling]
            name = self.heading(sibling)
            if name is not None and (vocab.is_related_heading(name) or name == EXCLUDED):
                return name
            break
        return self._labelled(element) or self.default

    def heading(self, element: HtmlElement) -> str | None:
        """The name a heading-like element gives, EXCLUDED, or None if it is no heading."""
        size = self._shown_size(element)
        if not size or size > _MAX_NAME or self._has_story(element):
            return None
        tag = element.tag
        if tag == "h1":
            return None  # the page's own title
        is_heading = tag in headline.HEADING_TAGS or element.get("role") == "heading"
        if not is_heading and tag not in _LABEL_TAGS:
            return None
        if not is_heading and any(
            isinstance(child.tag, str) and child.tag in _BLOCKS for child in element
        ):
            return None  # the heading inside speaks for itself
        tabs = [a for a in element.iter("a") if a.text_content().strip()]
        pieces = [tabs[0].text_content()] if len(tabs) >= 2 else headline.visible_pieces(element)
        # Tabs ("Related articles | More from author"): the first is the one shown.
        text = vocab.normalise(pieces[0] if pieces else element.text_content())
        if not text or vocab.is_ad_label(text):
            return None
        if vocab.is_excluded_heading(text):
            return TOPICS + text if vocab.is_topics_heading(text) else EXCLUDED
        if vocab.is_related_heading(text):
            return text
        if vocab.is_action_text(text) or self._is_page_title(text) or element in self._in_links:
            return None
        if is_heading or tokens(element) & _HEADER_TOKENS:
            return text
        return None

    def _shown_size(self, element: HtmlElement) -> int:
        """The element's text, none when the page hides it: a closed tab's heading
        names nothing."""
        return 0 if element in self.page.hidden else self.page.text_len.get(element, 0)

    def _is_page_title(self, text: str) -> bool:
        folded = text.casefold()
        return bool(self._title) and len(folded) >= 12 and folded in self._title

    def _has_story(self, element: HtmlElement) -> bool:
        return (
            element in self._holders or element in self.story_anchors or element in self._in_stories
        )


_BLOCKS = word_set("div p ul ol section aside article header footer h1 h2 h3 h4 h5 h6")
