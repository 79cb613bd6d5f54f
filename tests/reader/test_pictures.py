"""Pictures become "[Photo: caption]" lines at their place, linking to the image; decoration,
thumbnails and captionless images leave no line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tui_news.reader.article import Article
from tui_news.reader.extract import extract_article
from tui_news.reader.figures import clean_caption
from tui_news.reader.markdown import to_plain
from tui_news.reader.pictures import Picture, in_markdown, without_lines

URL = "https://coast.example/2024/06/otters-return/"
PROSE = [
    "Sea otters have returned to the estuary for the first time in a century, counts show.",
    "Volunteers counted forty-two animals along the salt marsh during the spring survey.",
    "The otters feed on crabs and clams, which keeps the eelgrass beds healthy and growing.",
    "Biologists say the return follows twenty years of work to clean the water upstream.",
    "Fishing crews, once wary, now report fewer crabs eating their bait in the shallows.",
    "The council will fund another survey next year to follow how the colony is growing.",
]


def page_with(
    *, lead: str = "", middle: str = "", aside: str = "", title: str = "Otters return"
) -> str:
    paragraphs = [f"<p>{text}</p>" for text in PROSE]
    return f"""<html><head><title>{title}</title></head><body>
      <header><img src="/logo-wide.png" alt="Coast Gazette home" width="240" height="60"></header>
      <main><article><h1>{title}</h1><p class="byline">By Ann Rivers</p>{lead}
      {"".join(paragraphs[:3])}{middle}{"".join(paragraphs[3:])}
      </article>{aside}</main></body></html>"""


def article_with(**parts: str) -> Article:
    return extract_article(page_with(**parts).encode(), URL)


def blocks(article: Article) -> list[str]:
    return [to_plain(block).strip() for block in article.text.split("\n\n")]


def test_a_figure_becomes_its_caption_line_where_it_was_linking_to_the_image() -> None:
    article = article_with(
        middle='<figure><img src="/img/otter-crab.jpg" alt="An otter">'
        "<figcaption>A sea otter eats a crab near the pier. (Jane Doe/AP)</figcaption></figure>"
    )
    assert blocks(article) == [
        *PROSE[:3],
        "[Photo: A sea otter eats a crab near the pier.]",
        *PROSE[3:],
    ]
    assert list(in_markdown(article.text)) == [
        Picture(
            "A sea otter eats a crab near the pier.", "https://coast.example/img/otter-crab.jpg"
        )
    ]
    assert all("otter-crab" not in link.url for link in article.links)  # not an in-text link


def test_without_a_caption_the_alt_text_is_the_line_and_without_either_no_line() -> None:
    with_alt = article_with(middle='<img src="/img/marsh.jpg" alt="The salt marsh at low tide">')
    assert "[Photo: The salt marsh at low tide]" in blocks(with_alt)
    for bare in ('<img src="/img/marsh.jpg">', '<img src="/img/marsh.jpg" alt="marsh.jpg">'):
        assert blocks(article_with(middle=bare)) == PROSE


def test_the_lead_photo_above_the_text_comes_first() -> None:
    article = article_with(
        lead='<figure class="hero"><img src="https://cdn.coast.example/otters.jpg" alt="Otters">'
        "<figcaption>Otters rest in the eelgrass. Picture: Coast Gazette</figcaption></figure>"
    )
    assert blocks(article)[:2] == ["[Photo: Otters rest in the eelgrass]", PROSE[0]]


def test_decoration_thumbnails_and_headline_alt_texts_leave_no_line() -> None:
    article = article_with(
        middle='<img src="/icons/share.png" alt="Share this story" width="16" height="16">'
        '<p><img src="/img/spacer.gif" alt="spacer image here"></p>',
        aside='<aside><a href="/2024/05/seals/"><img src="/img/seals.jpg" alt="Seals at rest">'
        "Seals are back too</a></aside>",
        lead='<img src="/img/otters-2.jpg" alt="Otters return">',  # the headline again
    )
    assert without_lines(to_plain(article.text)) == to_plain(article.text)
    assert not list(in_markdown(article.text))


def test_a_picture_shown_twice_on_the_page_gets_one_line() -> None:
    figure = (
        '<figure><img src="/img/pier.jpg"><figcaption>The old pier at dawn</figcaption></figure>'
    )
    article = article_with(lead=figure, middle=figure)
    assert [line for line in blocks(article) if line.startswith("[Photo")] == [
        "[Photo: The old pier at dawn]"
    ]


def test_markdown_in_a_caption_stays_text_and_reads_back_whole() -> None:
    article = article_with(
        middle='<figure><img src="/img/a(1).jpg"><figcaption>Otters [left] *rest* _here_ '
        "in the marsh</figcaption></figure>"
    )
    assert "[Photo: Otters [left] *rest* _here_ in the marsh]" in blocks(article)
    assert list(in_markdown(article.text)) == [
        Picture("Otters [left] *rest* _here_ in the marsh", "https://coast.example/img/a(1).jpg")
    ]


def test_picture_lines_do_not_count_as_reading() -> None:
    plain = article_with()
    pictured = article_with(
        middle='<figure><img src="/img/p.jpg"><figcaption>Five more words of caption'
        "</figcaption></figure>"
    )
    assert pictured.word_count == plain.word_count


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Image caption The president will keep trying", "The president will keep trying"),
        ("Ukraine Russia. Picture: PA", "Ukraine Russia"),
        ("Antony Blinken (Brendan Smialowski/AP)", "Antony Blinken"),
        ("A man walks past a tank Credit: STR/AFP", "A man walks past a tank"),
        ("Workers in Queens.CreditKirsten Luce for The New York Times", "Workers in Queens"),
        ("The cabaret in Paris Benoit Tessier/Reuters", "The cabaret in Paris"),
        ("Ein Extrablatt für die AfD © Ivo Mayr / Correctiv", "Ein Extrablatt für die AfD"),
        ("Photo by Joan Bardeletti", ""),
        ("(Bild: Hersteller)", ""),
        ("Credit Harry Campbell", ""),
        ("Kevin", ""),
        ("Tourists take a photo by the lake", "Tourists take a photo by the lake"),
    ],
)  # fmt: skip
def test_captions_lose_labels_and_credits_but_keep_what_they_say(raw: str, clean: str) -> None:
    assert clean_caption(raw) == clean


def test_read_json_keeps_the_picture_lines_in_the_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    saved = tmp_path / "otters.html"
    figure = (
        '<figure><img src="https://cdn.coast.example/otter.jpg">'
        "<figcaption>A sea otter eats a crab</figcaption></figure>"
    )
    saved.write_text(page_with(middle=figure), encoding="utf-8")
    run = newsterm(capsys, tmp_path, "read", "--json", "--url", URL, str(saved))
    assert run.code == 0, run.err
    text = json.loads(run.out)["text"]
    assert "[\\[Photo: A sea otter eats a crab\\]](https://cdn.coast.example/otter.jpg)" in text
