"""Article sources: a header, a blank line, the body; mistakes fail loudly at load."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui_news.demo import content
from tui_news.demo.content import RelatedBlock, load_catalog, parse_article

SOURCE = """path: /world/x
title: A headline & [bold] text
author: A. Writer
published: 2026-11-28T10:00:00+00:00
related: list | More on this story | a b

<p>Body.</p>
"""


def test_parse_article_reads_header_and_body() -> None:
    article = parse_article("x", "world", SOURCE)
    assert article.title == "A headline & [bold] text"
    assert article.published.isoformat() == "2026-11-28T10:00:00+00:00"
    assert article.related == (RelatedBlock("list", "More on this story", ("a", "b")),)
    assert article.body == "<p>Body.</p>"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("path: /x\n<p>no blank line</p>", "no blank line"),
        ("path /x\n\n<p>.</p>", "bad header line"),
        ("path: /x\ntitle: t\n\n<p>.</p>", "missing header"),
        (SOURCE.replace("list | More on this story | a b", "list | a b"), "related needs"),
    ],
)
def test_malformed_sources_are_rejected(source: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_article("x", "world", source)


def test_catalog_rejects_a_related_link_to_nowhere(monkeypatch: pytest.MonkeyPatch) -> None:
    real = content.parse_article

    def with_typo(article_id: str, site_id: str, source: str) -> content.ArticleSource:
        article = real(article_id, site_id, source)
        return replace(article, related=(RelatedBlock("list", "Most read", ("no-such-story",)),))

    monkeypatch.setattr(content, "parse_article", with_typo)
    with pytest.raises(ValueError, match="no-such-story"):
        load_catalog()


def test_catalog_has_four_sites_and_one_failing_feed() -> None:
    catalog = load_catalog()
    assert [site.name for site in catalog.sites] == [
        "World Desk",
        "Tech Wire",
        "Science Notes",
        "City & Culture",
    ]
    assert all(6 <= len(catalog.articles_of(site.id)) <= 10 for site in catalog.sites)
    assert [feed.title for feed in catalog.broken] == ["Harbour Gazette"]
    assert [a.id for a in catalog.articles.values() if a.layout == "paywall"] == [
        "quiet-data-centre"
    ]
