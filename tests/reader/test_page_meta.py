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
from trafilatura.metadata import extract_metadata
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
