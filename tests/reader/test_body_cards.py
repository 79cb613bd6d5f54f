"""Teaser cards set in and beside the article (reader/cards.py): another story's summary line
or headline, in a small box with a heading and a link to that story. trafilatura drops the
linked headline and keeps the line. Designed on one group of the tuning sites (kotaku's
inset card) and judged on the others with tools/maintext_cv.py before being kept."""

from __future__ import annotations

from tests.conftest import CORPUS
from tui_news.reader.extract import extract_article

URL = "https://harbour.example/2024/05/cranes-ran-all-night/"
SUMMARY = "The first part told how the port was built, berth by berth, over forty years…"


def _paragraphs(first: int = 0, last: int = 6) -> str:
    return "".join(
        f"<p>Report {n}: the night shift unloaded two ships at berth {n} and the cranes ran"
        " until dawn without a single fault, said the harbour master.</p>"
        for n in range(first, last)
    )


def _page(body: str) -> bytes:
    return (
        "<html><head><title>Cranes ran all night</title></head><body>"
        f"<article><h1>Cranes ran all night</h1><div class='body'>{body}</div></article>"
        "</body></html>"
    ).encode()


def _reports(text: str, last: int = 6) -> bool:
    return all(f"Report {n}: the night shift" in text for n in range(last))


def _card(n: int = 1, summary: str = SUMMARY) -> str:
    return (
        "<div class='q3z'><div class='q3y'>"
        f"<a href='https://harbour.example/2024/04/the-port-part-{n}/'>"
        f"<h6>The story of the port, part {n}</h6></a>"
        f"<p>{summary}</p></div></div>"
    )


def test_an_inset_cards_summary_between_paragraphs_is_left_out() -> None:
    page = _page(_paragraphs(0, 3) + _card() + _paragraphs(3, 6))
    text = extract_article(page, URL).text
    assert _reports(text)
    assert "The first part told how the port was built" not in text
    assert "The story of the port" not in text


def test_a_line_with_a_link_in_its_own_words_is_kept() -> None:
    # A short paragraph under a section heading, its link in the sentence: the article's.
    line = "Read the <a href='https://harbour.example/report.pdf'>harbour's report</a> here."
    page = _page(
        _paragraphs(0, 3) + f"<section><h2>The report</h2><p>{line}</p></section>" + _paragraphs(3)
    )
    text = extract_article(page, URL).text
    assert _reports(text)
    assert "The report" in text and "here." in text


def test_a_text_set_in_cards_keeps_every_line() -> None:
    # A list of products, each a heading, a line and a link: the article itself.
    items = "".join(
        f"<section><h3>Crane model {n}</h3><p>A quayside crane that lifts {n}0 tonnes and"
        " runs on shore power, sold to ports in the north.</p>"
        f"<a href='https://shop.example/crane-{n}'>See the maker's page</a></section>"
        for n in range(1, 6)
    )
    text = extract_article(_page(_paragraphs(0, 2) + items + _paragraphs(2)), URL).text
    assert _reports(text)
    assert all(f"lifts {n}0 tonnes" in text and f"Crane model {n}" in text for n in range(1, 6))


def test_a_line_found_outside_any_card_too_is_kept() -> None:
    # The same words stand in the article and in a card beside it: the article's line stays.
    page = _page(_paragraphs(0, 3) + f"<p>{SUMMARY}</p>" + _paragraphs(3) + _card())
    text = extract_article(page, URL).text
    assert "The first part told how the port was built" in text


def test_the_pages_own_header_keeps_its_standfirst() -> None:
    # pcgamer's header: the h1, a standfirst, links to the section and the author, in a box
    # as small as a card's. The h1 says it heads this story.
    page = (CORPUS / "pages" / "trafilatura" / "cache" / "pcgamer.com.skyrim.html").read_bytes()
    text = extract_article(page).text
    assert text.startswith("Playing Skyrim with no armour, weapons, non-Illusion spells")
    assert "a mage is an unstoppable storm of destruction" in text


def test_a_live_blogs_short_posts_with_share_buttons_are_kept() -> None:
    # A live blog of a few short posts, each a small box with a heading ("Key event", as the
    # Guardian labels them) and a button sharing this very page: the posts are the article.
    # The share link names this page, so it leads to no other story.
    posts = [
        "Pickets have gathered at all four gates of the container terminal before sunrise.",
        "The union says turnout is above ninety per cent at every port it has heard from.",
        "Police report no arrests so far; the mood on the picket lines is calm but determined.",
    ]
    share = "https://twitter.com/intent/tweet?url=" + URL.replace(":", "%3A").replace("/", "%2F")
    boxes = "".join(
        f"<article class='post'><time>{9 + n}:00</time><h3>Key event</h3><p>{line}</p>"
        f"<a href='{share}'>Share on X</a></article>"
        for n, line in enumerate(posts)
    )
    live = f"<div class='live'>{boxes}</div>"
    text = extract_article(_page(_paragraphs(0, 4) + live), URL).text
    assert _reports(text, 4)
    assert all(line in text for line in posts)


def _boxes(items: list[tuple[str, str]], link: str, label: str) -> str:
    return "".join(
        f"<div class='box'><h3>{heading}</h3><p>{line}</p><a href='{link}{n}'>{label}</a></div>"
        for n, (heading, line) in enumerate(items)
    )


def test_a_faq_a_products_verdict_and_a_reviews_verdict_box_are_kept() -> None:
    # A line under a heading with a link beside it (a guide's page, a shop's): the article's
    # own, unless the heading is the link to another story (an inset card's headline).
    faq = [
        (
            "Will my parcel arrive on time?",
            "Deliveries by sea will be late by a week or more, the carriers say.",
        ),
        (
            "Can I get a refund for the delay?",
            "Only if the seller offers one; the law does not require it here.",
        ),
        (
            "How long will the strike last?",
            "The union has called a strike of three days for now, from Monday.",
        ),
    ]
    picks = [
        (
            "Best budget: Crane Co Mini",
            "Half the price, two thirds of the lift, fine for small quays.",
        ),
        (
            "Best premium: Titan XL",
            "The strongest crane we tried, at a price only big ports will pay.",
        ),
    ]
    verdict = [
        (
            "Our verdict on it",
            "A fine crane for any port that can afford it, and a bargain next to its rivals.",
        )
    ]
    for items, link, label in [
        (faq, "https://harbour.example/guide/", "More in our guide"),
        (picks, "https://shop.example/item/", "Buy now at £99"),
        (verdict, "https://shop.example/buy/", "Buy now at £99"),
    ]:
        page = _page(_paragraphs(0, 4) + _boxes(items, link, label) + _paragraphs(4, 5))
        text = extract_article(page, URL).text
        assert _reports(text, 5)
        for heading, line in items:
            assert heading in text and line in text, heading
