"""The first lines trafilatura takes from the page's header rather than the article
(reader/header.py): a standfirst in the `<header>`, a summary set as a heading over the
story's box. Found on the tuning part of the main-text split (buzzfeed, topicseed, salon,
nationalgeographic; their references, cut from the article's element, leave them out)."""

from __future__ import annotations

import trafilatura

from tui_news.reader.extract import extract_article

URL = "https://port.example/2024/05/cranes/"
STANDFIRST = "The port's new cranes passed their first winter test; the harbour master is pleased."


def _paragraphs(first: int = 0, last: int = 7) -> str:
    return "".join(
        f"<p>Report {n}: the night shift unloaded two ships at berth {n} and the cranes ran"
        " until dawn without a single fault, said the harbour master.</p>"
        for n in range(first, last)
    )


def _page(article: str) -> bytes:
    return (
        f"<html><head><title>Cranes ran all night</title></head><body><article>{article}"
        "</article></body></html>"
    ).encode()


def test_a_standfirst_in_the_header_over_the_story_stays_out_of_the_text() -> None:
    page = _page(
        f"<header><h1>Cranes ran all night</h1><p class='standfirst'>{STANDFIRST}</p></header>"
        f"<div class='story-text'>{_paragraphs()}</div>"
    )
    assert STANDFIRST in (trafilatura.extract(page) or "")
    text = extract_article(page, URL).text
    assert STANDFIRST not in text
    assert text.startswith("Report 0: the night shift")


def test_a_summary_set_as_a_heading_outside_the_storys_box_stays_out() -> None:
    page = _page(
        f"<div class='top'><h1>Cranes ran all night</h1><h2>{STANDFIRST}</h2></div>"
        f"<div class='story-text'>{_paragraphs()}</div>"
    )
    text = extract_article(page, URL).text
    assert STANDFIRST not in text and text.startswith("Report 0:")


def test_a_lede_in_a_box_of_its_own_stays_the_first_line() -> None:
    # Not in a header nor a heading: trafilatura's own evaluation pages keep such a lede.
    page = _page(
        f"<h1>Cranes ran all night</h1><p class='intro'>{STANDFIRST}</p>"
        f"<div class='story-text'>{_paragraphs()}</div>"
    )
    assert extract_article(page, URL).text.startswith(STANDFIRST)


def test_a_story_set_in_boxes_alike_keeps_the_heading_and_lines_of_its_first_box() -> None:
    page = _page(
        "<h1>Cranes ran all night</h1>"
        f"<div class='chunk'><h2>The night shift</h2>{_paragraphs(0, 1)}</div>"
        f"<div class='chunk'>{_paragraphs(1, 10)}</div>"
    )
    text = extract_article(page, URL).text
    assert text.startswith("## The night shift\n\nReport 0:")
    assert all(f"Report {n}:" in text for n in range(10))


def test_a_list_of_the_storys_date_section_and_comments_over_its_box_stays_out() -> None:
    # bbc-1 on the tuning part: trafilatura reads the list as the text's first lines.
    page = _page(
        "<div class='story'><h1>Cranes ran all night</h1>"
        "<div class='info-and-share'><ul class='info-list'><li>24 July 2024</li>"
        "<li>From the section <a href='/news/ports'>Ports</a></li><li>941 comments</li></ul>"
        f"</div><div class='story-text'>{_paragraphs()}</div></div>"
    )
    assert "941 comments" in (trafilatura.extract(page) or "")
    text = extract_article(page, URL).text
    assert "941 comments" not in text and "From the section" not in text
    assert text.startswith("Report 0: the night shift")


def test_a_list_that_opens_the_storys_own_box_stays() -> None:
    page = _page(
        "<h1>Cranes ran all night</h1><div class='story-text'>"
        "<ul><li>Two ships unloaded overnight</li><li>No crane faults</li>"
        f"<li>Ice kept off the quay</li></ul>{_paragraphs()}</div>"
    )
    text = extract_article(page, URL).text
    assert text.startswith("- Two ships unloaded overnight\n- No crane faults")
