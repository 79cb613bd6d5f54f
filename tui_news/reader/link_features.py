"""What a related-links model sees of each link on a page: plain, generic measurements.

Each distinct address on the page (its first link) becomes one row of numbers about the
link's text (how many words, capitals, a picture), its address (same site, depth, a slug,
a date, an id), the markup around it (the tags and the class/id words of its ancestors,
sorted into a few families such as "nav", "related", "ad"), the box of links it sits in
(how many, how link-dense, how alike its cards are, what its heading says) and where it
sits against the article's prose. Nothing here names a site or decides anything: the
model in `link_model` weighs the rows, trained on hand-labelled pages
(`tools/train_related.py`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from lxml.html import HtmlElement

from tui_news.core.text import word_set
from tui_news.reader import urls, vocab
from tui_news.reader.box_headings import BoxHeadings, link_text
from tui_news.reader.related_page import RelatedPage
from tui_news.reader.story_links import in_sentence, in_tree, is_label, never_a_story

_CAMEL_RE = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")
_FAMILIES = {
    "rel": "related relatedposts relatedstories recirc recirculation similar also yarpp",
    "more": "more",
    "pop": "popular mostread most trending top topstories hot",
    "latest": "latest recent new newest",
    "rec": "recommended recommendations recommend suggested foryou",
    "nav": "nav navi navbar navigation menu submenu breadcrumb breadcrumbs dropdown drawer",
    "header": "header masthead topbar",
    "footer": "footer foot colophon bottom",
    "share": "share sharing social follow",
    "tag": "tag tags topic topics category categories keywords",
    "author": "author byline authors",
    "comment": "comment comments disqus respond replies",
    "ad": "ad ads advert advertisement sponsor sponsored promoted outbrain taboola partner"
    " commerce",
    "side": "sidebar side rail aside widget",
    "card": "card teaser story item post entry tile headline",
    "list": "list feed stream river grid",
    "article": "article content body main text",
    "pager": "pager pagination prev next previous older newer",
}
_FAMILY_OF = {word: name for name, words in _FAMILIES.items() for word in words.split()}
_ROLE_FAMILY = {
    "navigation": "nav",
    "menubar": "nav",
    "menu": "nav",
    "contentinfo": "footer",
    "complementary": "side",
}
_CONTEXT_TAGS = word_set("nav header footer aside article main li figure form table section")
_HEADINGS = word_set("h1 h2 h3 h4 h5 h6")
_INLINE = word_set("span strong b em i u small font")
_NOT_STORY_PATH = word_set(
    "tag tags topic topics author authors category categories section search login"
    " signin subscribe subscription account newsletter newsletters about contact"
    " privacy terms legal help faq user profile feed rss"
)
_DATE_RE = re.compile(r"/(19|20)\d\d[/-](0?[1-9]|1[0-2])([/-]|$)|(19|20)\d\d(0[1-9]|1[0-2])[0-3]\d")
_ID_RE = re.compile(r"\d{5,}")
_EXTENSION_RE = re.compile(r"\.(s?html?|php|aspx?)$")
_SLUG_SPLIT_RE = re.compile(r"[-_+]")
_WORD_RE = re.compile(r"\w+")
# "← Older post", "Next story »": a pager's link, whatever its words.
_ARROW_RE = re.compile(r"^\s*[←«‹<]|[→»›>]\s*$")
_CLIMB = 12  # ancestors looked at
_NEAR = 4  # of which "near"
_GROUP_CLIMB = 8  # how far up a box of links is looked for
_HEADING_CLIMB = 6
# A page's first addresses are measured, no more: the largest real page seen links 3,900
# (an archive's index), and a hostile one's 100,000 would cost half a minute.
MAX_ADDRESSES = 5000
_GROUP_MEANS = ("slug3", "date", "id", "same_site", "w4_6", "w7_15", "pathbad", "img", "strength")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One address of the page, its first link, and that link's box of links."""

    anchor: HtmlElement
    url: str
    box: HtmlElement | None
    features: dict[str, float]


