"""The author and site lines of the reading pane: names, not labels, dates or host names.

Before the fix, corpus pages showed "Www Medianotions De", "Speicherguide De" (a host
name made into a person), "Autor john", "CBS News February", and a site called
"Copyright 2003 - 2019 by speicherguide.de GbR Karl Fröhlich, Ulrike Haak".
"""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS
from tui_news.reader.byline import clean_author, clean_sitename
from tui_news.reader.extract import extract_article

PAGES = CORPUS / "pages" / "trafilatura"


def _page(html_head: str, byline: str = "") -> str:
    paragraphs = "".join(
        f"<p>Paragraph {n} of a perfectly ordinary news story about the town council, "
        "its budget and the new bicycle lanes that everyone keeps arguing about.</p>"
        for n in range(8)
    )
    return (
        f"<html><head><title>Radwege kommen</title>{html_head}</head><body><article>"
        f"<h1>Radwege kommen</h1>{byline}{paragraphs}</article></body></html>"
    )


AUTHORS = [
    # (as trafilatura gives it, site name, url, what the reader shows)
    ("Autor john", "de.creativecommons.org", "https://de.creativecommons.org/x", "John"),
    ("Autor; In Korinna Hennig", "Ndr", "https://www.ndr.de/x", "Korinna Hennig"),
    ("Author: Jane Doe", "Example", "https://example.org/x", "Jane Doe"),
    ("BY Jane Doe", "Example", "https://example.org/x", "Jane Doe"),
    ("Par Jean Dupont", "Le Site", "https://lesite.fr/x", "Jean Dupont"),
    ("Por María López", "El Sitio", "https://elsitio.es/x", "María López"),
    ("Di Mario Rossi", "Il Sito", "https://ilsito.it/x", "Mario Rossi"),
    ("View all posts by Daniel Lemire", "Blog", "https://lemire.me/x", "Daniel Lemire"),
    ("Jane Doe February", "Example", "https://example.org/x", "Jane Doe"),
    ("Jane Doe; Max Muster Oktober", "Example", "https://example.org/x", "Jane Doe; Max Muster"),
    ("CBS News February", "CBS News", "https://www.cbsnews.com/x", ""),
    ("Speicherguide De", "speicherguide.de", "https://www.speicherguide.de/x", ""),
    ("Www Medianotions De", "RS Ingenieure", "http://www.rs-ingenieure.de/x", ""),
    ("The Economist", "The Economist", "https://www.economist.com/x", ""),
    ("Rob Picheta; CNN", "CNN", "https://edition.cnn.com/x", "Rob Picheta"),
    ("SPIEGEL ONLINE; Hamburg; Germany", "SPIEGEL ONLINE, Hamburg, Germany", "", ""),
]

KEPT = [
    # real names that look a little like labels, dates or sites
    ("Brian May", "Queen Online", "https://queenonline.com/x"),
    ("Theresa May", "Gov", "https://gov.uk/x"),
    ("Bille August", "Film", "https://film.dk/x"),
    ("Di Stefano", "Il Sito", "https://ilsito.it/x"),
    ("Von Miller", "Sports", "https://sports.example/x"),
    ("Ursula von der Leyen", "EU", "https://ec.europa.eu/x"),
    ("Deutsche Welle", "DW.COM", "https://www.dw.com/x"),
    ("Denis Dilba; Heise Online", "Technology Review", "https://www.heise.de/x"),
    ("MoritzMeyer", "Moritz Meyer", "https://moritz-meyer.net/blog/x"),  # a personal blog
    ("Jane Doe", "Jane Doe", "https://janedoe.example/x"),
    ("Parker Jones", "Example", "https://example.org/x"),
    ("Bynum Smith", "Example", "https://example.org/x"),
]


@pytest.mark.parametrize(("author", "sitename", "url", "expected"), AUTHORS)
def test_labels_dates_and_site_names_leave_the_author_line(
    author: str, sitename: str, url: str, expected: str
) -> None:
    assert clean_author(author, sitename, url) == expected


