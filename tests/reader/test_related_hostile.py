"""Related links on pages written to break them: the article is read whatever its links
carry, and the sidebar keeps its other stories."""

from __future__ import annotations

import pytest

from tui_news.reader.extract import extract_article

PAGE_URL = "https://www.gull-news.test/news/2024/05/harbour-wall-repaired-after-storm"
PROSE = "<p>" + "The harbour wall was repaired in a week by the town's own crews. " * 4 + "</p>"


def _page(hostile_href: str) -> str:
    return (
        "<html><head><title>Harbour wall repaired</title></head><body><article>"
        f"{PROSE * 3}</article><aside class='related'><h2>Related stories</h2><ul>"
        f"<li><a href='{hostile_href}'>A story forwarded through a broken address</a></li>"
        "<li><a href='/news/2024/05/ferry-timetable-changes-for-summer'>"
        "Ferry timetable changes for summer</a></li>"
        "<li><a href='/news/2024/05/lifeboat-crew-rescues-two-walkers'>"
        "Lifeboat crew rescues two walkers</a></li>"
        "</ul></aside></body></html>"
    )


@pytest.mark.parametrize(
    "href",
    [
        "/share?u=http://[::1",  # an address in the query that does not parse
        "/out?url=https://[bad-host]x/",
        "/track?to=http://[::1&src=http://www.gull-news.test/",
    ],
)
def test_a_link_carrying_an_unparsable_address_does_not_stop_the_page(href: str) -> None:
    article = extract_article(_page(href), PAGE_URL)
    assert "repaired in a week" in article.text
    titles = [link.title for link in article.related]
    assert "Ferry timetable changes for summer" in titles
    assert "Lifeboat crew rescues two walkers" in titles
