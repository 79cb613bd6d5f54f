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
from dataclasses import dataclass
from html import unescape

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import DEFAULT_CONFIG, set_date_params
from trafilatura.utils import line_processing

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
        metadata.author = extract_author(tree)
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


def _trim(value: str | None) -> str | None:
    if not isinstance(value, str):
        return value
    if len(value) > _MAX_FIELD:
        value = value[: _MAX_FIELD - 1] + "…"
    return line_processing(unescape(value))
