"""A list of hundreds of story links: what the sidebar makes of it, and in what time.

Ten story links in a `<ul class="related">` are related reading. At hundreds, with no
heading, it is the model's call, and it weighs the size of the box a link sits in; the
pages it learnt from hold almost no such box (of the links measured in boxes of 150
links or more, 4 had no heading, none related; 1,888 had one, 219 of them related), so
its call there rests on what it learnt of smaller boxes: one such list is dropped from
about 200 links on while another, worded a little differently, is kept at 1,000. Either
is a fair reading of what is more likely a site index than related reading, and no rule
overrides it. What the reader guarantees: a heading that says so ("Related stories")
makes a list related reading at any length (Daily Mail's "Don't miss" rail runs to 218
stories, all labelled related), and reading stays linear however long the page, its
first `MAX_ADDRESSES` addresses measured and no more.
"""

from __future__ import annotations

import time

from tui_news.reader.extract import extract_article
from tui_news.reader.link_features import MAX_ADDRESSES

URL = "https://www.daily-planet.test/2024/05/15/council-votes-on-new-bridge/"
ARTICLE = "<article><h1>Council votes on new bridge</h1>" + "".join(
    f"<p>Paragraph {n} of the article tells the council's story in ordinary words: the"
    " bridge, its cost, the ferry it replaces and the two years of work the mayor expects"
    " before the first car crosses the river on it.</p>"
    for n in range(1, 6)
)


def story(n: int) -> str:
    return f"https://www.daily-planet.test/2024/05/{n % 28 + 1:02d}/story-{n}-about-the-town/"


def page(count: int, heading: str = "") -> str:
    items = "".join(
        f'<li><a href="{story(n)}">Story {n} about the town and its people</a></li>'
        for n in range(count)
    )
    body = f'{ARTICLE}</article>{heading}<ul class="related">{items}</ul>'
    return (
        f"<html><head><title>Council votes on new bridge</title></head><body>{body}</body></html>"
    )


def related_urls(html: str) -> list[str]:
    return [link.url for link in extract_article(html, URL).related]


def test_ten_story_links_in_a_related_list_are_listed() -> None:
    assert related_urls(page(10)) == [story(n) for n in range(10)]


def test_a_thousand_headingless_story_links_are_read_quickly() -> None:
    everyone = [story(n) for n in range(1000)]
    started = time.process_time()
    for wording in ("about the town and", "headline with"):
        found = related_urls(page(1000).replace("about the town and", wording))
        assert found == [url for url in everyone if url in set(found)]  # in page order
    assert time.process_time() - started < 10


def test_a_list_headed_related_is_listed_whole_in_page_order() -> None:
    started = time.process_time()
    assert related_urls(page(1000, "<h2>Related stories</h2>")) == [story(n) for n in range(1000)]
    assert time.process_time() - started < 5


def test_a_page_of_twelve_thousand_links_is_read_in_bounded_time() -> None:
    started = time.process_time()
    found = related_urls(page(12_000, "<h2>Related stories</h2>"))
    assert found == [story(n) for n in range(MAX_ADDRESSES)]
    assert time.process_time() - started < 20
