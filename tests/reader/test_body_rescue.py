"""When trafilatura's text is the page read out rather than the article, and smaller
misreadings it makes of common markup. Found on the tuning part of the main-text split
(tests/data/maintext/split.json)."""

from __future__ import annotations

from tests.conftest import CORPUS
from tests.reader.test_body_noise import corpus, synthetic
from tui_news.reader.extract import extract_article
from tui_news.reader.markdown import to_plain
from tui_news.reader.pictures import without_lines


def test_a_one_sentence_article_is_that_sentence_not_the_whole_page() -> None:
    # The page found no article element, so trafilatura's answer was every line of it:
    # menu, share buttons, "Related articles", the week's headlines with their dates.
    text = corpus("eval-news/caymancompass.com-prison.html")
    assert text.strip() == (
        "A senior prison official has said in a sworn affidavit that “anyone with sufficient "
        "determination to escape” from Cayman’s prison could do so."
    )


def test_a_page_of_lines_without_paragraphs_keeps_every_line() -> None:
    lines = "<br>".join(
        f"Line {n} of the harbour log: the night shift unloaded two ships and the cranes ran"
        " until dawn without a fault."
        for n in range(12)
    )
    menu = "".join(f'<a href="/{name}/">{name}</a> ' for name in ("news", "sport", "weather"))
    page = (
        f"<html><head><title>Harbour log</title></head><body><div>{menu}</div>"
        f"<div class='log'>{lines}</div></body></html>"
    )
    text = to_plain(extract_article(page.encode(), "https://port.example/log/").text)
    assert all(f"Line {n} of the harbour log" in text for n in range(12))


def test_a_headings_permalink_leaves_the_words_a_heading_not_a_link() -> None:
    article = synthetic(
        '<h2 id="z"><a class="toclink" href="#z">Understanding Z-Score</a></h2>'
        '<h3>Optimising the score <a class="anchor" href="#opt"><svg width="9"></svg></a></h3>'
    )
    assert "\n## Understanding Z-Score\n" in article.text
    assert "\n### Optimising the score\n" in article.text
    assert "[Understanding" not in article.text


def test_teaser_cards_with_picture_links_and_loose_dates_after_the_text_leave() -> None:
    # Each card is a picture link (an empty paragraph once the picture is gone), its
    # linked headline as a heading, and its date as loose text after the heading.
    page = CORPUS / "pages" / "readability" / "aclu" / "source.html"
    text = without_lines(to_plain(extract_article(page.read_bytes(), "").text))
    assert text.rstrip().endswith("protect those of us who manage to opt out.")
    assert "Staying Safe When You Say" not in text and "April 20, 2018" not in text
