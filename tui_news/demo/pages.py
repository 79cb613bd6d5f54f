"""Lay demo article sources into their site's page template, as a news CMS would.

The pages carry the usual chrome (navigation, cookie banner, share bar, related
blocks, footer) on purpose: the demo shows newsterm's extraction leaving it out.
Links stay root-relative or use the `{base}` placeholder, which the server fills in.
"""

from __future__ import annotations

import json
from html import escape
from string import Template

from tui_news.demo.content import ArticleSource, Catalog, RelatedBlock, Site, read_text

PHOTO = "/static/photo.svg"  # the cards' thumbnails
LEAD_PHOTO = "/static/photo.png"  # an article's own photo (demo/photo.py)


def render_article(article: ArticleSource, catalog: Catalog) -> str:
    """The full HTML page for one article."""
    site = catalog.site(article.site_id)
    template_name = "paywall.html" if article.layout == "paywall" else site.template
    template = Template(read_text(f"templates/{template_name}"))
    related = "\n".join(_related_block(block, site, catalog) for block in article.related)
    return template.substitute(
        title=escape(article.title, quote=False),
        title_attr=escape(article.title),
        author=escape(article.author),
        date_iso=article.published.isoformat(),
        date_human=human_date(article, site),
        caption=escape(article.caption, quote=False),
        caption_attr=escape(article.caption),
        photo=LEAD_PHOTO,
        body=article.body,
        related=related,
        path=article.path,
        index_path=site.index_path,
        feed_path=site.feed_path,
        title_json=_json_string(article.title),
        teaser_json=_json_string(article.teaser),
    )


def human_date(article: ArticleSource, site: Site) -> str:
    published = article.published
    return site.date_format.format(day=published.day, dt=published)


def render_index(site: Site, catalog: Catalog) -> str:
    """A section front: the site's headlines, newest first, in the site's own chrome."""
    template = Template(read_text("templates/index.html"))
    items = "\n".join(
        f'<li><a href="{a.path}">{escape(a.title, quote=False)}</a> '
        f'<time datetime="{a.published.isoformat()}">{human_date(a, site)}</time></li>'
        for a in catalog.articles_of(site.id)
    )
    return template.substitute(
        site_name=escape(site.name), items=items, feed_path=site.feed_path, feed_type=site.feed_type
    )


def render_home(catalog: Catalog) -> str:
    """The root page: the demo's publications and their feeds."""
    items = "\n".join(
        f'<li><a href="{site.index_path}">{escape(site.name)}</a> '
        f'(<a href="{site.feed_path}" type="{site.feed_type}">feed</a>)</li>'
        for site in catalog.sites
    )
    return Template(read_text("templates/index.html")).substitute(
        site_name="newsterm demo", items=items, feed_path="/", feed_type="text/html"
    )


def _related_block(block: RelatedBlock, site: Site, catalog: Catalog) -> str:
    articles = [catalog.articles[article_id] for article_id in block.article_ids]
    render = _STYLES.get(block.style)
    if render is None:
        raise ValueError(f"unknown related style {block.style!r}")
    return render(block.heading, articles, site)


def _latest(heading: str, articles: list[ArticleSource], site: Site) -> str:
    """The seed page's shape: picture caption, then headline, for each story."""
    teasers = "\n".join(
        f"""<li class="teaser">
  <a class="teaser__image" href="{a.path}" tabindex="-1">
    <img src="{PHOTO}" alt="{escape(a.caption)}" loading="lazy" width="320" height="180"></a>
  <span class="teaser__caption">{escape(a.caption, quote=False)}</span>
  <h3 class="teaser__headline"><a href="{a.path}">{escape(a.title, quote=False)}</a></h3>
</li>"""
        for a in articles
    )
    heading_text = escape(heading, quote=False)
    return f"""<section class="latest-news" aria-labelledby="latest-heading">
<h2 id="latest-heading">{heading_text}</h2>
<a class="see-more" href="{site.index_path}">See more {heading_text}</a>
<ul class="teaser-list">
{teasers}
</ul>
</section>"""


def _plain_list(heading: str, articles: list[ArticleSource], site: Site) -> str:
    links = "\n".join(
        f'<li><a href="{a.path}">{escape(a.title, quote=False)}</a></li>' for a in articles
    )
    return f"""<aside class="related-links">
<h2>{escape(heading, quote=False)}</h2>
<ul>
{links}
</ul>
</aside>"""


def _numbered(heading: str, articles: list[ArticleSource], site: Site) -> str:
    links = "\n".join(
        f'<li><span class="rank">{rank}</span> '
        f'<a href="{a.path}">{escape(a.title, quote=False)}</a></li>'
        for rank, a in enumerate(articles, start=1)
    )
    return f"""<div class="most-read" role="complementary">
<h2 class="most-read__title">{escape(heading, quote=False)}</h2>
<ol class="most-read__list">
{links}
</ol>
</div>"""


def _cards(heading: str, articles: list[ArticleSource], site: Site) -> str:
    cards = "\n".join(
        f"""<div class="card">
  <a href="{a.path}"><img src="{PHOTO}" alt="" width="240" height="135"></a>
  <h3 class="card__title"><a href="{a.path}">{escape(a.title, quote=False)}</a></h3>
  <p class="card__meta">{escape(a.author)}</p>
</div>"""
        for a in articles
    )
    return f"""<section class="related-articles">
<h2 class="section-heading">{escape(heading, quote=False)}</h2>
<div class="card-grid">
{cards}
</div>
</section>"""


_STYLES = {"latest": _latest, "list": _plain_list, "numbered": _numbered, "cards": _cards}


def _json_string(text: str) -> str:
    """A JSON string literal safe inside a <script> element."""
    return json.dumps(text).replace("</", "<\\/")
