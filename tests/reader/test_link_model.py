"""The related-links model: trees scored as the numbers in their file say, and the links
it is shown measured where a reader sees them."""

from __future__ import annotations

import math

from tui_news.reader.extract import parse_html
from tui_news.reader.link_features import Candidate, candidates
from tui_news.reader.link_model import LinkModel, _Tree, related_model
from tui_news.reader.related_page import RelatedPage

URL = "https://www.daily-planet.test/news/2024/05/03/council-votes-on-new-bridge/"


def small_model() -> LinkModel:
    # Tree 1: slug3 <= 0.5 ? -2.0 : (w4_6 <= 0.5 ? 0.5 : 3.0). Tree 2: a stump on "date".
    first = _Tree(
        [1, -1, 0, -1, -1],
        [0.5, 0.0, 0.5, 0.0, 0.0],
        [1, 0, 3, 0, 0],
        [2, 0, 4, 0, 0],
        [0.0, -2.0, 0.0, 0.5, 3.0],
    )
    second = _Tree([2, -1, -1], [0.5, 0.0, 0.0], [1, 0, 0], [2, 0, 0], [0.0, -0.25, 0.75])
    return LinkModel(("w4_6", "slug3", "date"), 0.1, (first, second), 0.6)


def sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-value))


def test_a_links_score_is_the_sum_of_one_leaf_per_tree() -> None:
    model = small_model()
    assert model.score({}) == sigmoid(0.1 - 2.0 - 0.25)
    assert model.score({"slug3": 1.0}) == sigmoid(0.1 + 0.5 - 0.25)
    assert model.score({"slug3": 1.0, "w4_6": 1.0, "date": 1.0}) == sigmoid(0.1 + 3.0 + 0.75)
    assert model.score({"slug3": 1.0, "unknown": 5.0}) == model.score({"slug3": 1.0})


def test_the_model_file_round_trips() -> None:
    model = small_model()
    again = LinkModel.from_json(model.to_json())
    assert again == model
    for row in ({}, {"slug3": 1.0}, {"slug3": 1.0, "w4_6": 1.0}, {"date": 1.0}):
        assert again.score(row) == model.score(row)


def test_the_shipped_model_loads_and_scores_between_nothing_and_sure() -> None:
    model = related_model()
    assert 0 < model.threshold < 1
    assert len(set(model.names)) == len(model.names) and len(model.trees) >= 10
    assert 0 < model.score({}) < 1


def measured(body: str) -> dict[str, Candidate]:
    root = parse_html(f"<html><body>{body}</body></html>".encode())
    found = candidates(RelatedPage(root, URL, (URL,)), URL)
    return {
        candidate.url.removeprefix("https://www.daily-planet.test"): candidate
        for candidate in found
    }


def test_one_word_links_the_home_page_and_the_page_itself_are_never_measured() -> None:
    found = measured(
        '<a href="/">Daily Planet front page</a><a href="/sport/">Sport</a>'
        f'<a href="{URL}">Council votes on new bridge</a>'
        '<a href="https://twitter.com/intent/tweet?url=x">Share this on Twitter now</a>'
        '<a href="/news/2024/05/01/ferry-fares-rise/">Ferry fares rise again</a>'
    )
    assert list(found) == ["/news/2024/05/01/ferry-fares-rise/"]


def test_a_card_is_measured_by_its_headline_not_its_picture_link() -> None:
    found = measured(
        '<div class="card"><a href="/news/2024/05/01/ferry/"><img src="f.jpg" alt=""></a>'
        '<h3><a href="/news/2024/05/01/ferry/">Ferry fares rise again for the third year</a>'
        "</h3></div>"
    )
    features = found["/news/2024/05/01/ferry/"].features
    assert features["w7_15"] == 1.0 and features.get("w0", 0.0) == 0.0
    assert features["links"] == 2.0


def test_a_story_linked_in_the_text_and_again_in_a_list_is_measured_in_the_list() -> None:
    prose = (
        "<p>The council said the <a href='/news/2024/05/01/ferry/'>ferry fares rise again</a>"
        " would fund repairs to the old landing stage before the summer season began.</p>"
    )
    listed = "".join(
        f'<li><a href="/news/2024/05/0{n}/story-{n}/">Story number {n} about the town</a></li>'
        for n in (1, 2)
    )
    found = measured(
        f'{prose}<ul class="related">{listed}<li><a href="/news/2024/05/01/ferry/">'
        "Ferry fares rise again</a></li></ul>"
    )
    ferry = found["/news/2024/05/01/ferry/"]
    assert ferry.features.get("in_sentence", 0.0) == 0.0
    assert ferry.anchor.getparent().tag == "li"
    assert ferry.features.get("near_rel") == 1.0


def test_a_box_is_named_by_its_first_heading_the_page_shows() -> None:
    listed = "".join(
        f'<li><a href="/news/2024/05/0{n}/story-{n}/">Story number {n} about the town</a></li>'
        for n in (1, 2, 3)
    )
    hidden = "<h2 hidden>Sign up for our newsletter</h2>"
    found = measured(
        f"<div>{hidden}<div><h3>Related stories</h3><h3>Elsewhere</h3></div><ul>{listed}</ul></div>"
    )
    named = found["/news/2024/05/01/story-1/"].features
    assert named["hd_any"] == 1.0 and named["hd_related"] == 1.0
    unnamed = measured(f"<div>{hidden}<ul>{listed}</ul></div>")["/news/2024/05/01/story-1/"]
    assert unnamed.features["hd_any"] == 0.0
