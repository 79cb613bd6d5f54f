"""Related links on crafted pages built the ways real sites build them."""

from __future__ import annotations

from tests.reader.conftest import page
from tui_news.reader.extract import extract_article, parse_html
from tui_news.reader.related import find_related

RIVERSIDE = (
    "https://www.riverside-courier.test/news/local/council-approves-river-crossing-4421.html"
)


def test_aside_lists_resolved_against_base_cleaned_and_deduplicated() -> None:
    related = find_related(parse_html(page("aside-related.html")), RIVERSIDE)
    assert [(r.group, r.title, r.url) for r in related] == [
        (
            "Related articles",
            "Bridge consultation opens to residents",
            # relative to <base href="…/news/local/">, utm_* removed
            "https://www.riverside-courier.test/news/local/bridge-consultation-opens-to-residents-4417.html",
        ),
        (
            "Related articles",
            "Council budget gap widens to record level",
            "https://www.riverside-courier.test/news/politics/council-budget-gap-widens-to-record-level-4390.html",
        ),
        (
            "Most read",
            "Flood warning issued for lower Wend valley",  # once, though listed twice
            "https://www.riverside-courier.test/news/local/flood-warning-issued-for-lower-wend-valley-4419.html",
        ),
        (
            "Most read",
            "Riverside Rovers sign striker on loan",
            "https://www.riverside-courier.test/sport/riverside-rovers-sign-striker-on-loan-4402.html",
        ),
    ]
    # not: the menu's story-like link, the article itself, "More local news" (a section),
    # "Back to top", share buttons, the newsletter box, topic pages, author and footer links


def test_footer_of_article_cards_picture_and_headline_links_merge() -> None:
    article = extract_article(page("card-footer.html"))
    assert [(r.group, r.title) for r in article.related] == [
        ("Mehr zum Thema", "Radentscheid sammelt 10.000 Unterschriften"),
        ("Mehr zum Thema", "Ampelschaltung am Ring wird geändert"),
    ]
    assert all(r.url.startswith("https://stadtanzeiger.test/lokales/") for r in article.related)


def test_inline_read_more_paragraphs_go_to_the_sidebar_not_the_text() -> None:
    article = extract_article(page("inline-read-more.html"))
    assert [(r.group, r.title) for r in article.related] == [
        ("Read more", "Why summer peaks are getting higher every year"),
        ("Read more", "Battery farms earn record sums during evening peak"),
        ("More on this story", "How to cut your power bill in a heatwave"),
        ("More on this story", "What a rolling blackout means for you"),
    ]
    assert "utm_campaign" not in article.related[1].url
    for gone in ("Read more", "READ MORE", "Battery farms", "rolling blackout", "More on this"):
        assert gone not in article.text
    assert article.links == ()


def test_navigation_footer_and_sharing_never_count() -> None:
    html = b"""<html><body>
      <nav><h2>Latest news</h2><ul>
        <li><a href="/news/2024/05/01/menu-story-with-a-slug/">Menu story with a slug</a></li>
      </ul></nav>
      <article><h1>Story</h1><p>Body text of the article.</p></article>
      <div class="share"><h3>Related</h3>
        <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fx.test">Share it</a>
        <a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fx.test%2Fa">Share on Twitter</a>
      </div>
      <footer><h3>More stories</h3>
        <a href="/about-us/">About us</a> <a href="/privacy-policy/">Privacy policy</a>
        <a href="/news/2024/05/02/a-real-story-in-the-footer/">A real story in the footer</a>
        <a href="#top">Back to top</a> <a href="mailto:desk@x.test">Email the desk</a>
      </footer></body></html>"""
    related = find_related(parse_html(html), "https://x.test/news/2024/05/03/story/")
    shown = {link.url for link in related}
    assert not shown & {
        "https://x.test/news/2024/05/01/menu-story-with-a-slug/",
        "https://x.test/about-us/",
        "https://x.test/privacy-policy/",
    }
    assert not [url for url in shown if "facebook" in url or "twitter" in url or "mailto" in url]


def test_card_lists_with_kickers_times_and_ad_slots() -> None:
    cards = "".join(
        f"""<article class="card"><a href="/world/2024/story-number-{n}-about-things/">
        <figure><img alt="Photo {n}"><figcaption>Caption {n}</figcaption></figure>
        <span class="kicker">World</span><h3>Headline number {n} about things</h3></a>
        <time datetime="2024-01-0{n}">{n} hours ago</time></article>"""
        + ('<div class="ad"><span>Advertisement</span></div>' if n == 2 else "")
        for n in range(1, 5)
    )
    html = f"""<html><body><main><article><h1>Main</h1><p>Text.</p></article>
      <section><div class="hdr"><h2>Top stories</h2><a href="/world/">See all</a></div>
      <div class="grid">{cards}</div></section>
      <section><h2>Comments</h2><p>Be the first.</p></section></main></body></html>"""
    related = find_related(parse_html(html.encode()), "https://x.test/world/2024/main/")
    assert [r.title for r in related] == [f"Headline number {n} about things" for n in range(1, 5)]
    assert {r.group for r in related} == {"Top stories"}
