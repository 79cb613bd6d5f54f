"""What a page never renders is never read; what it hides until a click is the page's.

A browser renders nothing inside `<template>`, `<noscript>` (scripts run), `<svg>` text or
a `<dialog>` without `open`: never in the sidebar, a headline or the text. An element
with the `hidden` attribute or an inline `display: none` / `visibility: hidden` is not
shown as the page loads: its words leave the article's text and never name a box or
fill a headline, but a closed tab's or a folded box's stories are a click away and are
listed. `aria-hidden="true"` only hides
from screen readers: a page behind an open overlay carries it, and so does the picture
link beside a card's headline, so it hides nothing here.
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
        ("<dialog>", "</dialog>"),
        ('<dialog class="modal" aria-label="More stories">', "</dialog>"),
    ],
)
def test_a_list_the_page_never_renders_is_never_listed(opening: str, closing: str) -> None:
    unrendered = f"{opening}{rail(range(5, 9))}{closing}"
    assert listed(ARTICLE + VISIBLE + unrendered) == [(headline(n), story(n)) for n in range(1, 4)]
    assert listed(ARTICLE + unrendered + VISIBLE) == [(headline(n), story(n)) for n in range(1, 4)]


@pytest.mark.parametrize(
    "panel",
    [
        "<div hidden>",
        '<div hidden="until-found">',
        '<div style="display:none">',
        '<div style="color: red; DISPLAY : None !important">',
        '<div style="visibility: hidden">',
    ],
)
def test_a_closed_tab_of_stories_is_listed(panel: str) -> None:
    """ "Most read | Most shared": the second tab's list waits, hidden, for a click."""
    tabs = (
        f"<section><h2>Most read</h2><div>{VISIBLE.removeprefix('<h2>Related stories</h2>')}"
        f"</div>{panel}{rail(range(5, 8)).removeprefix('<h2>Related stories</h2>')}</div>"
        "</section>"
    )
    assert [url for _, url in listed(ARTICLE + tabs)] == [story(n) for n in (1, 2, 3, 5, 6, 7)]


@pytest.mark.parametrize("dialog", ["<dialog open>", '<dialog style="display: block">'])
def test_an_open_dialog_s_stories_are_listed(dialog: str) -> None:
    """Open, or shown by its inline style: on screen, like any box of stories."""
    shown = f"{dialog}{rail(range(5, 8))}</dialog>"
    assert [url for _, url in listed(ARTICLE + VISIBLE + shown)] == [
        story(n) for n in (1, 2, 3, 5, 6, 7)
    ]


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
        "<dialog><p>SECRET words of a newsletter sign-up in a dialog never opened.</p></dialog>",
        '<dialog><figure><img src="https://www.daily-planet.test/signup.jpg"><figcaption>'
        "SECRET caption of a picture in a dialog never opened</figcaption></figure></dialog>",
    ],
)
def test_the_main_text_holds_no_hidden_words(hidden: str) -> None:
    article = f"<article><h1>Council votes</h1>{PROSE}{hidden}{PROSE}</article>"
    text = extract_article(f"<html><body>{article}</body></html>", URL).text
    assert "Paragraph 4 of the article" in text
    assert "SECRET" not in text


def test_the_main_text_keeps_what_the_page_shows_after_all() -> None:
    """The page's style beats the `hidden` attribute."""
    shown_by_style = (
        '<div hidden style="display: block"><p>SHOWN words of a block the style shows, as'
        " long and as plain as the article's own paragraphs, so that nothing but its style"
        " could keep it out.</p></div>"
    )
    article = f"<article><h1>Council votes</h1>{PROSE}{shown_by_style}{PROSE}</article>"
    text = extract_article(f"<html><body>{article}</body></html>", URL).text
    assert "SHOWN words" in text


def test_a_hidden_word_leaves_its_sentence_whole() -> None:
    sentence = (
        "<p>The mayor said the bridge <span hidden>SECRET</span>would open in spring, and "
        "that the old ferry would keep running until the last car had crossed it.</p>"
    )
    html = f"<html><body><article><h1>Council votes</h1>{PROSE}{sentence}</article></body></html>"
    text = extract_article(html, URL).text
    assert "the bridge would open in spring" in " ".join(text.split())
    assert "SECRET" not in text
