"""What goes in the related sidebar: the page's own blocks, its links, and the cache.

Plain Python (no Textual): the screen runs `find_related` in a thread worker because
it queries the store. "Same subject" means a cached story links to one of the same
URLs, or its title is strongly similar (word overlap or sequence similarity above a
threshold) among full-text title matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Protocol

from tui_news.core.text import words
from tui_news.core.urls import bare_host, without_userinfo
from tui_news.ui.text import inert, is_web_url

if TYPE_CHECKING:
    from tui_news.core.models import Story

SIMILARITY = 0.55
MAX_LINKS = 60
MAX_CACHED = 12
# Words that say nothing about a story's subject (English, and a few common others).
_STOPWORDS = frozenset(
    words(
        "a an and are as at be by for from has have how in is it its of on or that the "
        "this to was were what when where which who why will with after over into new "
        "says der die das und ein eine le la les des et un une el los las y"
    )
)


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """Something the sidebar can open: a web page, or a story already in the cache."""

    title: str
    url: str = ""
    story_id: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class RelatedGroup:
    heading: str
    items: tuple[RelatedItem, ...]


class _Link(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...


class _RelatedLink(_Link, Protocol):
    @property
    def group(self) -> str: ...


class ArticleLike(Protocol):
    """The fields of `tui_news.reader.article.Article` used here."""

    @property
    def input(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def canonical_url(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def related(self) -> Sequence[_RelatedLink]: ...

    @property
    def links(self) -> Sequence[_Link]: ...


class StoryFinder(Protocol):
    """The two `Store` queries used here."""

    def stories_linking(
        self, urls: Iterable[str], *, exclude: int | None = None
    ) -> list[Story]: ...

    def search_titles(self, words: str, *, limit: int = 50) -> list[Story]: ...


def build_groups(article: ArticleLike, cached: Sequence[Story]) -> list[RelatedGroup]:
    """The sidebar's groups, in order; a URL appears once, in its first group.

    A link to a page that is also a cached story opens as that story (it gets marked
    read, starred, and so on), so it is listed with its feed's name.
    """
    stories = {story.url: story for story in cached if story.url}
    # The URL asked for too: a story whose link redirects to this page is this page.
    seen = {article.input, article.url, article.canonical_url or ""}
    groups: dict[str, list[RelatedItem]] = {}
    for link in article.related:
        if is_web_url(link.url) and link.url not in seen:
            seen.add(link.url)
            heading = inert(link.group) or "Related"
            groups.setdefault(heading, []).append(_item(link.title, link.url, stories))
    result = [RelatedGroup(heading, tuple(items)) for heading, items in groups.items()]
    links: list[RelatedItem] = []
    for in_text in article.links:
        if is_web_url(in_text.url) and in_text.url not in seen and len(links) < MAX_LINKS:
            seen.add(in_text.url)
            links.append(_item(in_text.title, in_text.url, stories))
    if links:
        result.append(RelatedGroup("Links in this article", tuple(links)))
    rest: list[RelatedItem] = []
    for story in cached:  # two feeds carrying one page are one link
        if not story.url or story.url not in seen:
            seen.add(story.url)
            rest.append(_story_item(story))
    if rest:
        result.append(RelatedGroup("In your feeds", tuple(rest)))
    return result


def find_related(
    store: StoryFinder, article: ArticleLike, *, title: str, exclude: int | None
) -> list[Story]:
    """Cached stories on the same subject as `article`, best first."""
    urls = [article.url, article.canonical_url or ""]
    urls += [link.url for link in article.related] + [link.url for link in article.links]
    found: dict[int, Story] = {}
    for story in store.stories_linking([u for u in urls if u], exclude=exclude):
        found.setdefault(story.id, story)
    for story in similar_titles(store, title or article.title, exclude=exclude):
        found.setdefault(story.id, story)
    return list(found.values())[:MAX_CACHED]


def similar_titles(store: StoryFinder, title: str, *, exclude: int | None) -> list[Story]:
    words = keywords(title)
    if len(words) < 2:
        return []
    by_length = sorted(words, key=len, reverse=True)
    candidates: dict[int, Story] = {}
    for query in (by_length[:3], by_length[:2], by_length[1:3]):
        if len(query) < 2:
            continue
        for story in store.search_titles(" ".join(query), limit=30):
            candidates.setdefault(story.id, story)
    scored = [
        (score, story)
        for story in candidates.values()
        if story.id != exclude and (score := similarity(title, story.title)) >= SIMILARITY
    ]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return [story for _score, story in scored]


def keywords(text: str) -> list[str]:
    """The words of a title that carry its subject, in order, without repeats."""
    lowered = [w.lower() for w in words(text)]
    return list(dict.fromkeys(w for w in lowered if len(w) > 2 and w not in _STOPWORDS))


def similarity(first: str, second: str) -> float:
    """How alike two titles are, 0..1: the better of keyword overlap and word-order match."""
    a, b = set(keywords(first)), set(keywords(second))
    if not a or not b:
        return 0.0
    overlap = len(a & b) / len(a | b)
    sequence = SequenceMatcher(None, words(first.lower()), words(second.lower()), autojunk=False)
    return max(overlap, sequence.ratio())


def _item(title: str, url: str, stories: dict[str, Story]) -> RelatedItem:
    story = stories.get(url)
    if story is not None:
        return RelatedItem(
            inert(title) or inert(story.title), url, story.id, inert(story.feed_title)
        )
    return RelatedItem(inert(title) or without_userinfo(url), url, None, bare_host(url))


def _story_item(story: Story) -> RelatedItem:
    return RelatedItem(
        inert(story.title) or without_userinfo(story.url),
        story.url,
        story.id,
        inert(story.feed_title),
    )
