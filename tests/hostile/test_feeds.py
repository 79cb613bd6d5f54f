"""Hostile feed documents: guids that look like dates, and text and links that a
terminal, a markup parser or a browser would act on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import dateparser
import pytest
from markdown_it import MarkdownIt

from tests.cli.helpers import newsterm
from tests.hostile.documents import (
    DATELESS_GUIDS,
    FENCE_BREAKOUT,
    HOSTILE_SCHEMES,
    HOSTILE_TEXTS,
    dateless_guid_feed,
    hostile_feed,
    hostile_links_feed,
    hostile_texts_feed,
)
from tests.hostile.server import LocalServer
from tui_news.core.feeds.parse import fast_path, parse_feed, parse_with_feedparser
from tui_news.core.models import Story
from tui_news.reader.fallback import feed_article

URL = "http://127.0.0.1:9/feed.xml"
# What a terminal would act on or reorder: ESC, BEL, C1 controls (U+009B is a CSI), bidi.
TERMINAL_ACTIVE = re.compile("[\x1b\x07\x80-\x9f\u202a-\u202e\u2066-\u2069]")


# -- defect 6: a guid is not a date ---------------------------------------------------------


def test_no_reader_takes_a_guid_for_a_date() -> None:
    body = dateless_guid_feed()
    fast = fast_path(body, url=URL)
    careful = parse_with_feedparser(body, url=URL)
    assert fast.feed is not None, fast.fallback_reason  # the fast reader still takes it
    # It used to date them 2026-12-01, 2026-12-07, 2019-12-05, next Monday and 2026-05-05.
    assert [entry.published for entry in fast.feed.entries] == [None] * len(DATELESS_GUIDS)
    assert fast.feed.entries == careful.entries


def test_guids_of_a_dateless_feed_never_reach_a_date_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = dateparser.parse

    def counting(value: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(dateparser, "parse", counting)
    # At up to 1 ms a guid, 100,000 of them made `add` take 98 s.
    feed = parse_feed(dateless_guid_feed([f"item-{n}" for n in range(2000)]), url=URL)
    assert len(feed.entries) == 2000 and calls == []


def test_a_guid_that_is_also_a_date_leaves_the_feed_to_feedparser() -> None:
    date = "Tue, 14 Nov 2023 22:13:20 GMT"
    body = hostile_feed(
        "Odd",
        [
            f"<item><title>A</title><guid>{date}</guid><pubDate>{date}</pubDate></item>",
            f"<item><title>B</title><guid>{date}x</guid></item>",
        ],
    )
    assert fast_path(body, url=URL).fallback_reason == "a guid is also an item's date"
    assert [entry.published for entry in parse_feed(body, url=URL).entries] == [1700000000.0, None]


def test_an_added_dateless_feed_lists_undated_stories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    assert newsterm(capsys, tmp_path, "add", server.url("/dateless-guids")).code == 0
    stories = newsterm(capsys, tmp_path, "stories", "--json").json()
    assert len(stories) == len(DATELESS_GUIDS)
    assert {story["published"] for story in stories} == {None}


# -- held: text stays inert, links stay on the web ------------------------------------------


def test_hostile_titles_print_inert_with_markup_literal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: LocalServer
) -> None:
    added = newsterm(capsys, tmp_path, "add", server.url("/hostile-texts"))
    assert added.code == 0 and not TERMINAL_ACTIVE.search(added.out + added.err)
    for args in (("feeds",), ("stories",), ("stories", "--json"), ("feeds", "--json")):
        run = newsterm(capsys, tmp_path, *args)
        assert run.code == 0 and not TERMINAL_ACTIVE.search(run.out + run.err), args
    listed = newsterm(capsys, tmp_path, "stories").out
    assert "[bold red]x[/] [link=https://evil.test]click[/link] [@click=app.quit]q[/]" in listed
    assert "Red alert" in listed and "pwned" not in listed and "cHduZWQ" not in listed
    assert "Bidi gnp.exe isolate text" in listed


def test_the_fast_and_careful_readers_clean_hostile_text_alike() -> None:
    # Without ESC and BEL (XML forbids them) the document is well-formed; C1 controls
    # still send it to the careful reader, which must clean them.
    body = hostile_texts_feed().replace(b"\x1b", b"").replace(b"\x07", b"")
    assert fast_path(body, url=URL).fallback_reason == (
        "C1 controls or U+FFFD in the text: an encoding mix-up"
    )
    for entry in parse_feed(body, url=URL).entries:
        assert not TERMINAL_ACTIVE.search(entry.title + entry.summary)
    no_c1 = body.replace(HOSTILE_TEXTS[1].encode(), b"C1-free")
    fast = fast_path(no_c1, url=URL)
    assert (
        fast.feed is not None and fast.feed.entries == parse_with_feedparser(no_c1, url=URL).entries
    )
    assert fast.feed.entries[2].title == "Bidi gnp.exe isolate text"


def test_links_to_other_schemes_are_dropped(server: LocalServer) -> None:
    feed = parse_feed(hostile_links_feed(), url=server.url("/hostile-links"))
    assert [entry.url for entry in feed.entries] == ["", "", ""]
    texts = parse_feed(hostile_texts_feed(), url=server.url("/hostile-texts"))
    story = _story(texts.entries[0].summary)
    article = feed_article(story, url="https://example.test/a", reason="test")
    assert [link.url for link in article.links] == ["https://example.test/ok"]
    assert not any(scheme.split(":")[0] + ":" in article.text for scheme in HOSTILE_SCHEMES)


# -- defect 16: code stays code -------------------------------------------------------------


def rendered_blocks(markdown: str) -> list[str]:
    """The block and link tokens Textual's Markdown parser makes of `markdown`; a URL
    shown as itself (linkify) is not counted as a link."""
    tokens = MarkdownIt("gfm-like").parse(markdown)
    inline = [child for token in tokens for child in (token.children or [])]
    return [
        token.type
        for token in tokens + inline
        if token.type.endswith("_open") and token.markup != "linkify"
    ]


def test_a_code_fence_in_feed_text_cannot_close_the_block() -> None:
    article = feed_article(_story(FENCE_BREAKOUT), url="https://example.test/a", reason="test")
    blocks = rendered_blocks(article.text)
    # It used to end the code at the inner ``` and make a live link and a heading.
    assert "link_open" not in blocks and "heading_open" not in blocks
    assert "[click me](https://evil.test/)\n# Injected heading" in article.text
    assert article.links == ()


def _story(summary: str) -> Story:
    return Story(
        id=1,
        feed_id=1,
        key="k",
        url="https://example.test/a",
        title="Story",
        author="",
        published=None,
        updated=None,
        summary=summary,
        content="",
        first_seen=0.0,
        read=False,
        starred=False,
        feed_title="Feed",
    )
