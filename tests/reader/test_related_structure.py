"""Related links: how the chosen links are grouped, named and titled, one case at a time.

Which links list other stories is the model's call, and it is judged where it can be,
on whole real pages (test_related_labels.py guards precision and recall on every part
of the labelled set). These pages are a few lines of the markup real sites use, too
small for the model to read as a page; a stand-in that takes every link with an
article-like address not inside a sentence chooses here, so each test shows what the
reader makes of the chosen links: their blocks, the blocks' names, the headlines, the
order, and what is never shown whatever is chosen.
"""

from __future__ import annotations

from tui_news.reader.extract import parse_html
from tui_news.reader.related import find_related

URL = "https://www.daily-planet.test/news/2024/05/03/council-votes-on-new-bridge/"
ARTICLE = """<article><h1>Council votes on new bridge</h1>
  <p>The council voted on Tuesday to build a new bridge over the river, ending years of
  argument about traffic in the old town and the cost of repairing the ferry.</p>
  <p>Work is due to start next spring and to last two years, the mayor said.</p>
</article>"""


def story(n: int) -> str:
    return f"/news/2024/05/0{n}/story-number-{n}-about-the-town/"


def headline(n: int) -> str:
    return f"Story number {n} about the town"


class EveryStory:
    """Chooses every link with an article-like address that is not a word in a sentence."""

    threshold = 0.5

    def score(self, features: dict[str, float]) -> float:
        return float(features.get("strength", 0) > 0 and not features.get("in_sentence"))


def found(body: str, url: str = URL, head: str = "") -> list[tuple[str, str, str]]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    links = find_related(parse_html(html.encode()), url, model=EveryStory())
    return [
        (link.group, link.title, link.url.removeprefix("https://www.daily-planet.test"))
        for link in links
    ]


def cards(numbers: range, template: str) -> str:
    return "".join(template.format(url=story(n), title=headline(n), n=n) for n in numbers)


def test_a_headingless_rail_of_cards_is_named_after_the_site() -> None:
    rail = cards(range(1, 4), '<div class="c"><a href="{url}"><img src="x.jpg">{title}</a></div>')
    head = '<meta property="og:site_name" content="Daily Planet">'
    assert found(f"{ARTICLE}<div class='rail'>{rail}</div>", head=head) == [
        ("More from Daily Planet", headline(n), story(n)) for n in range(1, 4)
    ]


def test_without_a_site_name_the_host_names_the_block() -> None:
    rail = cards(range(1, 3), '<div><a href="{url}">{title}</a></div>')
    assert {group for group, _, _ in found(ARTICLE + rail)} == {"More from daily-planet.test"}


def test_an_aria_label_or_the_class_words_name_a_headingless_block() -> None:
    items = cards(range(1, 3), '<li><a href="{url}">{title}</a></li>')
    labelled = f'<section aria-label="Editors\' picks"><ul>{items}</ul></section>'
    classed = f'<div class="widget most-popular"><ul>{items.replace("town", "city")}</ul></div>'
    groups = {group for group, _, _ in found(ARTICLE + labelled)}
    assert groups == {"Editors' picks"}
    classed_links = cards(range(5, 7), '<li><a href="{url}">{title}</a></li>')
    assert {g for g, _, _ in found(ARTICLE + classed.replace(items, classed_links))} == {
        "Most popular"
    }


def test_the_nearest_heading_names_a_block_and_one_between_cards_starts_another() -> None:
    first = cards(range(1, 3), '<li><a href="{url}">{title}</a></li>')
    second = cards(range(3, 5), '<li><a href="{url}">{title}</a></li>')
    body = f"""{ARTICLE}<aside><div class="hdr"><h3>Across the region</h3></div>
      <ul>{first}</ul><h3>From our reporters</h3><ul>{second}</ul></aside>"""
    assert [(group, url) for group, _, url in found(body)] == [
        ("Across the region", story(1)),
        ("Across the region", story(2)),
        ("From our reporters", story(3)),
        ("From our reporters", story(4)),
    ]


def test_teaser_cards_give_the_headline_alone() -> None:
    teaser = """<article class="teaser"><a href="{url}">
        <span class="rank">{n}</span><span class="kicker">TRANSPORT</span>
        <span class="headline">{title}</span></a>
        <time>3 hours ago</time>
        <p class="summary">A long summary of the story that sites print under the headline
        so that readers know what it is about before they click.</p></article>"""
    split = """<div class="card"><a href="{url}"><img src="p.jpg"></a>
        <span class="kicker">Opinion</span><h3><a href="{url}">{title}</a></h3>
        <span class="date">May 2, 2024</span></div>"""
    body = f"{ARTICLE}<section>{cards(range(1, 3), teaser)}</section>"
    body += f"<section>{cards(range(3, 5), split)}</section>"
    assert [title for _, title, _ in found(body)] == [headline(n) for n in range(1, 5)]