@pytest.mark.parametrize(("author", "sitename", "url"), KEPT)
def test_real_names_are_never_blanked_or_cut(author: str, sitename: str, url: str) -> None:
    assert clean_author(author, sitename, url) == author


@pytest.mark.parametrize(
    ("sitename", "expected"),
    [
        (
            "Copyright 2003 - 2019 by speicherguide.de GbR Karl Fröhlich, Ulrike Haak",
            "speicherguide.de",
        ),
        ("© 2020 Example News", "Example News"),
        ("(c) 2019-2021 Example News. All rights reserved.", "Example News"),
        ("Copyright Example Media Inc. All rights reserved", "Example Media"),
        ("Copyright © 2020 CBS Interactive Inc.", "CBS Interactive"),
        ("© 2021", ""),
        ("Copyright. All rights reserved.", ""),
        # not copyright lines: untouched
        ("The Copyright Blog", "The Copyright Blog"),
        ("Caktus Group", "Caktus Group"),
        ("News zu VR, AR und KI | MIXED.de", "News zu VR, AR und KI | MIXED.de"),
    ],
)
def test_a_copyright_line_is_not_a_site_name(sitename: str, expected: str) -> None:
    assert clean_sitename(sitename) == expected


def test_page_byline_label_and_host_author_in_extract() -> None:
    labelled = _page(
        "", '<p class="byline"><span class="author">Autor: Erika Mustermann</span></p>'
    )
    assert extract_article(labelled, "https://zeitung.example/a").author == "Erika Mustermann"
    host_author = _page('<meta name="author" content="zeitung.example">')
    assert extract_article(host_author, "https://www.zeitung.example/a").author == ""


def test_copyright_site_name_in_extract_falls_back_to_the_site() -> None:
    head = '<meta name="copyright" content="© 2020 Zeitung Example GmbH. All rights reserved.">'
    sitename = extract_article(_page(head), "https://www.zeitung.example/a").sitename
    assert "©" not in sitename and "2020" not in sitename and "rights" not in sitename.lower()
    assert sitename in ("Zeitung Example", "zeitung.example")


@pytest.mark.parametrize(
    ("name", "url", "author", "sitename"),
    [
        (
            "cache/rs-ingenieure.de.tragwerksplanung.html",
            "http://www.rs-ingenieure.de/de/hochbau/leistungen/tragwerksplanung",
            "",
            None,
        ),
        (
            "cache/speicherguide.de.schwierige.html",
            "https://www.speicherguide.de/digitalisierung/faktor-mensch/"
            "schwierige-gespraeche-so-gehts-24376.aspx",
            "",
            "speicherguide.de",
        ),
        (
            "cache/de.creativecommons.org.endlich.html",
            "https://de.creativecommons.org/index.php/2014/03/20/"
            "endlich-wird-es-spannend-die-nc-einschraenkung-nach-deutschem-recht/",
            "John",
            None,
        ),
        (
            "eval-news/cbsnews.com.carolina.html",
            "https://www.cbsnews.com/news/2020-presidential-election-south-carolina-black-voters-"
            "democrats-joe-biden/",
            "",
            "CBS News",
        ),
        ("cache/ndr.de.podcastcoronavirus140.html", "https://www.ndr.de/x", "Korinna Hennig", None),
        ("cache/lemire.me.json.html", "https://lemire.me/blog/x", "Daniel Lemire", None),
        ("cache/theguardian.com.academics.html", "", "Richard Adams", None),
    ],
)
def test_corpus_pages_show_a_person_or_nothing(
    name: str, url: str, author: str, sitename: str | None
) -> None:
    article = extract_article((PAGES / name).read_bytes(), url)
    assert article.author == author
    if sitename is not None:
        assert article.sitename == sitename
