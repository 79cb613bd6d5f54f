"""Related links: the blocks of a page that list other stories.

A block is found from its heading ("Latest World News", "More on this story",
"Read more:" …, see `vocab`): climb from the heading to the smallest container
holding story links. If that container is mostly prose (the heading is a lead-in
inside the article), only the link-only siblings that follow the heading count.
Within a container, a link belongs to the nearest heading before it, so two
blocks sharing a wrapper stay apart.

A story link is an http(s) URL that looks like one article (slug, id or date in
the path; not a tag, section, author, share or legal page), with headline-like
text. Navigation (`<nav>`, role=navigation) never contributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from tui_news.core import urls as core_urls
from tui_news.core.text import word_set
from tui_news.reader import headline, urls, vocab
from tui_news.reader.article import RelatedLink

_HEADING_TAGS = headline.HEADING_TAGS
_LABEL_TAGS = _HEADING_TAGS | word_set(
    "strong b span div p em dt header legend caption summary button li a label"
)
_INLINE_TAGS = word_set("span strong b em i a small abbr br img svg u mark")
_SKIP_TAGS = word_set("script style noscript template svg select option")
_SOCIAL_HOSTS = re.compile(
    r"(^|\.)(facebook\.com|fb\.me|twitter\.com|x\.com|t\.co|linkedin\.com|pinterest\.[a-z.]+"
    r"|reddit\.com|whatsapp\.com|wa\.me|t\.me|telegram\.(me|org)|instagram\.com|tiktok\.com"
    r"|youtube\.com|youtu\.be|flipboard\.com|tumblr\.com|vk\.com|getpocket\.com"
    r"|addtoany\.com|sharethis\.com|news\.google\.com|doubleclick\.net|taboola\.com"
    r"|outbrain\.com|googleadservices\.com)$",
    re.IGNORECASE,
)
_MAX_CLIMB = 8
_MAX_HEADING_CHARS = 80


@dataclass(frozen=True, slots=True)
class _Candidate:
    url: str
    title: str
    from_heading: bool


class _Page:
    """One parsed page with the per-element figures the heuristics need."""

    def __init__(self, root: HtmlElement, base: str, own_urls: Iterable[str]) -> None:
        self.root = root
        self.base = base
        self.own_urls = [u for u in own_urls if u]
        self.text_len: dict[HtmlElement, int] = {}
        self.link_len: dict[HtmlElement, int] = {}
        self.navigation: set[HtmlElement] = set()
        self.in_link: set[HtmlElement] = set()
        self._resolved: dict[str, str] = {}
        self._candidates: dict[HtmlElement, _Candidate | None] = {}
        self._measure()

    def _measure(self) -> None:
        """Text and link-text lengths of every element in one bottom-up pass."""
        elements = [el for el in self.root.iter() if isinstance(el.tag, str)]
        for element in reversed(elements):
            if element.tag in _SKIP_TAGS:
                self.text_len[element] = self.link_len[element] = 0
                continue
            total = len((element.text or "").strip())
            links = 0
            for child in element:
                if not isinstance(child.tag, str):
                    total += len((child.tail or "").strip())
                    continue
                total += self.text_len[child] + len((child.tail or "").strip())
                links += self.link_len[child]
            self.text_len[element] = total
            self.link_len[element] = total if element.tag == "a" else links
        for element in elements:
            if element.tag == "nav" or element.get("role") == "navigation":
                self.navigation.update(element.iter())
            elif element.tag == "a":
                self.in_link.update(element.iterdescendants())

    def resolve(self, href: str | None) -> str:
        """urls.resolve, remembered: pages repeat the same links many times."""
        if not href:
            return ""
        found = self._resolved.get(href)
        if found is None:
            found = self._resolved[href] = urls.resolve(href, self.base)
        return found

    def candidate(self, anchor: HtmlElement) -> _Candidate | None:
        if anchor not in self._candidates:
            self._candidates[anchor] = self._judge(anchor)
        return self._candidates[anchor]

    def _judge(self, anchor: HtmlElement) -> _Candidate | None:
        if anchor in self.navigation:
            return None
        url = self.resolve(anchor.get("href"))
        if not url or "{{" in anchor.get("href", "") or not urls.looks_like_article(url):
            return None  # {{url}}: an unfilled client-side template
        host = core_urls.host(url)
        if _SOCIAL_HOSTS.search(host) or any(urls.same_page(url, own) for own in self.own_urls):
            return None
        title, from_heading = headline.anchor_title(anchor)
        if not from_heading:
            title = headline.context_title(anchor, title)
        label = vocab.lead_in(title)
        if label and len(title) > len(label) + 10:
            title = vocab.LEAD_IN_RE.sub("", title)  # "Read more Italy and Poland at risk…"
        if title and (vocab.is_action_text(title) or "{{" in title):
            return None
        return _Candidate(url, title, from_heading)


def find_related(
    root: HtmlElement, page_url: str, *, canonical_url: str = "", base_href: str | None = None
) -> list[RelatedLink]:
    """Every related-links block of the page, in page order, each URL once."""
    base = urls.base_url(page_url or canonical_url, base_href)
    page = _Page(root, base, (page_url, canonical_url))
    headings, boundaries = _headings(page)
    found: list[RelatedLink] = []
    seen: set[str] = set()
    spelling: dict[str, str] = {}
    for heading, name in headings:
        group = spelling.setdefault(name.lower(), name)  # "Read more" and "READ MORE" are one
        for candidate in _merge(_block(page, heading, boundaries)):
            if vocab.normalise(candidate.title).lower() == group.lower():
                continue  # the heading's own "more" link
            if candidate.url not in seen:
                seen.add(candidate.url)
                found.append(RelatedLink(group, candidate.title, candidate.url))
    return found


def _headings(page: _Page) -> tuple[list[tuple[HtmlElement, str]], dict[HtmlElement, int]]:
    """(heading, group name) of every related block, and the elements that end a block.

    A block ends at another block's heading (level 0: always) or at a plain heading
    of its own level or above: h3 card titles do not end an h2 block.
    """
    headings: list[tuple[HtmlElement, str]] = []
    boundaries: dict[HtmlElement, int] = {}
    claimed: set[HtmlElement] = set()
    for element in page.root.iter():
        if not isinstance(element.tag, str) or element in claimed or element in page.navigation:
            continue
        if _inline_lead_in(page, element):  # "MORE: <headline>"
            headings.append((element, vocab.normalise(element.text or "")))
            claimed.update(element.iter())
            continue
        if element.tag in _LABEL_TAGS and element in page.in_link:
            if _card_label(page, element):  # "Read more" printed on a story card
                headings.append((element, vocab.normalise(element.text_content())))
                claimed.update(element.iter())
            continue
        text = _label_text(page, element)
        if text is not None and vocab.is_ad_label(text):
            continue
        if text is not None and vocab.is_related_heading(text):
            headings.append((element, vocab.normalise(text)))
            boundaries[element] = 0
        elif text is not None and vocab.is_excluded_heading(text):
            boundaries[element] = 0
        elif element.tag in _HEADING_TAGS and element not in page.in_link:
            if not _holds_story(page, element):
                boundaries[element] = _level(element)
            continue
        else:
            continue
        claimed.update(element.iter())
    return headings, boundaries


def _inline_lead_in(page: _Page, element: HtmlElement) -> bool:
    lead = element.text
    if not lead or element.tag not in _LABEL_TAGS or not vocab.INLINE_LEAD_IN_RE.match(lead):
        return False
    first = next((child for child in element if isinstance(child.tag, str)), None)
    return first is not None and _holds_story(page, first)


def _card_label(page: _Page, element: HtmlElement) -> bool:
    if page.text_len.get(element, 0) > 30 or len(element):
        return False
    link = next(a for a in element.iterancestors() if a.tag == "a")
    text = element.text_content()
    return vocab.is_related_heading(text) and page.candidate(link) is not None


def _level(element: HtmlElement) -> int:
    """h1 → 1 … h6 → 6; other labels (a <strong>, a <div>) count as h2."""
    return int(element.tag[1]) if element.tag in _HEADING_TAGS else 2


def _ends(boundaries: dict[HtmlElement, int], element: HtmlElement, level: int) -> bool:
    found = boundaries.get(element)
    return found is not None and found <= level


def _label_text(page: _Page, element: HtmlElement) -> str | None:
    """The text of a short element that could label a block, else None."""
    if element.tag not in _LABEL_TAGS or page.text_len.get(element, 0) > _MAX_HEADING_CHARS:
        return None
    if element.tag not in _HEADING_TAGS and any(
        isinstance(child.tag, str) and child.tag not in _INLINE_TAGS for child in element
    ):
        return None  # let the heading inside speak for itself
    if element.tag not in _HEADING_TAGS and any(
        page.resolve(a.get("href")) for a in element.iter("a")
    ):
        return None  # a real link is content (a menu item), not a label
    if element in page.in_link or _holds_story(page, element):
        return None
    text = " ".join(element.text_content().split())
    return text or None


def _holds_story(page: _Page, element: HtmlElement) -> bool:
    return any(page.candidate(a) is not None for a in element.iter("a"))


def _block(
    page: _Page, heading: HtmlElement, boundaries: dict[HtmlElement, int]
) -> list[_Candidate]:
    """The story links a heading labels."""
    link = next((a for a in heading.iterancestors() if a.tag == "a"), None)
    if link is not None:
        candidate = page.candidate(link)
        return [candidate] if candidate is not None else []
    if _inline_lead_in(page, heading):
        return [c for a in heading.iter("a") if (c := page.candidate(a)) is not None]
    inside = set(heading.iter())
    node = heading
    for _ in range(_MAX_CLIMB):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html") or parent in page.navigation:
            return []
        if any(page.candidate(a) for a in parent.iter("a") if a not in inside):
            if _is_dense(page, parent, heading):
                return list(_section(page, parent, heading, boundaries))
            return list(_sibling_run(page, node, boundaries))
        node = parent
    return []


def _is_dense(page: _Page, container: HtmlElement, heading: HtmlElement) -> bool:
    """Mostly links (a list of stories), not prose with a few links in it."""
    links = page.link_len[container]
    prose = page.text_len[container] - links - page.text_len[heading]
    return prose <= 300 or prose <= 1.5 * links


def _section(
    page: _Page, container: HtmlElement, heading: HtmlElement, boundaries: dict[HtmlElement, int]
) -> Iterator[_Candidate]:
    """Story links after `heading` in `container`, up to the next block's heading."""
    started = False
    level = _level(heading)
    skip: set[HtmlElement] = set()
    for element in container.iter():
        if element is heading:
            started = True
            skip.update(heading.iter())
            continue
        if not started or element in skip:
            continue
        if _ends(boundaries, element, level):
            return
        if element.tag == "a" and (candidate := page.candidate(element)) is not None:
            yield candidate


