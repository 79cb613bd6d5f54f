"""The reader's cut-down trafilatura metadata gives what trafilatura's own pass gives.

`page_meta` repeats `extract_metadata`'s steps minus the fields the reader never shows;
if a trafilatura upgrade changes those steps, titles, bylines, site names or dates would
quietly drift from trafilatura's. Checked on real pages of many sites, with and without
the page's address, and on a page whose metadata must all come from fallbacks.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

import pytest
from trafilatura.metadata import extract_author, extract_metadata
from trafilatura.settings import Extractor

from tests.conftest import CORPUS
from tui_news.reader import page_meta
from tui_news.reader.extract import parse_html

PAGES = (
    sorted((CORPUS / "pages" / "trafilatura").glob("*/*.html"))[::8]
    + sorted((CORPUS / "pages" / "readability").glob("*/source.html"))[::8]
)
BARE = b"""<html><head><title>Council votes for bicycle lanes | @townpaper</title></head>
<body><h1>Council votes for bicycle lanes</h1><p class="byline">By Jane Doe</p>
<p>The council voted on Tuesday, 3 March 2020, to build six new bicycle lanes.</p></body></html>"""


def _trafilatura_fields(html: bytes, url: str | None) -> tuple[str | None, ...]:
    options = Extractor(url=url, with_metadata=True)  # as bare_extraction asks
    full = extract_metadata(
        copy(parse_html(html)), options.url, options.date_params, options.fast, set()
    )
    return (full.title, full.author, full.sitename, full.url, full.date)


def _our_fields(html: bytes, url: str | None) -> tuple[str | None, ...]:
    meta = page_meta.read(parse_html(html), url)
    return (meta.title, meta.author, meta.sitename, meta.trimmed_url, meta.date())


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(Path(*path.parts[-2:])))
def test_corpus_pages_have_trafilaturas_metadata(path: Path) -> None:
    html = path.read_bytes()
    for url in (None, "https://news.example.org/2020/03/03/bicycle-lanes"):
        assert _our_fields(html, url) == _trafilatura_fields(html, url)


def test_a_page_without_meta_tags_has_trafilaturas_fallbacks() -> None:
    fields = _our_fields(BARE, None)
    assert fields == _trafilatura_fields(BARE, None)
    assert fields == ("Council votes for bicycle lanes", "Jane Doe", None, None, "2020-03-03")


ALL_PAGES = sorted((CORPUS / "pages" / "trafilatura").glob("*/*.html")) + sorted(
    (CORPUS / "pages" / "readability").glob("*/source.html")
)
# Bylines trafilatura reads from a page it has cut: a date, a figure or a comment box
# inside the byline or around it, a byline that is nothing but what is cut, words run
# together where the cut joins them.
CUT_BYLINES = (
    '<p class="byline">By <time>3 March</time> Jane Doe</p>',
    '<p class="byline">By<time>3 March</time>Jane<figure>x</figure>Doe</p>',
    '<div class="comments"><span class="author">Commenter Name</span></div>'
    '<span class="author">Jane Doe</span>',
    '<span class="author"><time>3 March 2020</time></span><p class="byline">Jane Doe</p>',
    '<div class="sidebar"><a rel="author">Sidebar Person</a></div><a rel="author">Jo Bloggs</a>',
    '<span class="author-name">Ann <span class="date">today</span><b>Lee</b></span>',
)


def test_every_corpus_pages_byline_is_trafilaturas() -> None:
    # page_meta reads the byline without trafilatura's copy of the page: same answer.
    for path in ALL_PAGES:
        root = parse_html(path.read_bytes())
        assert page_meta._author(root) == extract_author(copy(root)), path


@pytest.mark.parametrize("byline", CUT_BYLINES)
def test_a_byline_around_what_trafilatura_cuts_is_trafilaturas(byline: str) -> None:
    root = parse_html(f"<html><body><h1>Title</h1>{byline}<p>Text.</p></body></html>".encode())
    assert page_meta._author(root) == extract_author(copy(root))
