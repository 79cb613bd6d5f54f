"""Hostile feed text must reach the terminal as inert, readable plain text."""

from __future__ import annotations

import re

import pytest

from tui_news.core.feeds.html import clean_html
from tui_news.core.text import clean_line, strip_escapes
from tui_news.core.urls import clean_url

# Anything a terminal could act on, or that reorders or hides what the reader sees.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        # OSC 52 writes the clipboard: the payload must go with the introducer.
        ("Breaking \x1b]52;c;cm0gLXJmIH4=\x07news", "Breaking news"),
        ("Breaking \x1b]52;c;cm0gLXJmIH4=\x1b\\news", "Breaking news"),
        # OSC 8 hyperlinks: the link text stays, the hidden URL does not.
        ("See \x1b]8;;https://evil.example/\x1b\\this\x1b]8;;\x1b\\ story", "See this story"),
        # OSC 0 retitles the terminal window; unterminated runs to the end of the line.
        ("Title\x1b]0;pwned", "Title"),
        ("\x1b[2J\x1b[HCleared \x1b[1;31mred\x1b[0m", "Cleared red"),
        ("\x1b[?1049hAlt screen", "Alt screen"),
        ("8-bit \x9b31mCSI\x9b0m", "8-bit CSI"),
        ("8-bit OSC \x9d52;c;eA==\x9c done", "8-bit OSC done"),
        ("DCS \x1bPq#0;2;0;0;0\x1b\\ sixel", "DCS sixel"),
        ("bell\x07 and backspace\x08 and nul\x00", "bell and backspace and nul"),
    ],
)
def test_escape_sequences_are_removed_whole(hostile: str, expected: str) -> None:
    assert clean_line(hostile) == expected


def test_escapes_hidden_in_entities_stay_dead() -> None:
    cleaned = clean_line("a &#27;[2J b &#x9b;31m c")
    assert not UNSAFE.search(cleaned)
    assert cleaned.startswith("a ") and "c" in cleaned


def test_bidi_overrides_and_isolates_are_removed() -> None:
    title = "invoice\u202egnp.exe \u2066isolated\u2069 \u202aembedded\u202c \u200fmark"
    assert clean_line(title) == "invoicegnp.exe isolated embedded mark"


def test_invisible_format_characters_are_removed_but_joiners_kept() -> None:
    assert clean_line("zero\u200bwidth soft\u00adhyphen \ufeffbom tag\U000e0041s") == (
        "zerowidth softhyphen bom tags"
    )
    # ZWNJ/ZWJ shape Persian and emoji; they must survive.
    assert clean_line("می\u200cخواهم 👩\u200d💻") == "می\u200cخواهم 👩\u200d💻"


def test_rich_markup_stays_literal_text() -> None:
    title = "[bold red]Not styled[/bold red] [link=https://evil.example]x[/link]"
    assert clean_line(title) == title


def test_html_is_reduced_to_its_text() -> None:
    assert clean_line("AT&amp;T <b>bold</b> move") == "AT&T bold move"
    assert clean_line("line one<br>line two<p>para</p>") == "line one line two para"
    assert clean_line("in<i>side</i> a word") == "inside a word"
    assert clean_line("<!-- hidden -->shown") == "shown"


def test_plain_text_comparisons_are_not_mistaken_for_tags() -> None:
    assert clean_line("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"


def test_whitespace_folds_to_single_spaces() -> None:
    assert clean_line("  Breaking\n\tnews \r\n  today\u2028now  ") == "Breaking news today now"


def test_absurd_lengths_are_cut_with_an_ellipsis() -> None:
    cleaned = clean_line("word " * 1000, max_length=80)
    assert len(cleaned) == 80
    assert cleaned.endswith("…")
    assert clean_line("short", max_length=80) == "short"


def test_lone_surrogates_are_dropped_so_sqlite_can_store_the_text() -> None:
    cleaned = clean_line("half \ud83d pair")
    assert cleaned == "half pair"
    cleaned.encode("utf-8")


def test_empty_and_none_give_empty_string() -> None:
    assert clean_line(None) == ""
    assert clean_line("  \x1b[0m ") == ""


def test_clean_html_keeps_markup_but_not_controls() -> None:
    html = '<p class="x">Hi \x1b]52;c;eA==\x07there\x00</p>\n<p>\u202eright</p>'
    assert clean_html(html) == '<p class="x">Hi there</p>\n<p>right</p>'


def test_clean_html_keeps_markup_text_and_entities() -> None:
    html = "<p>[bold]x[/bold] &amp; &#27; <a href='/a'>a</a></p>"
    assert clean_html(html) == html


def test_strip_escapes_leaves_ordinary_text_alone() -> None:
    text = "Grüße aus Köln – «quotes» 日本語"
    assert strip_escapes(text) is text


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("/2024/story", "https://news.example/feed.xml", "https://news.example/2024/story"),
        ("story?id=1", "https://news.example/dir/feed", "https://news.example/dir/story?id=1"),
        ("//cdn.example/a", "https://news.example/", "https://cdn.example/a"),
        ("HTTPS://News.Example/A", "", "https://News.Example/A"),
        ("  https://news.example/a b\n", "", "https://news.example/a%20b"),
        ("https://news.exa\x1b[31mmple/", "", "https://news.example/"),
        ("javascript:alert(1)", "https://news.example/", ""),
        ("data:text/html,hi", "", ""),
        ("mailto:desk@news.example", "", ""),
        ("file:///etc/passwd", "", ""),
        ("relative/without/base", "", ""),
        ("http://exa[mple.com/", "", ""),
        ("", "https://news.example/", ""),
        (None, "https://news.example/", ""),
    ],
)
def test_clean_url(url: str | None, base: str, expected: str) -> None:
    assert clean_url(url, base) == expected


def test_clean_url_refuses_absurdly_long_urls() -> None:
    assert clean_url("https://news.example/" + "a" * 5000) == ""
