"""The canonical case (shared/seed): a page built like the seed gets every paragraph of the
article in the reading pane, no captions or list items, and exactly the "Latest World News"
headlines in the sidebar."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED
from tests.reader.conftest import page
from tui_news.reader.article import Article
from tui_news.reader.extract import extract_article
from tui_news.reader.markdown import to_plain
from tui_news.reader.pictures import in_markdown, without_lines

PAGE_URL = (
    "https://www.example-news.test/world-news/"
    "little-ground-for-optimism-after-us-response-on-ukraine-warns-moscow/"
)
# Picture alt texts and captions in the seed text: never article paragraphs.
CAPTION_LINES = {
    "Ukraine Russia",
    "Ukraine Russia. Picture: PA",
    "Russia Belarus Military Drills",
    "Russian military vehicles arrive for military drills "
    "(Russian Defence Ministry Press Service/AP)",
    "Antony Blinken",
    "Antony Blinken (Brendan Smialowski/AP)",
    "Russia Putin",
    "Vladimir Putin (Sputnik, Kremlin Pool Photo/AP)",
}


def seed_lines() -> list[str]:
    text = (SHARED / "seed" / "000_da7ff1ea45474260.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def expected_paragraphs() -> list[str]:
    lines = seed_lines()
    body = lines[2 : lines.index("By Press Association")]
    return [line for line in body if line not in CAPTION_LINES]


def expected_headlines() -> list[str]:
    lines = seed_lines()
    cards = lines[lines.index("See more Latest World News") + 1 :]
    return cards[1::2]  # each card: picture caption, then headline


@pytest.fixture(scope="module")
def article() -> Article:
    return extract_article(page("seed-world-news.html"), PAGE_URL)


def test_reading_pane_has_every_paragraph_in_order_and_nothing_else(article: Article) -> None:
    blocks = [to_plain(block).strip() for block in article.text.split("\n\n")]
    paragraphs = [block for block in blocks if not block.startswith("[Photo: ")]
    assert paragraphs == expected_paragraphs()
    assert len(paragraphs) == 15


def test_each_picture_is_one_line_at_its_place_never_a_caption_paragraph(
    article: Article,
) -> None:
    blocks = [to_plain(block).strip() for block in article.text.split("\n\n")]
    pictures = {index: block for index, block in enumerate(blocks) if block.startswith("[Photo")}
    assert pictures == {
        0: "[Photo: Ukraine Russia]",  # the lead photo, above the text; its credit left out
        5: "[Photo: Russian military vehicles arrive for military drills]",
        9: "[Photo: Antony Blinken]",
        14: "[Photo: Vladimir Putin]",
    }
    assert [(p.caption, p.url) for p in in_markdown(article.text)][2] == (
        "Antony Blinken",
        "https://www.example-news.test/images/2022/01/antony-blinken.jpg",
    )


def test_no_caption_list_or_chrome_text_in_the_body(article: Article) -> None:
    plain = without_lines(to_plain(article.text))
    for caption in CAPTION_LINES - {"Antony Blinken"}:  # he is named in the text too
        assert caption not in plain
    for leak in ("Latest World News", "Paris crowns", "Share on", "cookies", "Log in", "Russia\n"):
        assert leak not in plain
    assert article.title not in plain


def test_sidebar_gets_every_latest_world_news_headline_and_nothing_else(
    article: Article,
) -> None:
    assert [link.title for link in article.related] == expected_headlines()
    assert {link.group for link in article.related} == {"Latest World News"}
    assert len(article.related) == 16
    for link in article.related:
        assert link.url.startswith("https://www.example-news.test/world-news/")
        assert "utm_" not in link.url and "gclid" not in link.url
        assert link.url != PAGE_URL


def test_header_fields(article: Article) -> None:
    assert article.title == seed_lines()[0]
    assert article.date == "2022-01-27T11:54:00+00:00"
    assert article.author == "Press Association"
    assert article.sitename == "Example News"
    assert article.language == "en-GB"
    assert article.canonical_url == PAGE_URL
    assert article.source == "extracted"
    assert 450 < article.word_count < 550
    assert article.reading_minutes == 3


def test_links_inside_the_text_are_kept_with_their_targets(article: Article) -> None:
    assert [(link.title, link.url) for link in article.links] == [
        (
            "build-up of about 100,000 Russian troops",
            "https://www.example-news.test/world-news/russia-troops-ukraine-border-satellite-images/",
        ),
        ("bolstering its deterrence", "https://www.nato.int/cps/en/natohq/news_191000.htm"),
    ]
    assert "[bolstering its deterrence](https://www.nato.int/cps/en/natohq/news_191000.htm)" in (
        article.text
    )
    assert "**Antony Blinken**" in article.text
