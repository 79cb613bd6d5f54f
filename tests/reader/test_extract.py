"""The article body as Markdown, its header fields, and safety against hostile page text."""

from __future__ import annotations

from tests.reader.conftest import FULL_FEED_CONTENT, make_story, page
from tui_news.reader.article import Article, Link, RelatedLink
from tui_news.reader.extract import extract_article
from tui_news.reader.fallback import feed_article, prefer_feed
from tui_news.reader.markdown import html_to_markdown, safe_text, to_plain

ESCAPES = ("\x1b", "\x07", "\x9b", "\x90")


def test_body_keeps_structure_as_markdown() -> None:
    article = extract_article(page("card-footer.html"))
    assert article.text == (
        "Die Stadt will bis 2026 insgesamt zwölf Kilometer neue Radwege bauen. "
        "Das hat der Verkehrsausschuss am Montagabend beschlossen.\n\n"
        "[\\[Photo: Ein Radweg an der Hauptstraße\\]](https://stadtanzeiger.test/bilder/radweg.jpg)"
        "\n\n"
        "## Was geplant ist\n\n"
        "Zuerst sollen die Ringstraße und die Bahnhofstraße *geschützte* Radstreifen "
        "bekommen. Danach folgen die Verbindungen in die Stadtteile.\n\n"
        "- Ringstraße: 3,2 Kilometer\n- Bahnhofstraße: 1,1 Kilometer\n\n"
        "> „Wir holen nach, was zwanzig Jahre liegen geblieben ist“, sagte Baudezernentin "
        "Ute Wagner.\n\n"
        "Die Kosten von rund 9 Millionen Euro trägt zu zwei Dritteln das Land."
    )
    # no title, caption, kicker, teaser, tag or footer text
    for chrome in ("Neue Radwege für", "Foto:", "Verkehr\n", "Radentscheid", "Themen", "Impressum"):
        assert chrome not in article.text
    assert (article.language, article.sitename) == ("de", "Stadtanzeiger")
    assert article.date == "2024-05-14T06:00:00+02:00"


def test_escape_sequences_in_page_text_never_survive() -> None:
    article = extract_article(page("inline-read-more.html"))
    assert "Emergency text here: RED ALERT and a bell and a title change end." in article.text
    for field in (article.text, article.title, article.author, *[r.title for r in article.related]):
        assert not any(escape in field for escape in ESCAPES)
    assert "pwned" not in article.text  # an OSC payload goes with its sequence
    # Markdown specials in text are escaped, so they render as written
    assert r"Some \*stars\* and \[brackets\] and \[bold\]markup\[/bold\]" in article.text
    assert "Some *stars* and [brackets] and [bold]markup[/bold]" in to_plain(article.text)


def test_a_paywall_prompt_or_script_shell_is_not_article_text() -> None:
    assert extract_article(page("paywall.html")).text == (
        "Warehouses that keep food frozen are changing how they buy power."
    )
    assert extract_article(page("script-only.html")).word_count == 0


def test_feed_content_becomes_markdown_the_same_way() -> None:
    markup = (
        "<h2>Heading</h2><p>Some <b>bold</b> and <a href='/x?utm_source=rss'>a link</a>.</p>"
        "<figure><img src='a.jpg' alt='alt'><figcaption>Caption text</figcaption></figure>"
        "<ul><li>one</li><li>two</li></ul><blockquote><p>Quoted</p></blockquote>"
        "<script>alert('x')</script><p>1. not a list \x1b[2J</p>"
    )
    assert html_to_markdown(markup, base_url="https://feed.test/a/") == (
        "## Heading\n\nSome **bold** and [a link](https://feed.test/x).\n\n"
        "- one\n- two\n\n> Quoted\n\n1\\. not a list"
    )


def test_feed_article_and_when_to_prefer_it() -> None:
    story = make_story("https://site.test/a/story-one", content=FULL_FEED_CONTENT)
    feed = feed_article(story, url=story.url, reason="the page could not be fetched: HTTP 404")
    assert (feed.source, feed.reason) == ("feed", "the page could not be fetched: HTTP 404")
    assert (feed.title, feed.author, feed.sitename) == (
        "A story from the feed",
        "Feed Author",
        "Example Feed",
    )
    assert feed.date == "2023-11-14T22:13:20+00:00"
    assert feed.links == (Link("a link", "https://site.test/more"),)
    assert feed.word_count > 400
    teaser = Article(input="", url=story.url, text="Short teaser.", word_count=2)
    assert prefer_feed(teaser, feed)
    full = Article(input="", url=story.url, text="x", word_count=feed.word_count)
    assert not prefer_feed(full, feed)


