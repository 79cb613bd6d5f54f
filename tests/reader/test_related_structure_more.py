"""More related-link cases read off the structure: what is part of the page itself, ad
words that do not make an ad, kickers, pagers and boxes beside a list.

Each page is a few lines of the markup real sites use (test_related_structure.py has
the helpers and the first cases).
"""

from __future__ import annotations

from tests.reader.test_related_structure import ARTICLE, URL, cards, found, headline, story


def test_the_articles_own_sub_pages_are_never_related() -> None:
    pages = (
        f'<div class="toc"><a href="{URL}seite-2/">Seite 2 — Durchgehende Tickets fehlen</a>'
        f'<a href="{URL}komplettansicht/">Auf einer Seite lesen, alles zusammen</a></div>'
    )
    rail = cards(range(1, 3), '<div class="c"><a href="{url}">{title}</a></div>')
    assert [url for _, _, url in found(ARTICLE + pages + f"<aside>{rail}</aside>")] == [
        story(1),
        story(2),
    ]


def test_the_article_under_another_address_is_left_out() -> None:
    own = (
        '<li><a href="/news/2024/05/03/council-votes-on-the-new-bridge-2/">'
        "Council votes on new bridge</a></li>"
    )
    items = cards(range(1, 3), '<li><a href="{url}">{title}</a></li>')
    head = "<title>Council votes on new bridge « Daily Planet</title>"
    page = f"{ARTICLE}<h3>Latest posts</h3><ul>{own}{items}</ul>"
    assert [title for _, title, _ in found(page, head=head)] == [headline(1), headline(2)]


def test_an_article_section_named_for_ads_still_holds_its_story_list() -> None:
    prose = "<p>" + "The grill heats up fast and browns a steak evenly. " * 12 + "</p>"
    feed = cards(range(1, 4), '<span class="feed-item"><a href="{url}">{title}</a></span>')
    section = (
        f'<section class="report__section--ads">{prose}<div class="feed">{feed}</div></section>'
    )
    intro = "<p>" + "The test kitchen tried the grill for a month before this report. " * 20
    assert [url for _, _, url in found(f"{intro}</p>{section}")] == [story(n) for n in range(1, 4)]


def test_an_ad_slots_editorial_fallback_is_a_story() -> None:
    slot = (
        '<div class="teaser--ad-with-fallback"><div class="fallbackcontent">'
        '<a href="{url}">{title}</a></div></div>'
    )
    rail = f"<aside><h3>New in Love</h3>{cards(range(1, 3), slot)}</aside>"
    assert found(ARTICLE + rail) == [("New in Love", headline(n), story(n)) for n in (1, 2)]


def test_a_kicker_element_closed_by_a_colon_is_not_the_headline() -> None:
    card = (
        '<article class="teaser"><a href="{url}"><p class="teaser__headline">'
        '<span class="headline-emphasis">Court ruling</span><span>: </span>'
        '<span class="headline-text">{title}</span></p></a></article>'
    )
    assert [title for _, title, _ in found(ARTICLE + cards(range(1, 3), card))] == [
        headline(1),
        headline(2),
    ]


def test_a_topics_heading_over_real_stories_keeps_them_and_tags_stay_out() -> None:
    teasers = cards(range(1, 4), '<article><h3><a href="{url}">{title}</a></h3></article>')
    tags = (
        '<ul><li><a href="/tag/bridges/">Bridges</a></li>'
        '<li><a href="/tag/river/">River</a></li></ul>'
    )
    page = f"{ARTICLE}<p class='label'><span>More topics</span></p><div>{teasers}</div>"
    assert found(page + f"<h3>Topics</h3>{tags}") == [
        ("More topics", headline(n), story(n)) for n in range(1, 4)
    ]


def test_a_menu_boxed_beside_a_rails_cards_does_not_sink_them() -> None:
    menu = "".join(
        f'<li><a href="/compare/{name}/">{name.title()} products compared</a></li>'
        for name in ("garden", "kitchen", "sport", "travel", "office")
    )
    teasers = cards(range(1, 4), '<div class="box"><a href="{url}">{title}</a></div>')
    rail = f'<aside class="sidebar"><div class="box"><ul>{menu}</ul></div>{teasers}</aside>'
    assert [url for _, _, url in found(ARTICLE + rail)] == [story(n) for n in range(1, 4)]


def test_custom_element_teasers_between_paragraphs_stand_alone() -> None:
    def teaser(n: int) -> str:
        return (
            f'<teaserparagraph><div class="media"><a href="{story(n)}">{headline(n)}</a>'
            f'<a href="{story(n)}">The town hall said more about it on Monday.</a></div>'
            "</teaserparagraph>"
        )

    prose = "<p>Work is due to start next spring and to last two years, the mayor said.</p>"
    page = ARTICLE.replace("</article>", f"{teaser(1)}{prose}{teaser(2)}{prose}</article>")
    assert [url for _, _, url in found(page)] == [story(1), story(2)]


def test_the_brands_other_country_domain_is_the_same_site() -> None:
    items = "".join(
        f'<li><a href="https://www.daily-planet.co.uk{story(n)}">{headline(n)}</a></li>'
        for n in (1, 2)
    )
    body = ARTICLE.replace("</article>", f"<ul>{items}</ul></article>")
    assert [title for _, title, _ in found(body)] == [headline(1), headline(2)]


def test_a_category_heading_inside_the_link_is_not_the_headline() -> None:
    card = '<div class="column"><a href="{url}"><h4 class="keyword">Courts</h4>{title}</a></div>'
    box = f"<div class='box-related'><h3>Similar posts</h3>{cards(range(1, 4), card)}</div>"
    assert found(ARTICLE + box) == [("Similar posts", headline(n), story(n)) for n in range(1, 4)]


def test_a_posts_widget_inside_a_comments_area_still_lists_stories() -> None:
    items = cards(range(1, 4), '<li><a href="{url}">{title}</a></li>')
    widget = f'<div class="comments-sidebar"><ul class="recent-posts-more">{items}</ul></div>'
    assert [url for _, _, url in found(ARTICLE + widget)] == [story(n) for n in range(1, 4)]


def test_promo_boxes_with_a_summary_between_paragraphs_stand_alone() -> None:
    def box(n: int) -> str:
        return (
            f'<aside class="rich-link"><a href="{story(n)}"><h2>{headline(n)}</h2></a>'
            "<p>The ferry will keep running until the bridge opens, the operator said.</p></aside>"
        )

    prose = "<p>Work is due to start next spring and to last two years, the mayor said.</p>"
    page = ARTICLE.replace("</article>", f"{box(1)}{prose}{box(2)}{prose}</article>")
    assert [url for _, _, url in found(page)] == [story(1), story(2)]


def test_a_send_this_page_service_is_not_a_story() -> None:
    carried = "https%3A%2F%2Fwww.daily-planet.test%2Fprint%2Fcouncil-votes-on-new-bridge"
    tools = (
        f'<div class="tools"><a href="/tools/send-article-by-mail.html?url={carried}">'
        "Send this page by e-mail to a friend</a></div>"
    )
    rail = cards(range(1, 3), '<div class="c"><a href="{url}">{title}</a></div>')
    assert [url for _, _, url in found(ARTICLE + tools + rail)] == [story(1), story(2)]
