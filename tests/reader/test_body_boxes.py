"""Boxes the site sets in or around the article (reader/boxes.py): the author's bio under
it, a newsletter sign-up between its paragraphs, an author box. trafilatura keeps them as
prose; their class names them. Found on half of the tuning part's sites (theatlantic,
heartlandnewsfeed, buzzfeed, thepointsguy; faz and austria.info among trafilatura's
evaluation pages) and checked on the other half before being kept."""

from __future__ import annotations

import trafilatura

from tui_news.reader.extract import extract_article

URL = "https://harbour.example/2024/05/cranes-ran-all-night/"
BIO = (
    "Ann Lee is a correspondent who has covered shipping and the ports of the North Sea"
    " for the paper since 2011. She is the author of Tides of Trade."
)
SIGNUP = (
    "Get the morning briefing: the day's shipping news in your inbox before the tide turns,"
    " every weekday, free of charge."
)


def _paragraphs(first: int = 0, last: int = 6) -> str:
    return "".join(
        f"<p>Report {n}: the night shift unloaded two ships at berth {n} and the cranes ran"
        " until dawn without a single fault, said the harbour master.</p>"
        for n in range(first, last)
    )


def _page(body: str) -> bytes:
    return (
        "<html><head><title>Cranes ran all night</title></head><body>"
        f"<article><h1>Cranes ran all night</h1>{body}</article></body></html>"
    ).encode()


def _reports(text: str, last: int = 6) -> bool:
    return all(f"Report {n}: the night shift" in text for n in range(last))


def test_the_authors_bio_under_the_article_is_left_out() -> None:
    page = _page(
        f"<div class='article-body'>{_paragraphs()}<address class='c-article-writer'>"
        f"<div class='c-article-writer__bio'><p>{BIO}</p></div></address></div>"
    )
    assert "Ann Lee is a correspondent" in (trafilatura.extract(page) or "")
    text = extract_article(page, URL).text
    assert "Ann Lee" not in text and "Tides of Trade" not in text
    assert _reports(text)


def test_an_author_box_named_with_a_capital_is_left_out() -> None:
    page = _page(
        f"<div class='atc-Text'>{_paragraphs()}"
        f"<div class='cbx-Author'><p class='cbx-Author_Position'>{BIO}</p></div></div>"
    )
    assert "Ann Lee is a correspondent" in (trafilatura.extract(page) or "")
    text = extract_article(page, URL).text
    assert "Ann Lee" not in text and _reports(text)


def test_a_sign_up_box_between_paragraphs_is_left_out_and_the_story_reads_on() -> None:
    page = _page(
        f"<div class='article-body'>{_paragraphs(0, 3)}"
        f"<section class='article-email-capture'><h3>Morning briefing</h3><p>{SIGNUP}</p>"
        "<form><input type='email'><button>Sign up</button></form></section>"
        f"{_paragraphs(3, 6)}</div>"
    )
    assert "Get the morning briefing" in (trafilatura.extract(page) or "")
    text = extract_article(page, URL).text
    assert "morning briefing" not in text.lower() and "Sign up" not in text
    assert text.index("Report 2:") < text.index("Report 3:") and _reports(text)


def test_an_article_in_a_container_whose_class_names_a_box_is_read_whole() -> None:
    # A box holds at most two paragraphs of prose: six are an article, whatever its class.
    page = _page(f"<div class='entry author-ann-lee'>{_paragraphs()}</div>")
    assert _reports(extract_article(page, URL).text)


def test_a_short_article_inside_such_a_container_is_not_lost() -> None:
    # Two paragraphs fit a box, and the page holds nothing else: without the "box" there
    # would be no article left, so nothing is taken.
    story = (
        "<p>The newsletter of the harbour board, issue 12: the cranes ran all night for the"
        " first time this winter, and the night shift unloaded two ships at berth four.</p>"
        "<p>The board thanks the crews, who kept the quay clear of ice, and the harbour"
        " master, who said the port had never been busier in a January.</p>"
    )
    page = _page(f"<div class='newsletter-issue'>{story}</div>")
    text = extract_article(page, URL).text
    assert "The newsletter of the harbour board, issue 12" in text
    assert "The board thanks the crews" in text


def test_a_date_given_only_in_the_authors_box_is_still_the_articles_date() -> None:
    # The box's lines leave the text; the page it was read from stays whole.
    page = _page(
        f"<div class='article-body'>{_paragraphs()}</div>"
        "<div class='author-box'><p>Ann Lee</p>"
        "<time datetime='2024-05-06T07:30:00+00:00'>6 May 2024</time></div>"
    )
    article = extract_article(page, URL)
    assert article.date == "2024-05-06T07:30:00+00:00"
    assert _reports(article.text)
