"""Headings and lists of the article that trafilatura drops when it finds no article
element and gathers the page's paragraphs one by one (reader/restore.py). Found on the
tuning part of the main-text split: "First Quarter" (phillyvoice), "The hypothesis"
(medicalnewstoday), a devlog's section headings (Readability's keep-tabular-data)."""

from __future__ import annotations

import trafilatura

from tui_news.reader.extract import extract_article

URL = "https://port.example/2024/05/log/"


def _paragraph(n: int) -> str:
    return (
        f"<p>Report {n}: the night shift unloaded two ships at berth {n} and the cranes ran"
        " until dawn without a single fault, said the harbour master.</p>"
    )


def _page(middle: str) -> str:
    """Paragraphs in boxes whose names say nothing: trafilatura finds no article element."""
    body = "".join(_paragraph(n) for n in range(2)) + middle
    body += "".join(_paragraph(n) for n in range(4, 7))
    return (
        "<html><head><title>Harbour log</title></head><body>"
        f"<div class='x1'><div class='x2'>{body}</div></div></body></html>"
    )


def test_a_heading_and_a_list_between_kept_paragraphs_come_back_in_their_place() -> None:
    page = _page(
        "<h3><b>Second shift</b></h3>"
        + _paragraph(2)
        + _paragraph(3)
        + "<ul><li>Two cranes were serviced</li><li>One tug came back from repair</li></ul>"
    )
    bare = trafilatura.extract(page) or ""
    assert "Report 3" in bare and "Second shift" not in bare and "Two cranes" not in bare
    text = extract_article(page.encode(), URL).text
    assert "said the harbour master.\n\n### Second shift\n\nReport 2:" in text
    assert (
        "Report 3: the night shift" in text
        and "master.\n\n- Two cranes were serviced\n- One tug came back from repair\n\nReport 4"
        in text
    )


def test_teaser_headlines_and_lists_of_links_between_paragraphs_stay_out() -> None:
    page = _page(
        "<div class='card'><a href='https://port.example/2024/05/tugs/'>"
        "<h3>Tugs return to service after a long winter</h3></a></div>"
        + _paragraph(2)
        + "<h3>Related</h3><ul><li><a href='https://port.example/2024/04/ferry/'>Ferry times"
        " change for the summer</a></li><li><a href='https://port.example/2024/04/berth/'>New"
        " berth opens in May</a></li></ul>" + _paragraph(3)
    )
    text = extract_article(page.encode(), URL).text
    assert "Report 2:" in text and "Report 3:" in text
    assert "Tugs return" not in text and "Ferry times" not in text and "Related" not in text


def test_a_heading_with_other_text_of_the_page_before_it_stays_out() -> None:
    # Between the kept paragraphs stand words trafilatura left out (a box's label): the
    # heading may belong to that box rather than to the article's run of text.
    page = _page("<div>Advertisement</div><h3>Second shift</h3>" + _paragraph(2) + _paragraph(3))
    text = extract_article(page.encode(), URL).text
    assert "Report 2:" in text and "Second shift" not in text
