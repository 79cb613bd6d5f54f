"""A page whose article sits under hundreds of nested elements keeps its text.

libxml2 stops a page at 256 levels unless told it is huge, and drops the rest: the
article under 300 wrapper divs came out as its headline alone. Up to 2,048 levels the
tree is kept as it is; deeper, the page is read again without the tags that nest."""

from __future__ import annotations

import time

import pytest
from pytest_httpserver import HTTPServer

from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader.service import ArticleReader

FAST = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=4)
PARAGRAPHS = [
    f"Paragraph {n}: the harbour cranes came back to the old port this spring, and the "
    f"dockers who remember them came to watch the first lift of the season ({n})."
    for n in range(1, 13)
]


def page(opening: str, closing: str, depth: int) -> str:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html><head><title>Cranes return to the old port</title></head>"
        "<body><h1>Cranes return to the old port</h1>"
        f"{opening * depth}<article>{body}</article>{closing * depth}"
        "<p>Corrections: an earlier version of this story misnamed the port's oldest crane.</p>"
        "</body></html>"
    )


async def read(httpserver: HTTPServer, store: Store, path: str, html: str) -> str:
    httpserver.expect_request(path).respond_with_data(html, content_type="text/html")
    async with ArticleReader(store, FAST, in_process=True) as reader:
        article = await reader.read_url(httpserver.url_for(path))
    assert article.source == "extracted"
    return article.text


@pytest.mark.parametrize(
    ("opening", "closing", "depth"),
    [
        ("<div>", "</div>", 300),
        ("<div class='wrap'>", "</div>", 1_500),
        ("<div>", "</div>", 5_000),  # beyond libxml2's limit even for a huge page
        ("<span>", "</span>", 3_000),
        ("<blockquote>", "</blockquote>", 3_000),
        ("<table><tr><td>", "</td></tr></table>", 1_000),
    ],
)
async def test_an_article_nested_deep_keeps_every_paragraph_in_order(
    httpserver: HTTPServer, store: Store, opening: str, closing: str, depth: int
) -> None:
    started = time.process_time()
    text = await read(httpserver, store, "/deep", page(opening, closing, depth))
    assert time.process_time() - started < 5  # never a hang
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert text.index(PARAGRAPHS[0]) < text.index(PARAGRAPHS[-1])


async def test_a_page_300_divs_deep_reads_as_the_same_page_unnested(
    httpserver: HTTPServer, store: Store
) -> None:
    flat = await read(httpserver, store, "/flat", page("<div>", "</div>", 1))
    deep = await read(httpserver, store, "/deep", page("<div>", "</div>", 300))
    assert deep == flat
