"""A page drawn by scripts leaves little in its HTML but declares its article's text in
schema.org JSON-LD (`articleBody`): that text is read when the page's own is a teaser.
Found on trafilatura's evaluation pages, tuning part (scmp: the only text in the HTML was
a photo's caption, so the article came out empty)."""

from __future__ import annotations

import json

from tui_news.reader.extract import extract_article
from tui_news.reader.markdown import to_plain

URL = "https://port.example/2024/05/cranes/"
BODY = " ".join(
    f"Sentence {n}: the night shift unloaded two ships and the cranes ran until dawn."
    for n in range(12)
)


def _page(html_text: str, declared: object) -> bytes:
    script = json.dumps({"@context": "https://schema.org", "@graph": [declared]})
    return (
        "<html><head><title>Cranes ran all night</title>"
        f'<script type="application/ld+json">{script}</script></head>'
        f"<body><article>{html_text}</article></body></html>"
    ).encode()


def test_a_page_with_only_a_caption_in_its_html_reads_the_declared_text() -> None:
    page = _page(
        "<p>The new crane at dawn, seen from the harbour wall. Photo: AP</p>",
        {"@type": "NewsArticle", "articleBody": BODY + "\n*Not* a # heading \x1b[2J"},
    )
    article = extract_article(page, URL)
    plain = to_plain(article.text)
    assert plain.startswith("Sentence 0: the night shift") and "Sentence 11:" in plain
    assert "Photo: AP" not in plain
    assert "\n\n*Not* a # heading" in plain  # the declared words as words, no Markdown of theirs
    assert "\x1b" not in article.text and "[2J" not in article.text
    assert article.word_count > 150


def test_a_page_with_its_own_text_keeps_it_whatever_it_declares() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: the harbour master says the cranes passed their winter test.</p>"
        for n in range(6)
    )
    page = _page(paragraphs, {"@type": "NewsArticle", "articleBody": BODY + " " + BODY})
    text = to_plain(extract_article(page, URL).text)
    assert "Paragraph 5:" in text and "Sentence 0:" not in text


def test_json_ld_nested_past_python_s_recursion_limit_is_a_page_s_broken_json() -> None:
    """A script of 100,000 nested arrays or objects: Python's JSON reader gives up with a
    RecursionError, not a ValueError; the page is read without it, its other JSON-LD too."""
    for broken in ("[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000):
        declared = json.dumps({"@type": "NewsArticle", "articleBody": BODY})
        page = (
            "<html><head><title>Cranes ran all night</title>"
            f'<script type="application/ld+json">{broken}</script>'
            f'<script type="application/ld+json">{declared}</script></head>'
            "<body><article><p>The new crane at dawn. Photo: AP</p></article></body></html>"
        ).encode()
        article = extract_article(page, URL)
        assert to_plain(article.text).startswith("Sentence 0: the night shift")


def test_a_page_declaring_megabytes_of_text_is_read_to_its_first_half_million_characters() -> None:
    """Each declared line is a paragraph to convert: 600,000 lines (5 MB) took half a
    minute of CPU. What is read of it is more than any article holds."""
    lines = "\n".join(f"Crane {n} ran all night." for n in range(40_000))  # 1 MB
    page = _page("<p>The new crane at dawn. Photo: AP</p>", {"articleBody": lines})
    plain = to_plain(extract_article(page, URL).text)
    assert plain.startswith("Crane 0 ran all night.\n\nCrane 1 ran all night.")
    assert "Crane 15000 ran all night." in plain
    assert "Crane 39999" not in plain
    assert len(plain) < 600_000
