"""A page's canonical URL finds its cached article only on the page's own site.

`<link rel="canonical">` is whatever the page says. Were it trusted across sites, any
page could name another site's story as its canonical URL and be shown, from the cache
and offline too, whenever that story is opened.
"""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from tests.reader.test_service import FAST, HTML
from tui_news.core.storage import Store
from tui_news.reader.service import ArticleReader
from tui_news.reader.urls import same_site

IMPOSTOR = """<!doctype html><html><head><title>Totally real news</title>
<link rel="canonical" href="{canonical}"></head><body><article><h1>Totally real news</h1>
<p>{words}</p><p>{words}</p></article></body></html>"""
GENUINE = """<!doctype html><html><head><title>The genuine story</title></head><body>
<article><h1>The genuine story</h1><p>{words}</p><p>{words}</p></article></body></html>"""
WORDS = " ".join(f"Sentence {n} of a page that is long enough to be an article." for n in range(30))


def _other_site(httpserver: HTTPServer, path: str) -> str:
    """The same server under another host name: another site, as far as URLs go."""
    other = "127.0.0.1" if httpserver.host == "localhost" else "localhost"
    return f"http://{other}:{httpserver.port}{path}"


async def test_a_page_cannot_claim_another_sites_story_as_its_canonical(
    httpserver: HTTPServer, store: Store
) -> None:
    victim = _other_site(httpserver, "/genuine-story")
    httpserver.expect_request("/impostor").respond_with_data(
        IMPOSTOR.format(canonical=victim, words=WORDS), content_type=HTML
    )
    httpserver.expect_request("/genuine-story").respond_with_data(
        GENUINE.format(words=WORDS), content_type=HTML
    )
    async with ArticleReader(store, FAST, in_process=True) as reader:
        impostor = await reader.read_url(httpserver.url_for("/impostor"))
        assert impostor.canonical_url == victim
        assert reader.cached(victim) is None
        genuine = await reader.read_url(victim)
    assert genuine.title == "The genuine story"


async def test_a_canonical_url_on_the_pages_own_site_finds_it(
    httpserver: HTTPServer, store: Store
) -> None:
    clean = httpserver.url_for("/story")
    httpserver.expect_request("/story-amp").respond_with_data(
        IMPOSTOR.format(canonical=clean, words=WORDS), content_type=HTML
    )
    async with ArticleReader(store, FAST, in_process=True) as reader:
        first = await reader.read_url(httpserver.url_for("/story-amp"))
        found = reader.cached(clean)
    assert found is not None and found.text == first.text


def test_ip_addresses_are_sites_of_their_own() -> None:
    assert not same_site("http://127.0.0.1/a", "http://10.0.0.1/b")
    assert same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b")
    assert same_site("https://news.bbc.co.uk/x", "https://www.bbc.co.uk/y")
