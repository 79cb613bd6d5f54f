"""The first and last blocks of the text: the site's own notes and teaser lists go, a real
sentence stays. Classes found on the tuning pages of the split (tests/data/maintext)."""

from __future__ import annotations

import pytest

from tests.reader.test_body_noise import synthetic
from tui_news.reader.extract import extract_article
from tui_news.reader.markdown import to_plain

LINES = [
    f"Line {n} of the report on the harbour cranes, the night shift and the ships they unload."
    for n in range(10)
]


def test_a_sentence_ending_in_a_colon_at_the_end_is_no_dangling_label() -> None:
    article = synthetic(
        "", '<p>To see "Super Mario Run" in action, check out the footage below:</p>'
    )
    assert to_plain(article.text).endswith("check out the footage below:")


def test_teaser_headings_each_with_its_date_after_the_text_leave() -> None:
    teasers = "".join(
        f'<h3><a href="https://port.example/2018/0{n}/story-{n}/">{title}</a></h3>'
        f"<p>April {n}, 2018</p>"
        for n, title in enumerate(
            (
                "Staying safe when you say what happened",
                "Why the port should not rely on cranes alone",
                "Eight questions the council should ask the harbour board",
            ),
            start=1,
        )
    )
    plain = to_plain(synthetic("", teasers).text)
    assert plain.endswith("unloading ships from all over the world.")
    assert "April 2, 2018" not in plain and "Eight questions" not in plain


@pytest.mark.parametrize(
    "note",
    [
        "Submit your letter to the editor via this form. Read more Letters to the Editor.",
        "We want to hear what you think about this article. Write to letters@port.example.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "This post contains references to products from one or more of our advertisers.",
        "Puede escribirnos a redaccion@port.example o suscribirse a nuestra newsletter.",
        "Mit unserem Newsletter erhalten Sie monatlich Informationen rund um den Hafen.",
        "Copyright 2023 Harbour Television Corp. All rights reserved. This material may not be"
        " published, broadcast, rewritten or redistributed.",
        "From the book The Night Port by Ana Lima. Copyright © 2019 by Ana Lima. Reprinted by"
        " permission of Quay Books.",
        "【本文为港口新闻网独家稿件，版权所有，未经授权，不得转载。】",
    ],
)
def test_the_sites_notes_to_the_reader_leave_the_ends_of_the_text(note: str) -> None:
    assert note not in to_plain(synthetic("", f"<p>{note}</p>").text)


def test_a_note_in_the_middle_of_the_text_is_the_articles_business() -> None:
    note = "Readers wrote a letter to the editor about the cranes, and the board answered."
    paragraphs = [f"<p>{line}</p>" for line in LINES]
    html = "".join([*paragraphs[:5], f"<p>{note}</p>", *paragraphs[5:]])
    page = f"<html><body><article><h1>Cranes</h1>{html}</article></body></html>"
    assert note in to_plain(extract_article(page.encode(), "https://port.example/a/").text)


def test_a_continue_reading_line_in_the_text_leaves() -> None:
    plain = _article("<p>Continue reading the main story</p>")
    assert "Continue reading" not in plain and LINES[4] in plain and LINES[5] in plain


def test_code_spans_keep_their_underscores_in_plain_text() -> None:
    assert to_plain("call `__wasi_fd_write(..)` and `_start`, *not* _this_") == (
        "call __wasi_fd_write(..) and _start, not this"
    )


def _article(middle: str, *, h1: str = "Cranes", title: str = "") -> str:
    paragraphs = [f"<p>{line}</p>" for line in LINES]
    html = "".join([*paragraphs[:5], middle, *paragraphs[5:]])
    head = f"<head><title>{title}</title></head>" if title else ""
    page = f"<html>{head}<body><article><h1>{h1}</h1>{html}</article></body></html>"
    return to_plain(extract_article(page.encode(), "https://port.example/2024/cranes/").text)


def test_a_box_of_kicker_links_in_the_text_leaves() -> None:
    box = "".join(
        f'<li>{kicker}: <a href="https://port.example/2024/{n}/">{label}</a></li>'
        for n, (kicker, label) in enumerate(
            (
                ("A SIMPLE GUIDE", "How do I protect myself?"),
                ("VIDEO", "The twenty second hand wash"),
                ("LOOK-UP TOOL", "Check the cases in your area"),
            )
        )
    )
    plain = _article(f"<ul>{box}</ul>")
    assert "SIMPLE GUIDE" not in plain and "hand wash" not in plain
    assert LINES[4] in plain and LINES[5] in plain


def test_links_to_other_stories_set_in_the_text_leave() -> None:
    for middle in (
        '<p><a href="https://port.example/2024/06/quays/">Read: Two storms are worse than one'
        "</a></p>",
        '<p>Annie Lowrey: <a href="https://port.example/2024/06/unlivable/">The port is becoming'
        " unlivable</a></p>",
        "<p>By Nada Tawfik, Port News, New York</p>",
        "<p>Sign up for the free daily Port newsletter for more harbour news!</p>",
    ):
        plain = _article(middle)
        assert plain.split("\n\n")[4:6] == LINES[4:6], middle


def test_the_pages_own_headline_leaves_even_when_the_title_says_otherwise() -> None:
    title = "Cranes to go electric by spring"
    page = (
        f'<html><head><title>{title}</title><meta property="og:title" content="{title}">'
        '</head><body><article><div class="body">'
        "<h1>Harbour board sets new date for electric cranes</h1>"
        + "".join(f"<p>{line}</p>" for line in LINES)
        + "</div></article></body></html>"
    )
    article = extract_article(page.encode(), "https://port.example/2024/cranes/")
    assert article.title == title
    assert to_plain(article.text).startswith(LINES[0])