def _sibling_run(
    page: _Page, node: HtmlElement, boundaries: dict[HtmlElement, int]
) -> Iterator[_Candidate]:
    """Link-only siblings after a lead-in inside prose ("More on this:" + list of links)."""
    for sibling in node.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if any(_ends(boundaries, el, 6) for el in sibling.iter()):
            return
        found = _story_links(page, sibling)
        if found:
            yield from found
        elif page.text_len[sibling]:
            return


def _story_links(page: _Page, element: HtmlElement) -> list[_Candidate]:
    """The stories an element lists, if listing stories is what it does."""
    if element.tag in ("ul", "ol"):
        items = [li for li in element if li.tag == "li"]
        found = [_story_links(page, li) for li in items]
        if items and sum(1 for links in found if links) * 2 >= len(items):
            return [c for links in found for c in links]
        return []
    text = page.text_len[element]
    share = 0.3 if element.tag == "li" and text <= 200 else 0.6
    if page.link_len[element] < share * text:
        return []
    return [c for a in element.iter("a") if (c := page.candidate(a)) is not None]


def _merge(candidates: list[_Candidate]) -> Iterator[_Candidate]:
    """One entry per URL (a card links its picture and its headline), best title kept."""
    best: dict[str, _Candidate] = {}
    for candidate in candidates:
        old = best.get(candidate.url)
        better = candidate.title and (
            old is None or not old.title or (candidate.from_heading and not old.from_heading)
        )
        if old is None or better:
            best[candidate.url] = candidate
    for candidate in best.values():
        if _headline_like(candidate.title):
            yield candidate


def _headline_like(title: str) -> bool:
    return len(title.split()) >= 2 or len(title) >= 12
