"""The page metadata the reader takes from trafilatura: title, author, site name, date.

trafilatura's `extract_metadata` (what `bare_extraction(with_metadata=True)` runs) also
reads categories, tags and a licence, none of which the reader shows, and always runs
htmldate over the whole page, although the reader asks for that date only when the
page's own meta tags, JSON-LD and `<time>` give none (a third of pages). Those parts
cost about a tenth of an extraction. So this is `extract_metadata`'s own sequence of
steps, on trafilatura's own functions and settings, cut down to what is shown; the
values are the ones `extract_metadata` gives (tests hold the two equal).
"""

from __future__ import annotations

from contextlib import suppress
from copy import deepcopy
from dataclasses import dataclass
from html import unescape

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
    normalize_authors,
)
from trafilatura.settings import DEFAULT_CONFIG, set_date_params
from trafilatura.utils import line_processing, trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

# `Document.clean_and_trim`: what every string field goes through last.
_MAX_FIELD = 10000


@dataclass(frozen=True, slots=True)
class PageMeta:
    """trafilatura's metadata fields the reader uses, trimmed as trafilatura trims them."""

    title: str | None
    author: str | None
    sitename: str | None
    url: str | None  # the page's own address as trafilatura finds it, untrimmed
    tree: HtmlElement  # for `date`, which is read only when asked for

    @property
    def trimmed_url(self) -> str | None:
        return _trim(self.url)

    def date(self) -> str | None:
        """htmldate's publication date for the page, as trafilatura asks for it."""
        params = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
        params["url"] = self.url
        return _trim(find_date(self.tree, **params))


def read(tree: HtmlElement, default_url: str | None) -> PageMeta:
    """The metadata `extract_metadata(tree, default_url)` gives, but for the date."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # as extract_metadata: a bug in its JSON-LD reader
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = _author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, default_url)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        name = metadata.sitename.lstrip("@")  # a Twitter handle
        capitalise = name and "." not in name and not name[0].isupper()
        metadata.sitename = name.title() if capitalise else name
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    return PageMeta(
        title=_trim(metadata.title),
        author=_trim(metadata.author),
        sitename=_trim(metadata.sitename),
        url=metadata.url,
        tree=tree,
    )


def _author(tree: HtmlElement) -> str | None:
    """`extract_author(tree)`, without its copy of the whole page.

    trafilatura copies the page, cuts comments, dates, figures and the like out of the
    copy (`AUTHOR_DISCARD_XPATHS`) and takes the first byline its `AUTHOR_XPATHS` find
    there with 3 to 119 characters. Those XPaths test attributes alone, so they find in
    the cut copy what they find in the page less what was cut: here the page is searched,
    the cut is found only when a byline is (half the pages with none have no candidate
    at all), and only a byline with something cut inside it is copied and cut. A child
    <rel> (which one XPath reads) or a page parsed as a fragment takes trafilatura's way.
    """
    if tree.getparent() is not None or tree.find(".//rel") is not None:
        return extract_author(tree)
    cut: set[HtmlElement] | None = None
    for expression in AUTHOR_XPATHS:
        for element in expression(tree):
            if cut is None:
                cut = {found for discard in AUTHOR_DISCARD_XPATHS for found in discard(tree)}
            if element in cut or any(ancestor in cut for ancestor in element.iterancestors()):
                continue
            if any(inner in cut for inner in element.iterdescendants()):
                element = prune_unwanted_nodes(deepcopy(element), AUTHOR_DISCARD_XPATHS)
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < _AUTHOR_LIMIT:
                return normalize_authors(None, content)
    return None


_AUTHOR_LIMIT = 120  # extract_author's len_limit


def _trim(value: str | None) -> str | None:
    if not isinstance(value, str):
        return value
    if len(value) > _MAX_FIELD:
        value = value[: _MAX_FIELD - 1] + "…"
    return line_processing(unescape(value))