def test_caps_kicker_rank_and_date_glued_in_one_link_are_dropped() -> None:
    item = '<li><a href="{url}"><b>{n}</b><span>WORLD</span><span>{title}</span></a></li>'
    assert [title for _, title, _ in found(f"{ARTICLE}<ol>{cards(range(1, 4), item)}</ol>")] == [
        headline(n) for n in range(1, 4)
    ]


def test_a_link_list_between_paragraphs_and_a_read_more_line_count() -> None:
    body = f"""<article><h1>Council votes on new bridge</h1>
      <p>The council voted on Tuesday to build a new bridge over the river, ending years of
      argument about traffic in the old town and the cost of repairing the ferry.</p>
      <p>Read more: <a href="{story(1)}">{headline(1)}</a></p>
      <p>Work is due to start next spring and to last two years, the mayor said on Tuesday
      evening after the vote, which was closer than expected.</p>
      <ul><li><a href="{story(2)}">{headline(2)}</a></li>
          <li><a href="{story(3)}">{headline(3)}</a></li></ul>
      <p>The ferry will keep running until the bridge opens, the operator said today.</p>
    </article>"""
    assert [(group, url) for group, _, url in found(body)] == [
        ("Read more", story(1)),
        ("More from daily-planet.test", story(2)),
        ("More from daily-planet.test", story(3)),
    ]


def test_a_word_linked_inside_a_sentence_is_not_a_related_link() -> None:
    body = f"""<article><h1>Council votes</h1><div class="para">The mayor
      <a href="{story(1)}">said in March</a> that the vote would be close, and the council
      agreed with her in a long and at times bitter debate.</div></article>"""
    assert found(body) == []


def test_ul_lists_and_div_grids_of_the_same_stories_come_out_the_same() -> None:
    as_list = f"<ul>{cards(range(1, 4), '<li><a href={url}>{title}</a></li>')}</ul>"
    cell = "<div class=cell><div class=in><a href={url}>{title}</a></div></div>"
    as_grid = f"<div class='grid'>{cards(range(1, 4), cell)}</div>"
    assert found(ARTICLE + as_list) == found(ARTICLE + as_grid)
    assert len(found(ARTICLE + as_list)) == 3


def test_a_story_listed_twice_is_kept_once_where_it_first_appears() -> None:
    first = cards(range(1, 3), '<li><a href="{url}">{title}</a></li>')
    again = cards(range(2, 4), '<li><a href="https://www.daily-planet.test{url}">{title}</a></li>')
    body = f"{ARTICLE}<h2>Top stories</h2><ul>{first}</ul><h2>Most read</h2><ul>{again}</ul>"
    assert [(group, url) for group, _, url in found(body)] == [
        ("Top stories", story(1)),
        ("Top stories", story(2)),
        ("Most read", story(3)),
    ]


def test_a_featured_card_joins_the_list_under_it() -> None:
    rest = cards(range(2, 5), '<li><a href="{url}">{title}</a></li>')
    box = f"""{ARTICLE}<div class="box"><h3>Latest</h3>
      <div class="lead"><a href="{story(1)}"><img src="big.jpg"></a>
        <h2><a href="{story(1)}">{headline(1)}</a></h2>
        <p>A summary of the lead story that runs to a sentence or two.</p></div>
      <ul>{rest}</ul></div>"""
    assert [(group, url) for group, _, url in found(box)] == [
        ("Latest", story(n)) for n in range(1, 5)
    ]


def test_a_popular_box_inside_the_comments_area_still_counts() -> None:
    items = cards(range(1, 3), '<li><a href="{url}">{title}</a></li>')
    body = f"""{ARTICLE}<div class="comments">
      <div class="comment"><p>I disagree with the council.</p></div>
      <div id="popular-this-week"><ul>{items}</ul></div></div>"""
    assert [url for _, _, url in found(body)] == [story(1), story(2)]


def test_sharing_job_adverts_shop_tiles_and_the_page_itself_never_show() -> None:
    body = f"""{ARTICLE}
      <div class="share"><a href="https://twitter.com/intent/tweet?url=x">Share on Twitter</a>
        <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share on Facebook</a></div>
      <ul><li><a href="{URL}">Council votes on new bridge</a></li>
        <li><a href="{URL}?print=1">Council votes on new bridge (print)</a></li></ul>
      <ul><li><a href="https://jobs.daily-planet.test/job/editor-4411.html">
            Night editor at the city desk (m/w/d)</a></li>
          <li><a href="/gifts/2024/mug-with-the-front-page-1234/">Mug with the front page</a>
              <span>12,99 €</span></li>
          <li><a href="/news/2024/05/02/night-editor-wanted-4411/">Night editor (m/w/d)</a></li>
      </ul>"""
    assert found(body) == []
