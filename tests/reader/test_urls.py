"""URL cleaning and resolution: what the sidebar and the links list hand on."""

from __future__ import annotations

import pytest

from tui_news.reader import urls


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "https://News.Example.com/a/story-slug-here?utm_source=rss&utm_medium=feed&id=7",
            "https://news.example.com/a/story-slug-here?id=7",
        ),
        (
            "https://example.com/x?fbclid=IwAR0&gclid=abc&page=2#comments",
            "https://example.com/x?page=2",
        ),
        ("https://example.com/x?q=a%20b&itm_campaign=z&ocid=msn", "https://example.com/x?q=a%20b"),
        ("https://example.com/x?CMP=share_btn_fb", "https://example.com/x"),
        ("https://example.com", "https://example.com/"),
    ],
)
def test_tracking_parameters_and_fragments_go(raw: str, clean: str) -> None:
    assert urls.clean(raw) == clean


def test_resolution_against_base_and_rejection_of_non_links() -> None:
    base = urls.base_url("https://site.test/news/local/page.html", "/archive/2024/")
    assert base == "https://site.test/archive/2024/"
    assert urls.resolve("story-one-two-three.html", base) == (
        "https://site.test/archive/2024/story-one-two-three.html"
    )
    assert urls.resolve("../x/y?utm_term=a", base) == "https://site.test/archive/x/y"
    assert urls.resolve("//cdn.site.test/p", base) == "https://cdn.site.test/p"
    for junk in ("#top", "mailto:a@b.c", "javascript:void(0)", "tel:123", "", None):
        assert urls.resolve(junk, base) == ""


def test_article_urls_versus_index_pages() -> None:
    for article in (
        "https://www.bbc.com/news/world-us-canada-52241221",
        "https://site.test/world-news/paris-crowns-new-king-of-the-baguette/",
        "https://site.test/2024/05/14/",
        "https://site.test/article.php?id=123456",
        "https://www.msn.com/en-gb/news/uknews/ar-BB19DUqK",
    ):
        assert urls.looks_like_article(article), article
    for index in (
        "https://site.test/",
        "https://site.test/world-news/",
        "https://site.test/tag/russia/",
        "https://site.test/news/topics/cx1m7zg01xyt/united-states",
        "https://site.test/authors/p/pk-po/poppie-platt/",
        "https://site.test/service/cookie-policy-a6184186.html",
        "https://site.test/privacy-policy/",
    ):
        assert not urls.looks_like_article(index), index


def test_same_site_and_same_page() -> None:
    assert urls.same_site("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/b")
    assert not urls.same_site("https://example.co.uk/a", "https://other.co.uk/a")
    # An address is its own site, however it is written; a host merely ending in digits
    # or looking numeric is a name.
    assert urls.site("http://10.0.0.1:8080/a") == "10.0.0.1"
    assert urls.site("http://[::1]/a") == "::1"
    assert urls.site("http://[2001:DB8::0001]/a") == "2001:db8::1"
    assert not urls.same_site("http://10.0.0.1/a", "http://127.0.0.1/a")
    assert urls.site("https://cdn.shop123/a") == "cdn.shop123"
    assert urls.site("https://1.2.3.example/a") == "3.example"
    assert urls.same_page("http://www.site.test/a/", "https://site.test/a")
    assert not urls.same_page("https://site.test/a", "https://site.test/b")
