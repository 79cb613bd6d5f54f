"""Demo pages look like real news pages, and extraction keeps only the article."""

from __future__ import annotations

import re

import lxml.html
import pytest
import trafilatura
from lxml.html import HtmlElement

from tests.demo.conftest import fetch
from tui_news.demo.content import ArticleSource, load_catalog
from tui_news.demo.server import DemoServer
from tui_news.reader.related import find_related

CATALOG = load_catalog()
FULL = sorted(a.id for a in CATALOG.articles.values() if a.layout != "paywall")
SEED_LIKE = "mackerel-talks-stall"
# Text that only the chrome around an article carries; none of it may reach the reader.
CHROME = (
    "sample writing bundled with newsterm",
    "fictional",
    "cookies",
    "Accept all",
    "I agree",
    "Share on",
    "Share this",
    "Subscribe",
    "Sign me up",
    "Advertisement",
    "Terms",
    "Privacy",
    "42 comments",
    "Skip to content",
)


def _page(server: DemoServer, article_id: str) -> tuple[str, HtmlElement]:
    reply = fetch(server.article_url(article_id))
    assert reply.status == 200
    return reply.text, lxml.html.fromstring(reply.body)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("article_id", FULL)
def test_pages_are_built_like_a_news_cms_page(demo_server: DemoServer, article_id: str) -> None:
    article = CATALOG.articles[article_id]
    _, root = _page(demo_server, article_id)
    assert _text(root.xpath("//h1")[0]) == article.title
    assert root.xpath("//time/@datetime")[0] == article.published.isoformat()
    consent = "//*[contains(@class, 'cookie') or contains(@class, 'consent')"
    assert root.xpath(consent + " or contains(@class, 'gdpr')][.//button]")
    assert len(root.xpath("//header//a | //nav//a")) >= 5  # site navigation
    assert root.xpath("//figure/figcaption")
    assert root.xpath("//*[contains(@class, 'share')]")
    assert root.xpath("//footer//a[contains(@href, '/legal/privacy')]")
    body = lxml.html.fragment_fromstring(article.body, create_parent="div")
    assert 300 <= _words(_text(body)) <= 700
    assert body.xpath(".//h2") and body.xpath(".//ul|.//ol") and body.xpath(".//blockquote")
    inline = [href for href in body.xpath(".//a/@href") if href != article.path]
    assert inline, "each article links to another demo article in its text"
    for href in inline:
        assert fetch(demo_server.base_url + href).status == 200, href


@pytest.mark.parametrize("article_id", FULL)
def test_extraction_keeps_the_article_and_drops_the_chrome(
    demo_server: DemoServer, article_id: str
) -> None:
    article = CATALOG.articles[article_id]
    html, _ = _page(demo_server, article_id)
    text = trafilatura.extract(html, url=demo_server.article_url(article_id)) or ""
    assert _words(text) >= 150
    first = lxml.html.fragment_fromstring(article.body, create_parent="div").xpath(".//p")[0]
    assert _text(first) in " ".join(text.split())
    for block in article.related:
        assert block.heading not in text
        for related_id in block.article_ids:
            assert CATALOG.articles[related_id].title not in text
    for phrase in CHROME:
        assert phrase not in text, phrase


def test_paywalled_page_has_no_text_to_extract(demo_server: DemoServer) -> None:
    html, root = _page(demo_server, "quiet-data-centre")
    assert trafilatura.extract(html) is None
    assert root.xpath("//script") and not root.xpath("//p")


def _related_links(root: HtmlElement, heading: str) -> list[tuple[str, str]]:
    """(href, headline) of the links in the block under `heading`."""
    section = root.xpath("//*[self::h2][normalize-space(.) = $h]/..", h=heading)[0]
    return [(a.get("href"), _text(a)) for a in section.xpath(".//a") if _text(a)]


@pytest.mark.parametrize("article_id", FULL)
def test_related_blocks_open_other_demo_articles(demo_server: DemoServer, article_id: str) -> None:
    article = CATALOG.articles[article_id]
    _, root = _page(demo_server, article_id)
    by_path = {a.path: a for a in CATALOG.articles.values()}
    assert article.related
    for block in article.related:
        links = [(h, t) for h, t in _related_links(root, block.heading) if not t.startswith("See")]
        assert len(links) == len(block.article_ids)
        for href, headline in links:
            assert href != article.path
            assert by_path[href].title == headline


def test_related_headings_vary_across_the_demo() -> None:
    headings = {block.heading for a in CATALOG.articles.values() for block in a.related}
    assert {"Latest World News", "More on this story", "Most read", "Related articles"} <= headings


def test_seed_like_page_ends_in_a_latest_world_news_list(demo_server: DemoServer) -> None:
    """Shaped like shared/seed: article, byline, then captioned headlines."""
    _, root = _page(demo_server, SEED_LIKE)
    story = root.xpath("//article")[0]
    assert _text(story.xpath("./*")[-1]) == "By Ines Marlow"
    assert len(story.xpath(".//figure/figcaption")) >= 2
    section = root.xpath("//h2[. = 'Latest World News']/..")[0]
    assert section.getprevious() is story
    assert _text(section.xpath(".//a[@class = 'see-more']")[0]) == "See more Latest World News"
    teasers = section.xpath(".//li")
    assert len(teasers) >= 5
    own = CATALOG.articles[SEED_LIKE].path
    for teaser in teasers:
        caption = _text(teaser.xpath(".//*[contains(@class, 'caption')]")[0])
        headline = teaser.xpath(".//h3/a")[0]
        target = next(a for a in CATALOG.articles.values() if a.path == headline.get("href"))
        assert target.path != own
        assert target.caption == caption and target.title == _text(headline)
        assert fetch(demo_server.base_url + target.path).status == 200


@pytest.mark.parametrize("article_id", FULL)
def test_the_readers_sidebar_finds_every_related_block(
    demo_server: DemoServer, article_id: str
) -> None:
    url = demo_server.article_url(article_id)
    _, root = _page(demo_server, article_id)
    found = find_related(root, url)
    article: ArticleSource = CATALOG.articles[article_id]
    demo_urls = {demo_server.base_url + a.path for a in CATALOG.articles.values()}
    assert {link.group for link in found} == {block.heading for block in article.related}
    assert {link.url for link in found} <= demo_urls - {url}
    if article_id == SEED_LIKE:
        assert sum(link.group == "Latest World News" for link in found) >= 5


def test_section_fronts_list_their_headlines(demo_server: DemoServer) -> None:
    for site in CATALOG.sites:
        page = fetch(demo_server.base_url + site.index_path).text
        for article in CATALOG.articles_of(site.id):
            assert f'href="{article.path}"' in page
