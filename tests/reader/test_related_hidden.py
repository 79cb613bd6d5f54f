"""What a page does not show is never read: not in the sidebar, not in a headline, not in
the text.

A browser renders nothing inside `<template>`, `<noscript>` (scripts run), `<svg>` text,
an element with the `hidden` attribute or an inline `display: none` / `visibility:
hidden`; hacked sites hide link farms that way. `aria-hidden="true"` only hides from
screen readers: a page behind an open overlay carries it, and so does the picture link
beside a card's headline, so it hides nothing here.
"""

from __future__ import annotations

import pytest

from tests.reader.test_related_structure import ARTICLE, EveryStory, headline, story
from tui_news.reader.extract import extract_article, parse_html
from tui_news.reader.related import find_related

URL = "https://www.daily-planet.test/news/2024/05/03/council-votes-on-new-bridge/"
SITE = "https://www.daily-planet.test"


def listed(body: str) -> list[tuple[str, str]]:
    html = f"<html><head></head><body>{body}</body></html>"
    links = find_related(parse_html(html.encode()), URL, model=EveryStory())
    return [(link.title, link.url.removeprefix(SITE)) for link in links]


def rail(numbers: range) -> str:
    items = "".join(f'<li><a href="{story(n)}">{headline(n)}</a></li>' for n in numbers)
    return f"<h2>Related stories</h2><ul>{items}</ul>"


VISIBLE = rail(range(1, 4))


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<template>", "</template>"),
        ("<noscript>", "</noscript>"),
        ('<svg viewBox="0 0 10 10">', "</svg>"),
        ("<div hidden>", "</div>"),
        ('<aside hidden="until-found">', "</aside>"),
        ('<div style="display:none">', "</div>"),
        ('<div style="color: red; DISPLAY : None !important">', "</div>"),
        ('<section style="visibility: hidden">', "</section>"),
        ('<div style="visibility:collapse">', "</div>"),
    ],
)
def test_a_list_the_page_does_not_show_is_never_listed(opening: str, closing: str) -> None:
    hidden = f"{opening}{rail(range(5, 9))}{closing}"
    assert listed(ARTICLE + VISIBLE + hidden) == [(headline(n), story(n)) for n in range(1, 4)]
    assert listed(ARTICLE + hidden + VISIBLE) == [(headline(n), story(n)) for n in range(1, 4)]


def test_one_hidden_item_of_a_shown_list_is_left_out() -> None:
    items = "".join(
        f'<li style="display: none"><a href="{story(n)}">{headline(n)}</a></li>'
        if n == 2
        else f'<li><a href="{story(n)}">{headline(n)}</a></li>'
        for n in range(1, 5)
    )
    assert listed(f"{ARTICLE}<h2>Related stories</h2><ul>{items}</ul>") == [
        (headline(n), story(n)) for n in (1, 3, 4)
    ]


def test_what_the_page_shows_after_all_is_listed() -> None:
    """The page's style beats the `hidden` attribute; a child may undo `visibility`."""
    shown_by_style = f'<div hidden style="display: block">{VISIBLE}</div>'
    assert len(listed(ARTICLE + shown_by_style)) == 3
    undone = rail(range(5, 8)).replace("<ul>", '<ul style="visibility: visible">')
    invisible = f'<div style="visibility:hidden">{undone}</div>'
    assert [url for _, url in listed(ARTICLE + invisible)] == [story(n) for n in range(5, 8)]
    # A page hidden whole until its scripts have run (against flicker) is still the page.
    html = f'<html><body style="visibility: hidden">{ARTICLE}{VISIBLE}</body></html>'
    assert len(find_related(parse_html(html.encode()), URL, model=EveryStory())) == 3


def test_aria_hidden_hides_nothing_from_the_eye() -> None:
    """yahoo.com's whole page sits under aria-hidden while its reading overlay is open;
    a card's picture link is aria-hidden beside the headline link to the same story."""
    overlay = f'<div aria-hidden="true">{ARTICLE}{VISIBLE}</div>'
    assert len(listed(overlay)) == 3
    pictured = "".join(
        f'<li><a href="{story(n)}" aria-hidden="true" tabindex="-1"><img src="p.jpg"></a>'
        f'<a href="{story(n)}">{headline(n)}</a></li>'
        for n in range(1, 4)
    )
    assert listed(f"{ARTICLE}<h2>Related stories</h2><ul>{pictured}</ul>") == [
        (headline(n), story(n)) for n in range(1, 4)
    ]


def test_a_hidden_heading_does_not_name_a_block_nor_hidden_words_a_headline() -> None:
    items = "".join(
        f'<li><a href="{story(n)}">{headline(n)}<span style="display:none"> cheap pills</span>'
        "</a></li>"
        for n in range(1, 4)
    )
    body = f"{ARTICLE}<h2>Most read</h2><h2 hidden>Buy now</h2><ul>{items}</ul>"
    links = find_related(
        parse_html(f"<html><body>{body}</body></html>".encode()), URL, model=EveryStory()
    )
    assert [(link.group, link.title) for link in links] == [
        ("Most read", headline(n)) for n in range(1, 4)
    ]


PROSE = "".join(
    f"<p>Paragraph {n} of the article tells the council's story in ordinary words, long"
    " enough for the extractor to keep it as the page's main text and nothing else.</p>"
    for n in range(1, 5)
)


@pytest.mark.parametrize(
    "hidden",
    [
        "<template><p>SECRET words a template holds and no reader ever sees on the page.</p>"
        "</template>",
        "<p hidden>SECRET words of a paragraph with the hidden attribute, never shown.</p>",
        "<div hidden><p>SECRET words of a paragraph in a hidden block, never shown.</p></div>",
        '<div style="DISPLAY: NONE"><p>SECRET words under a style written in capitals.</p></div>',
        '<blockquote style="visibility:hidden"><p>SECRET words of an invisible quote.</p>'
        "</blockquote>",
    ],
)
def test_the_main_text_holds_no_hidden_words(hidden: str) -> None:
    article = f"<article><h1>Council votes</h1>{PROSE}{hidden}{PROSE}</article>"
    text = extract_article(f"<html><body>{article}</body></html>", URL).text
    assert "Paragraph 4 of the article" in text
    assert "SECRET" not in text


def test_a_hidden_word_leaves_its_sentence_whole() -> None:
    sentence = (
        "<p>The mayor said the bridge <span hidden>SECRET</span>would open in spring, and "
        "that the old ferry would keep running until the last car had crossed it.</p>"
    )
    html = f"<html><body><article><h1>Council votes</h1>{PROSE}{sentence}</article></body></html>"
    text = extract_article(html, URL).text
    assert "the bridge would open in spring" in " ".join(text.split())
    assert "SECRET" not in text