def candidates(page: RelatedPage, page_url: str) -> list[Candidate]:
    """Every distinct http(s) address linked from the page's body (its first
    `MAX_ADDRESSES`), first link first, but for those that are surely no story
    (`never_a_story`, `_worth_measuring`)."""
    body = page.root.find("body")
    top = body if body is not None else page.root
    position: dict[HtmlElement, int] = {}
    anchors: list[HtmlElement] = []
    prose: list[int] = []
    size = 0
    rendered = (element for element in top.iter("a", "p") if element not in page.unrendered)
    for size, element in enumerate(rendered, start=1):
        if element.tag == "a":
            if element.get("href"):
                position[element] = size
                anchors.append(element)
        elif page.prose(element) >= 150:
            prose.append(size)
    first, last = (min(prose), max(prose)) if prose else (size // 3, size // 2)
    context = _Context(page, page_url, position, max(size, 1), first, last)
    links: dict[str, tuple[str, list[HtmlElement]]] = {}
    for anchor in anchors:
        href = anchor.get("href") or ""
        if href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = page.resolve(href)
        if url.startswith("http"):
            key = urls.page_key(url)
            if key not in links and len(links) >= MAX_ADDRESSES:
                break
            links.setdefault(key, (url, []))[1].append(anchor)
    found = []
    for url, group in links.values():
        text, wordiest = max(((link_text(each), each) for each in group), key=_length)
        if _worth_measuring(url, text, wordiest) and not never_a_story(page, url):
            found.append(context.candidate(url, group, text, wordiest))
    _add_box_means(found)
    return found


def _length(pair: tuple[str, HtmlElement]) -> int:
    return len(pair[0])


def _worth_measuring(url: str, text: str, anchor: HtmlElement) -> bool:
    """Half a page's links are one word ("Sport", "Login") or the home page: no labelled
    story in the training pages was either (3 of 1,377 were one word), so they are left
    out before they cost any time. A CJK headline is one "word" but many characters."""
    if not urls.split(url).path.strip("/"):
        return False
    if len(text) >= 12 or anchor.find(".//img") is not None:
        return True
    return len(_WORD_RE.findall(text)) >= 2


def _add_box_means(found: list[Candidate]) -> None:
    """Each box's share of slugs, dates, ids…: a box of stories looks like one."""
    boxes: dict[HtmlElement, list[dict[str, float]]] = {}
    for candidate in found:
        if candidate.box is not None:
            boxes.setdefault(candidate.box, []).append(candidate.features)
    for members in boxes.values():
        count = len(members)
        for name in _GROUP_MEANS:
            mean = sum(row.get(name, 0.0) for row in members) / count
            for row in members:
                row["g_" + name] = mean
        for row in members:
            row["g_n"] = math.log1p(count)


class _Context:
    """The page-wide measurements a link's row is computed against, with caches."""

    def __init__(
        self,
        page: RelatedPage,
        page_url: str,
        position: dict[HtmlElement, int],
        size: int,
        first_prose: int,
        last_prose: int,
    ) -> None:
        self.page = page
        self.page_url = page_url
        self.page_key = urls.page_key(page_url)
        self.page_host = urls.split(page_url).netloc.lower().removeprefix("www.")
        self.page_segments = [s for s in urls.split(page_url).path.split("/") if s]
        self.anchors_in = page.anchor_count
        self.position = position
        self.size = size
        self.first_prose = first_prose
        self.last_prose = last_prose
        # element → the feature names of its class/id families, near a link and far
        self._families: dict[HtmlElement, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._families_named: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._box_names = BoxHeadings(page.root, page.hidden)
        # A box's heading is every one of its links' heading: matched once, not per link.
        self._heading_kinds: dict[str, tuple[float, float, float]] = {}
        self._shapes: dict[HtmlElement, Counter[tuple[str, str | None]]] = {}

    def candidate(
        self, url: str, anchors: list[HtmlElement], text: str, wordiest: HtmlElement
    ) -> Candidate:
        """The address's first link that stands on its own, in its place (a story linked
        in the article's text and again in a list below is measured in the list); its
        words from its wordiest link (a card's picture link comes first, its headline
        link after)."""
        standing = next((a for a in anchors if not in_sentence(self.page, a)), None)
        anchor = anchors[0] if standing is None else standing
        features: dict[str, float] = {}
        _text_features(features, wordiest, text)
        features["links"] = float(min(len(anchors), 3))
        self._url_features(features, url, text)
        ancestors: list[HtmlElement] = list(islice(anchor.iterancestors(), _CLIMB))
        self._context_features(features, anchor, ancestors)
        features["in_sentence"] = float(standing is None)
        box = next((a for a in ancestors[:_GROUP_CLIMB] if self.anchors_in.get(a, 0) >= 3), None)
        if box is not None:
            self._box_features(features, anchor, ancestors, box)
        else:
            features["nogrp"] = 1.0
        heading = self._heading(ancestors)
        features["hd_any"] = float(bool(heading))
        if heading:
            kinds = self._heading_kinds.get(heading)
            if kinds is None:
                kinds = self._heading_kinds[heading] = (
                    float(vocab.is_related_heading(heading)),
                    float(vocab.is_excluded_heading(heading)),
                    float(vocab.is_topics_heading(heading)),
                )
            features["hd_related"], features["hd_excluded"], features["hd_topics"] = kinds
        where = self.position[anchor]
        features["before"] = float(where < self.first_prose)
        features["within"] = float(self.first_prose <= where <= self.last_prose)
        features["after"] = float(where > self.last_prose)
        return Candidate(anchor, url, box, features)

    def _url_features(self, features: dict[str, float], url: str, text: str) -> None:
        parts = urls.split(url)
        segments = [s for s in parts.path.split("/") if s]
        depth = len(segments)
        features["same_site"] = float(self.page.same_site(url))
        host = parts.netloc.lower().removeprefix("www.")
        features["same_host"] = float(host == self.page_host)
        features["depth0"] = float(depth == 0)
        features["depth1"] = float(depth == 1)
        features["depth2"] = float(depth == 2)
        features["depth3p"] = float(depth >= 3)
        last = segments[-1] if segments else ""
        stem = _EXTENSION_RE.sub("", last)
        slug_words = len([p for p in _SLUG_SPLIT_RE.split(stem) if p])
        features["slug3"] = float(slug_words >= 3)
        features["slug5"] = float(slug_words >= 5)
        features["ext"] = float(stem != last)
        features["date"] = float(bool(_DATE_RE.search(parts.path)))
        features["id"] = float(bool(_ID_RE.search(parts.path + "?" + parts.query)))
        features["query"] = float(bool(parts.query))
        features["pathbad"] = float(any(s.lower() in _NOT_STORY_PATH for s in segments))
        features["self"] = float(urls.page_key(url) == self.page_key)
        features["strength"] = urls.story_url_strength(url) / 3
        features["same_section"] = float(
            bool(segments) and len(self.page_segments) > 1 and segments[0] == self.page_segments[0]
        )
        features["action"] = float(bool(text) and vocab.is_action_text(text))

    def _context_features(
        self, features: dict[str, float], anchor: HtmlElement, ancestors: list[HtmlElement]
    ) -> None:
        # Only what is there is written down: a missing feature reads as 0.
        for tag in _CONTEXT_TAGS.intersection(a.tag for a in ancestors):
            features["in_" + tag] = 1.0
        if any(a.tag in _HEADINGS for a in ancestors[:3]):
            features["in_h"] = 1.0
        for depth, ancestor in enumerate(ancestors):
            for name in self._family_names(ancestor)[depth >= _NEAR]:
                features[name] = 1.0
        block = anchor.getparent()
        while block is not None and block.tag in _INLINE:
            block = block.getparent()
        if block is not None:
            total = self.page.text_len.get(block, 0)
            prose = self.page.prose(block)
            features["prose"] = prose / (total + 1)
            features["prose_p"] = float(block.tag == "p" and prose > 80)
        features["title_attr"] = float(bool(anchor.get("title")))
        features["label"] = float(is_label(anchor))
        features["tree"] = float(in_tree(anchor))

    def _box_features(
        self,
        features: dict[str, float],
        anchor: HtmlElement,
        ancestors: list[HtmlElement],
        box: HtmlElement,
    ) -> None:
        count = self.anchors_in[box]
        text = self.page.text_len.get(box, 0)
        links = self.page.link_len.get(box, 0)
        features["grp_log_anchors"] = math.log1p(count)
        features["grp_density"] = links / (text + 1)
        features["grp_textlog"] = math.log1p(text)
        features["grp_avg_link_chars"] = math.log1p(links / count)
        card = anchor
        for ancestor in ancestors:
            if ancestor is box:
                break
            card = ancestor
        shapes = self._shapes.get(box)
        if shapes is None:
            shapes = self._shapes[box] = Counter(
                (kid.tag, kid.get("class")) for kid in box if isinstance(kid.tag, str)
            )
        alike = shapes[(card.tag, card.get("class"))]
        features["card_sim"] = alike / max(shapes.total(), 1)
        features["card_many"] = float(alike >= 3)

    def _family_names(self, element: HtmlElement) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found = self._families.get(element)
        if found is None:
            names = f"{element.get('class') or ''} {element.get('id') or ''}"
            role = element.get("role") or ""
            found = self._families_named.get((names, role))
            if found is None:
                found = self._families_named[(names, role)] = _family_names(names, role)
            self._families[element] = found
        return found

    def _heading(self, ancestors: list[HtmlElement]) -> str:
        for ancestor in ancestors[:_HEADING_CLIMB]:
            heading = self._box_names.name(ancestor)
            if heading:
                return heading
        return ""


def _family_names(names: str, role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The near_ and far_ features of the families a class/id string and a role name."""
    families = {
        family for word in _CAMEL_RE.findall(names) if (family := _FAMILY_OF.get(word.lower()))
    }
    family = _ROLE_FAMILY.get(role.lower())
    if family:
        families.add(family)
    return tuple("near_" + name for name in families), tuple("far_" + name for name in families)


def _text_features(features: dict[str, float], anchor: HtmlElement, text: str) -> None:
    words = _WORD_RE.findall(text)
    count = len(words)
    features["w0"] = float(count == 0)
    features["w1"] = float(count == 1)
    features["w2_3"] = float(2 <= count <= 3)
    features["w4_6"] = float(4 <= count <= 6)
    features["w7_15"] = float(7 <= count <= 15)
    features["w16"] = float(count > 15)
    features["logchars"] = math.log1p(len(text))
    capitals = sum(1 for word in words if word[:1].isupper())
    features["capfrac"] = capitals / count if count else 0.0
    features["allcaps"] = float(
        bool(text) and text.upper() == text and any(c.isalpha() for c in text)
    )
    tags = {element.tag for element in anchor.iter()}
    features["img"] = float("img" in tags)
    features["heading_inside"] = float(not _HEADINGS.isdisjoint(tags))
    features["arrow"] = float(bool(_ARROW_RE.search(text)))