def test_article_record_round_trip_and_json_shape() -> None:
    article = extract_article(
        page("aside-related.html"), "https://www.riverside-courier.test/n/a-b-c"
    )
    again = Article.from_record(article.to_record())
    assert again == article
    assert isinstance(again.related[0], RelatedLink)
    data = article.to_json()
    assert list(data) == [
        "input", "url", "canonical_url", "title", "author", "date", "sitename", "language",
        "word_count", "reading_minutes", "source", "reason", "text", "related", "links",
    ]  # fmt: skip
    assert data["related"][0] == {
        "group": "Related articles",
        "title": "Bridge consultation opens to residents",
        "url": "https://www.riverside-courier.test/news/local/bridge-consultation-opens-to-residents-4417.html",
    }


def test_safe_text_keeps_newlines_and_normalises() -> None:
    assert safe_text(
        "a\r\nb\x1b[31mc\x1b]8;;http://x\x07d\u202ee\u0301"
    ) == "a\nbcde\u0301".replace("e\u0301", "é")


def test_newsletter_boxes_and_trailing_headline_lists_leave_the_body() -> None:
    prose = "".join(
        f"<p>Paragraph {n} of a long report about the city's water supply and its pipes.</p>"
        for n in range(8)
    )
    html = f"""<html><body><article><h1>Water</h1>{prose[:400]}
      <h3>Sign up for the City Desk newsletter</h3>
      <p>Never miss a story: sign up to our newsletter and get the news in your inbox.</p>
      {prose[400:]}
      <p>Sources: <a href="https://data.example/water.csv">CSV</a></p>
      <p><a href="/2024/05/pipes-burst-on-the-east-side/">Pipes burst on the east side</a></p>
      <p><a href="/2024/05/why-the-reservoir-is-so-low/">Why the reservoir is so low</a></p>
    </article></body></html>"""
    article = extract_article(html.encode(), "https://city.example/2024/05/water/")
    assert "newsletter" not in article.text and "Never miss" not in article.text
    assert "Paragraph 7 of a long report" in article.text
    assert "Sources: [CSV](https://data.example/water.csv)" in article.text  # a reference stays
    assert "Pipes burst" not in article.text and "reservoir" not in article.text


def test_the_date_can_come_from_json_ld_alone() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} of a story whose page gives its date only to machines, in the "
        "structured data a news CMS writes for search engines.</p>"
        for n in range(8)
    )
    ld = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},'
        ' {"@type": "NewsArticle", "datePublished": "2026-03-14T09:30:00Z"}]}'
    )
    html = (
        f'<html><head><title>Quiet</title><script type="application/ld+json">{ld}</script>'
        '<script type="application/ld+json">{broken</script></head>'
        f"<body><article><h1>Quiet</h1>{paragraphs}</article></body></html>"
    )
    article = extract_article(html, "https://news.example/quiet")
    assert article.date == "2026-03-14T09:30:00+00:00"


def test_the_feed_fallback_survives_a_date_no_calendar_holds() -> None:
    # A damaged or hand-edited cache may hold any number; the feed's text must still show.
    from dataclasses import replace

    story = make_story("https://site.test/a/odd-date", content=FULL_FEED_CONTENT)
    for timestamp in (1e17, -1e17, float("nan")):
        feed = feed_article(replace(story, published=timestamp), url=story.url, reason="offline")
        assert feed.date is None and feed.word_count > 400


def test_words_around_links_keep_their_spaces() -> None:
    paragraph = (
        "<p>The film is streaming on <a href='https://video.test/a'><em>Netflix</em></a> "
        "<em>and</em> <a href='https://shop.test/b'><em>Google Play</em></a><em>.</em> "
        "The company also pushes<a href='https://news.test/c'> sketchy loans</a> onto "
        "its drivers, critics said after the hearing on Tuesday afternoon.</p>"
    )
    filler = "".join(
        f"<p>Paragraph {n} about the streaming market, the drivers and the loans they take "
        "on, with enough words to read as an article body rather than a teaser.</p>"
        for n in range(6)
    )
    html = f"<html><body><article><h1>Streams</h1>{paragraph}{filler}</article></body></html>"
    plain = to_plain(extract_article(html.encode(), "https://news.test/2024/streams/").text)
    assert "streaming on Netflix and Google Play." in plain
    assert "pushes sketchy loans onto its drivers" in plain
