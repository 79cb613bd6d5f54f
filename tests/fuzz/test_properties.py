"""Properties that hold for any input, checked on generated hostile input (issue 9):
no exception but the documented one escapes, no control character reaches a line of
text, no link leaves the web, no password survives redaction, and the fast and careful
feed readers agree on every document both of them accept."""

from __future__ import annotations

import math
import re
from contextlib import suppress

from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.strategies import (
    FORBIDDEN_IN_HTML,
    FORBIDDEN_IN_LINE,
    FORBIDDEN_IN_TEXT,
    hostile_text,
    html_fragments,
    opml_documents,
    rss_documents,
    urls_with_passwords,
)
from tui_news.core.feeds.careful import NotAFeedError
from tui_news.core.feeds.parse import fast_path, parse_feed, parse_with_feedparser
from tui_news.core.models import ParsedFeed
from tui_news.core.subscriptions.opml import read_subscription_file
from tui_news.core.subscriptions.records import SubscriptionFileError
from tui_news.core.text import clean_line
from tui_news.core.urls import redact_url
from tui_news.reader.markdown import html_to_markdown

URL = "https://example.org/feed.xml"
LINK_TARGET = re.compile(r"(?<!\\)\]\(([^)]*)\)")
WEB = ("http://", "https://")


def check_feed(feed: ParsedFeed) -> None:
    assert not FORBIDDEN_IN_LINE.search(feed.title)
    assert feed.site_url == "" or feed.site_url.startswith(WEB)
    for entry in feed.entries:
        assert not FORBIDDEN_IN_LINE.search(entry.title + entry.author + entry.key)
        assert not FORBIDDEN_IN_HTML.search(entry.summary + entry.content)
        assert entry.url == "" or entry.url.startswith(WEB)
        for moment in (entry.published, entry.updated):
            assert moment is None or math.isfinite(moment)


@given(rss_documents())
def test_parse_feed_takes_any_rss_calmly(body: bytes) -> None:
    try:
        feed = parse_feed(body, url=URL)
    except NotAFeedError:
        return
    check_feed(feed)


@given(st.one_of(st.binary(max_size=300), rss_documents().map(lambda b: b[: len(b) // 2])))
def test_parse_feed_takes_any_bytes_calmly(body: bytes) -> None:
    with suppress(NotAFeedError):
        check_feed(parse_feed(body, url=URL))


@given(rss_documents())
@example(  # the fast reader dropped a C1 author that feedparser read as cp1252 ("€")
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><link>https://example.org/a</link><author>\xc2\x80</author></item></channel></rss>"
)
@example(  # … and a C1 link (feedparser's "https://example.org/€", dropped by the fast one)
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><link>\xc2\x80</link></item></channel></rss>"
)
@example(  # a story's key came from its raw file:/// link, which feedparser spells file://
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><link>file:///etc/passwd</link><description>x</description></item></channel></rss>"
)
@example(  # fastfeedparser read 2023-02-29 as the 28th, feedparser as March 1st
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><link>https://example.org/a</link><pubDate>2023-02-29</pubDate></item>"
    b"</channel></rss>"
)
@example(  # fastfeedparser's native extractor dated an item by its RFC 822 guid
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><link>https://example.org/a</link><guid>Tue, 14 Nov 2023 22:13:20 GMT</guid>"
    b"</item></channel></rss>"
)
def test_both_readers_agree_on_what_both_accept(body: bytes) -> None:
    fast = fast_path(body, url=URL).feed
    if fast is None:
        return
    try:
        careful = parse_with_feedparser(body, url=URL)
    except NotAFeedError:
        return
    assert (fast.title, fast.site_url, fast.ttl_seconds) == (
        careful.title,
        careful.site_url,
        careful.ttl_seconds,
    )
    assert fast.entries == careful.entries


@given(st.one_of(opml_documents(), st.binary(max_size=300)))
def test_the_opml_reader_takes_any_file_calmly(data: bytes) -> None:
    try:
        listed = read_subscription_file(data)
    except SubscriptionFileError:
        return
    for feed in listed.feeds:
        assert feed.url.startswith(WEB)
        assert feed.site_url == "" or feed.site_url.startswith(WEB)
        assert not FORBIDDEN_IN_LINE.search(feed.title + "".join(feed.tags))


@given(html_fragments, st.sampled_from(["", "https://example.org/a/b"]))
@example("<script>x</script>\x1b[31m", "")  # dropping the script moved an ESC: ValueError
@example("\x1b[31m<!--<a href='javascript:x'>", "")
def test_html_to_markdown_keeps_text_inert(markup: str, base: str) -> None:
    markdown = html_to_markdown(markup, base_url=base)
    assert not FORBIDDEN_IN_TEXT.search(markdown)
    # A link's target is on the web; "javascript:" may only be quoted as text.
    assert all(target.startswith(WEB) for target in LINK_TARGET.findall(markdown))


@given(urls_with_passwords())
def test_redact_url_hides_the_whole_password(case: tuple[str, str]) -> None:
    url, password = case
    scheme_user, _, rest = url.partition(":" + password + "@")
    shown = redact_url(url)
    assert shown == f"{scheme_user}:***@{rest}"
    assert redact_url(shown) == shown


@given(hostile_text, st.integers(1, 600))
def test_clean_line_leaves_one_inert_line(text: str, length: int) -> None:
    line = clean_line(text, max_length=length)
    assert not FORBIDDEN_IN_LINE.search(line)
    assert "\x1b" not in line and "\n" not in line
    assert len(line) <= length
    assert line == line.strip()
