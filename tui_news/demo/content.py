"""The bundled demo content: sites, their feeds and the article sources behind the pages.

Everything lives in package data (`tui_news/demo/data`) and is read through
importlib.resources, so the demo works from a wheel or a zip as well as a checkout.
Articles are stored as small source files (a header of `key: value` lines, a blank
line, then the HTML body) and laid into per-site page templates by `pages.py`, the
way a news CMS does; feeds are stored as finished documents because their exact
shape (RSS, Atom, JSON Feed) is part of what the demo shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

DATA = files("tui_news.demo").joinpath("data")


@dataclass(frozen=True, slots=True)
class RelatedBlock:
    """A block of links below an article ("Latest World News", "Most read", ...)."""

    style: str
    heading: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One demo article as written: metadata plus the HTML of its body."""

    id: str
    site_id: str
    path: str
    title: str
    author: str
    published: datetime
    caption: str
    body: str
    related: tuple[RelatedBlock, ...] = ()
    layout: str = "article"
    teaser: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    """A demo publication: its feed, page template and section front."""

    id: str
    name: str
    feed_file: str
    feed_path: str
    feed_type: str
    tags: tuple[str, ...]
    template: str
    index_path: str
    date_format: str
    updated: datetime


@dataclass(frozen=True, slots=True)
class BrokenFeed:
    """A subscription that answers 404, so the demo shows a failing feed."""

    path: str
    title: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything the demo server serves, indexed for rendering."""

    sites: tuple[Site, ...]
    articles: dict[str, ArticleSource]
    broken: tuple[BrokenFeed, ...]

    def site(self, site_id: str) -> Site:
        return next(site for site in self.sites if site.id == site_id)

    def articles_of(self, site_id: str) -> list[ArticleSource]:
        """A site's articles, newest first, as its section front lists them."""
        found = [a for a in self.articles.values() if a.site_id == site_id]
        return sorted(found, key=lambda a: a.published, reverse=True)


def read_text(relative: str) -> str:
    return DATA.joinpath(*relative.split("/")).read_text(encoding="utf-8")


def load_catalog() -> Catalog:
    """Read sites.json and every article source; raises ValueError on a malformed file."""
    spec = json.loads(read_text("sites.json"))
    sites = tuple(_site(item) for item in spec["sites"])
    broken = tuple(
        BrokenFeed(item["path"], item["title"], tuple(item["tags"])) for item in spec["broken"]
    )
    articles: dict[str, ArticleSource] = {}
    for site in sites:
        for entry in _article_files(DATA.joinpath("articles", site.id)):
            article = parse_article(
                entry.name.removesuffix(".html"), site.id, entry.read_text("utf-8")
            )
            articles[article.id] = article
    _check_related(articles)
    return Catalog(sites, articles, broken)


def _check_related(articles: dict[str, ArticleSource]) -> None:
    """Related links must open another demo article: catch a typo at load, not mid-render."""
    for article in articles.values():
        for block in article.related:
            for target in block.article_ids:
                if target not in articles or target == article.id:
                    raise ValueError(f"article {article.id}: bad related article {target!r}")


def _site(item: dict[str, Any]) -> Site:
    return Site(
        id=item["id"],
        name=item["name"],
        feed_file=item["feed_file"],
        feed_path=item["feed_path"],
        feed_type=item["feed_type"],
        tags=tuple(item["tags"]),
        template=item["template"],
        index_path=item["index_path"],
        date_format=item["date_format"],
        updated=datetime.fromisoformat(item["updated"]),
    )


def _article_files(folder: Traversable) -> list[Traversable]:
    return sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".html")),
        key=lambda entry: entry.name,
    )


def parse_article(article_id: str, site_id: str, source: str) -> ArticleSource:
    """Split an article source into its header fields and body."""
    header, sep, body = source.partition("\n\n")
    if not sep:
        raise ValueError(f"article {article_id}: no blank line after the header")
    fields: dict[str, str] = {}
    related: list[RelatedBlock] = []
    for line in header.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"article {article_id}: bad header line {line!r}")
        key, value = key.strip(), value.strip()
        if key == "related":
            related.append(_related(article_id, value))
        else:
            fields[key] = value
    try:
        return ArticleSource(
            id=article_id,
            site_id=site_id,
            path=fields["path"],
            title=fields["title"],
            author=fields["author"],
            published=datetime.fromisoformat(fields["published"]),
            caption=fields.get("caption", ""),
            body=body.strip(),
            related=tuple(related),
            layout=fields.get("layout", "article"),
            teaser=fields.get("teaser", ""),
        )
    except KeyError as missing:
        raise ValueError(f"article {article_id}: missing header {missing}") from None


def _related(article_id: str, value: str) -> RelatedBlock:
    """`related: style | Heading | id id id`."""
    parts = [part.strip() for part in value.split("|")]
    if len(parts) != 3:
        raise ValueError(f"article {article_id}: related needs 'style | heading | ids'")
    style, heading, ids = parts
    return RelatedBlock(style, heading, tuple(ids.split()))
