"""Lines of text set with <br> in a box, a link among their words (reader/loose_text.py):
trafilatura, keeping links, dropped the link and the rest of its line once the box held a
heading too. Found on trafilatura's evaluation pages, tuning part (telemedicus: "Ein
Blick in das Inhaltsverzeichnis (PDF) zeigt aber: …" ended at the parenthesis)."""

from __future__ import annotations

import trafilatura

from tui_news.core.text import squash
from tui_news.reader.extract import extract_article, parse_html
from tui_news.reader.loose_text import wrap_loose_lines
from tui_news.reader.markdown import to_plain

URL = "https://port.example/2024/05/log/"
WORDS = "the night shift unloaded two ships and the cranes ran until dawn without a fault"


def _page(box: str) -> bytes:
    return (
        "<html><head><title>Harbour log</title></head><body><article>"
        f"<div class='body' itemprop='articleBody'>{box}</div></article></body></html>"
    ).encode()


def test_a_line_with_a_link_keeps_the_link_and_every_word_after_it() -> None:
    page = _page(
        f"Intro: {WORDS}, and again {WORDS}.<br><h2>The log</h2><br>First: {WORDS}.<br><br>"
        f"See the log (<a href='https://port.example/log.pdf'>PDF</a>) for how {WORDS}.<br>"
        f"Last: {WORDS}.<br>"
    )
    assert "for how the night shift" not in (trafilatura.extract(page, include_links=True) or "")
    text = extract_article(page, URL).text
    assert f"See the log ([PDF](https://port.example/log.pdf)) for how {WORDS}." in text
    assert f"First: {WORDS}." in to_plain(text) and f"Last: {WORDS}." in to_plain(text)


def test_only_lines_of_words_with_a_link_become_paragraphs() -> None:
    # A line of links alone (a footer's) is no prose; a line of plain words is read whole.
    root = parse_html(
        _page(
            f"First: {WORDS}.<br>See the log (<a href='/log.pdf'>PDF</a>) for how {WORDS}.<br>"
            "<a href='/about/'>About</a> | <a href='/contact/'>Contact</a><br>"
            f"Last: <em>{WORDS}</em>.<br>"
        )
    )
    box = root.xpath("//div[@class='body']")[0]
    words_before = box.text_content()
    wrap_loose_lines(root)
    assert [squash(p.text_content()) for p in box.iter("p")] == [
        f"See the log (PDF) for how {WORDS}."
    ]
    assert box.text_content() == words_before  # every word, in its order


def test_a_data_tables_linked_row_names_stay() -> None:
    # Each row's name is a link in a box of its own: trafilatura dropped the names.
    rows = "".join(
        f"<tr><td><div><a href='https://apps.example/{n}'><span>Crane app {n}</span></a></div>"
        f"</td><td><div>{70 + n}.1 MB</div></td></tr>"
        for n in range(5)
    )
    menu = "".join(
        f"<td><div><a href='https://port.example/{name}/'>{name}</a></div></td>"
        for name in ("News", "Sport")
    )
    page = _page(
        f"<p>Intro: {WORDS}, and again {WORDS}.</p><table><tr><th>App</th><th>Size</th></tr>"
        f"{rows}</table><p>Last: {WORDS}.</p><table><tr>{menu}</tr></table>"
    )
    assert "Crane app 3" not in (trafilatura.extract(page) or "")
    text = to_plain(extract_article(page, URL).text)
    assert all(f"Crane app {n}" in text for n in range(5)) and "73.1 MB" in text
    assert "Sport" not in text  # a row of links alone is a menu
