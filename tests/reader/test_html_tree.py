"""Parsing a page: the same tree trafilatura's `load_html` makes, and no control left in it.

`html_tree.load` repeats `load_html`'s repairs with a parser whose element classes are
looked up in C; the trees must stay the same, on real pages and on the broken ones
those repairs exist for. `defuse_tree` looks at every element only when the page's text
holds a control character, so every way one can get into the text is tried.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from trafilatura.utils import load_html

from tests.conftest import CORPUS
from tui_news.reader import html_tree, markdown
from tui_news.reader.extract import extract_article, parse_html

PAGES = (
    sorted((CORPUS / "pages" / "trafilatura").glob("*/*.html"))[::10]
    + sorted((CORPUS / "pages" / "readability").glob("*/source.html"))[::10]
)
STORY = "<p>" + "The council met on Tuesday to argue about bicycle lanes once more. " * 4 + "</p>"
BROKEN = {
    "slash in the doctype": f"<!DOCTYPE html/>\n<html><body>{STORY}</body></html>",
    "self-closing html": f"<html lang='en'/>\n<body>{STORY}</body></html>",
    "controls and non-characters": f"<html><body>{STORY}\x01\x0b\ufffe\uffff</body></html>",
    "an encoding declaration": f"<?xml version='1.0' encoding='latin-1'?><html><body>{STORY}"
    "</body></html>",
    "a fragment": "<p>just a paragraph</p>",
    "not HTML": "just some words",
    "a form": f"<html><body><form><input value='x'><label>L</label></form>{STORY}</body></html>",
}


def _same(ours: etree._Element | None, theirs: etree._Element | None) -> bool:
    if ours is None or theirs is None:
        return ours is theirs
    return bool(etree.tostring(ours) == etree.tostring(theirs))


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(Path(*path.parts[-2:])))
def test_corpus_pages_parse_as_trafilatura_parses_them(path: Path) -> None:
    page = path.read_bytes().decode("utf-8", "replace")
    assert _same(html_tree.load(page), load_html(page))


@pytest.mark.parametrize("name", BROKEN)
def test_broken_pages_are_repaired_as_trafilatura_repairs_them(name: str) -> None:
    assert _same(html_tree.load(BROKEN[name]), load_html(BROKEN[name]))


def test_only_pages_with_a_control_character_are_walked() -> None:
    clean = parse_html(f"<html><body>{STORY}<p>Café «Zürich» – 5 €</p></body></html>")
    assert not markdown._has_unsafe_text(clean)
    for control in ("\x7f", "\x85", "&#x81;", "&#1;", "&#27;"):
        root = parse_html(f"<html><body>{STORY}<p>a <b>b</b> c{control}d</p></body></html>")
        assert markdown._has_unsafe_text(root), repr(control)


@pytest.mark.parametrize("control", ["\x01", "\x7f", "\x85", "\x9c", "&#x81;", "&#1;", "&#27;[2J"])
def test_no_control_character_reaches_the_text(control: str) -> None:
    html = f"<html><body><article>{STORY}<p>Bikes <b>and</b> cars{control} agree.</p></article>"
    text = extract_article(f"{html}</body></html>".encode()).text
    assert "cars agree." in text
    assert not any("\x00" <= char < " " and char != "\n" for char in text)
    assert not any("\x7f" <= char <= "\x9f" for char in text)
