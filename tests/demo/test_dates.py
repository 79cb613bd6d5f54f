"""The demo's stories look recent whatever day it runs, in every date format it serves."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from tests.demo.conftest import CONTENT_NOW, LATER_NOW, fetch
from tui_news.core.feeds.parse import parse_feed
from tui_news.demo.content import load_catalog, read_text
from tui_news.demo.dates import (
    newest_date,
    shift_any,
    shift_feed,
    shift_iso,
    shift_rfc822,
    week_shift,
)
from tui_news.demo.pages import human_date
from tui_news.demo.server import DemoServer

LATER = datetime.fromtimestamp(LATER_NOW, UTC)
FEEDS = ["/feeds/world.xml", "/feeds/tech.atom", "/notes/feed/", "/culture/feed.json"]
RFC822_TAGS = re.compile(r"<(pubDate|lastBuildDate)>([^<]*)</\1>")
ISO_TAGS = re.compile(r"<(published|updated|dc:date)>([^<]*)</\1>")
PAGE_DATES = re.compile(r'(?:datetime|content)="(\d{4}-\d\d-\d\dT[^"]+)"|"datePublished":"([^"]+)"')


@pytest.fixture(scope="module")
def later_server() -> Iterator[DemoServer]:
    with DemoServer(now=LATER_NOW) as server:
        yield server


def assert_recent(moment: datetime, what: str = "") -> None:
    """Within the two weeks up to LATER, never after it."""
    assert LATER - timedelta(days=14) <= moment <= LATER, (what, moment)


def test_shift_is_whole_weeks_leaving_the_newest_story_under_a_week_old() -> None:
    newest = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    for now in [newest, newest + timedelta(days=3), LATER, newest - timedelta(days=40)]:
        shift = week_shift(newest, now.timestamp())
        assert shift % timedelta(weeks=1) == timedelta(0)
        assert timedelta(0) <= now - (newest + shift) < timedelta(weeks=1), now
    assert week_shift(newest, (newest + timedelta(days=7)).timestamp()) == timedelta(weeks=1)
    assert week_shift(newest, (newest - timedelta(seconds=1)).timestamp()) == -timedelta(weeks=1)


def test_shift_is_zero_in_the_contents_own_week() -> None:
    catalog = load_catalog()
    assert newest_date(catalog) == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert week_shift(newest_date(catalog), CONTENT_NOW) == timedelta(0)
    with DemoServer(now=CONTENT_NOW) as server:
        assert server.shift == timedelta(0)
        assert server.catalog == catalog
        for site in catalog.sites:
            written = read_text(site.feed_file).replace("{base}", server.base_url)
            assert fetch(server.base_url + site.feed_path).text == written


def test_dates_are_rewritten_in_their_own_format() -> None:
    week = timedelta(weeks=16)
    assert shift_rfc822("Sun, 29 Nov 2026 07:20:00 +0000", week) == (
        "Sun, 21 Mar 2027 07:20:00 +0000"
    )
    assert shift_rfc822("Mon, 23 Nov 2026 18:00:00 GMT", week) == "Mon, 15 Mar 2027 18:00:00 GMT"
    assert shift_iso("2026-11-29T08:05:00Z", week) == "2027-03-21T08:05:00Z"
    assert shift_iso("2026-11-28T19:00:00+01:00", week) == "2027-03-20T19:00:00+01:00"
    assert shift_any(" Sat, 28 Nov 2026 11:54:00 +0000", week).startswith("Sat, 20 Mar 2027")
    with pytest.raises(ValueError, match="not a date"):
        shift_any("hourly", week)
    dc = "<dc:date>2026-11-27T09:05:00Z</dc:date><sy:updatePeriod>hourly</sy:updatePeriod>"
    assert shift_feed(dc, "application/rss+xml", week) == (
        "<dc:date>2027-03-19T09:05:00Z</dc:date><sy:updatePeriod>hourly</sy:updatePeriod>"
    )


def test_server_moves_the_content_into_the_last_week(later_server: DemoServer) -> None:
    assert later_server.shift > timedelta(weeks=10)
    newest = newest_date(later_server.catalog)
    assert timedelta(0) <= LATER - newest < timedelta(weeks=1)
    assert later_server.catalog.sites[0].updated.weekday() == 6  # still a Sunday


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_date_is_recent_and_parses(later_server: DemoServer, path: str) -> None:
    reply = fetch(later_server.base_url + path)
    parsed = parse_feed(
        reply.body, url=later_server.base_url + path, content_type=reply.headers["content-type"]
    )
    assert len(parsed.entries) >= 6
    by_path = {a.path: a for a in later_server.catalog.articles.values()}
    for entry in parsed.entries:
        assert entry.published is not None
        assert_recent(datetime.fromtimestamp(entry.published, UTC), entry.title)
        article = by_path[entry.url.removeprefix(later_server.base_url)]
        assert entry.published == article.published.timestamp()
    raw = reply.text
    found = 0
    for _tag, value in RFC822_TAGS.findall(raw):
        moment = parsedate_to_datetime(value)
        assert value.startswith(moment.strftime("%a, ")), value  # the weekday still matches
        assert_recent(moment, value)
        found += 1
    for _tag, value in ISO_TAGS.findall(raw):
        assert_recent(datetime.fromisoformat(value), value)
        found += 1
    if path.endswith(".json"):
        for item in json.loads(raw)["items"]:
            for key in ("date_published", "date_modified"):
                if key in item:
                    assert_recent(datetime.fromisoformat(item[key]), item["id"])
                    found += 1
    assert found >= len(parsed.entries)


def test_every_page_date_is_recent_and_consistent(later_server: DemoServer) -> None:
    catalog = later_server.catalog
    for article in catalog.articles.values():
        page = fetch(later_server.base_url + article.path)
        assert_recent(parsedate_to_datetime(page.headers["last-modified"]), article.path)
        dates = [a or b for a, b in PAGE_DATES.findall(page.text)]
        assert dates, article.path
        for value in dates:
            assert datetime.fromisoformat(value) == article.published, (article.path, value)
        shown = human_date(article, catalog.site(article.site_id))
        assert "2026" not in shown
        if article.layout != "paywall":  # the paywall stub shows no visible date
            assert shown in page.text, article.path
    for site in catalog.sites:
        index = fetch(later_server.base_url + site.index_path)
        assert_recent(parsedate_to_datetime(index.headers["last-modified"]), site.index_path)
        assert "2026-11" not in index.text


def test_weekday_names_on_pages_match_their_dates(later_server: DemoServer) -> None:
    culture = later_server.catalog.site("culture")  # "Sunday 21 March 2027"
    for article in later_server.catalog.articles_of("culture"):
        shown = human_date(article, culture)
        assert shown.split()[0] == article.published.strftime("%A")
        assert shown in fetch(later_server.base_url + article.path).text


@pytest.mark.parametrize(
    "path", ["/feeds/world.xml", "/culture/feed.json", "/notes/otters-salt-marsh/"]
)
def test_validators_still_answer_304(later_server: DemoServer, path: str) -> None:
    url = later_server.base_url + path
    first = fetch(url)
    assert first.status == 200
    assert_recent(parsedate_to_datetime(first.headers["last-modified"]), path)
    assert fetch(url, {"If-None-Match": first.headers["etag"]}).status == 304
    assert fetch(url, {"If-Modified-Since": first.headers["last-modified"]}).status == 304
    before = (LATER - timedelta(days=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert fetch(url, {"If-Modified-Since": before}).status == 200
    assert fetch(url).body == first.body  # the same shift for the server's whole life
