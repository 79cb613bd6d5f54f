"""The UI's pure pieces: ages, history, related-story matching, summaries, keys."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.ui.conftest import NOW
from tui_news.core.dates import age, long_date
from tui_news.core.models import Feed, FeedStatus, Story
from tui_news.core.refresh.outcomes import FeedOutcome, OutcomeStatus, RefreshSummary
from tui_news.core.urls import typed_url
from tui_news.reader.article import Article, Link, RelatedLink
from tui_news.ui.bindings import effective_keys, key_label
from tui_news.ui.commands import ALL_COMMANDS, BY_ID
from tui_news.ui.history import History, Location
from tui_news.ui.related import build_groups, keywords, similarity
from tui_news.ui.screens.refreshing import failure_lines, summary_text
from tui_news.ui.screens.unread import next_unread_index
from tui_news.ui.text import inert, is_web_url
from tui_news.ui.views import view_choices


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(10, "now"), (5 * 60, "5m"), (3 * 3600, "3h"), (2 * 86400, "2d"), (30 * 86400, "15 Oct")],
)
def test_age_is_compact(seconds: float, shown: str) -> None:
    assert age(NOW - seconds, NOW) == shown


def test_age_of_the_future_is_now_and_of_nothing_is_blank() -> None:
    assert age(NOW + 500, NOW) == "now"
    assert age(None, NOW) == ""
    assert age(NOW - 400 * 86400, NOW) == "10 Oct '22"  # the day, not only the year


def test_long_date_reads_iso_and_timestamps() -> None:
    assert long_date("2023-11-14T20:00:00+00:00") == "Tue 14 Nov 2023, 20:00"
    assert long_date("2023-11-14") == "Tue 14 Nov 2023"
    assert long_date("not a date") == ""
    assert long_date(NOW) == "Tue 14 Nov 2023, 22:13"


def test_inert_removes_controls_but_keeps_markup_literal() -> None:
    assert inert("a\x1b[1mb\x00c\u202ed [b]e[/b]\n f") == "ab c d [b]e[/b] f"
    assert is_web_url("https://x.test/a") and not is_web_url("javascript:alert(1)")
    assert not is_web_url("http://") and not is_web_url(None)


def test_history_back_forward_and_a_new_visit_drops_forward() -> None:
    history = History()
    a, b, c = (Location.page(f"https://x.test/{n}") for n in "abc")
    for place in (a, b):
        history.visit(place)
    history.visit(b)  # visiting the same place twice is one entry
    assert history.back() == a and not history.can_go_back
    assert history.forward() == b and history.forward() is None
    history.back()
    history.visit(c)
    assert not history.can_go_forward and history.back() == a


def test_similarity_matches_reworded_headlines_only() -> None:
    first = "Harbour cranes return to the old port"
    assert similarity(first, "Harbour cranes go electric at the old port") >= 0.55
    assert similarity(first, "Small phones make a quiet comeback") < 0.1
    assert keywords("The Cranes, the cranes!") == ["cranes"]


def story(story_id: int, title: str, url: str) -> Story:
    return Story(story_id, 1, "Feed", url, url, title, "", NOW, None, "", "", False, False, NOW)


def test_build_groups_orders_dedupes_and_links_cached_stories() -> None:
    article = Article(
        input="u",
        url="https://x.test/a",
        related=(
            RelatedLink("More", "B", "https://x.test/b"),
            RelatedLink("More", "Self", "https://x.test/a"),
            RelatedLink("Popular", "C", "https://x.test/c"),
            RelatedLink("Popular", "Evil", "javascript:alert(1)"),
        ),
        links=(Link("B again", "https://x.test/b"), Link("D", "https://x.test/d")),
    )
    cached = [story(7, "Cached C", "https://x.test/c"), story(8, "Other", "https://y.test/e")]
    groups = build_groups(article, cached)
    assert [g.heading for g in groups] == [
        "More",
        "Popular",
        "Links in this article",
        "In your feeds",
    ]
    assert [i.title for i in groups[0].items] == ["B"]
    assert groups[1].items[0].story_id == 7 and groups[1].items[0].note == "Feed"
    assert [i.title for i in groups[2].items] == ["D"]
    assert [i.story_id for i in groups[3].items] == [8]


def test_summary_text_counts_checked_feeds() -> None:
    def outcome(status: OutcomeStatus, new: int = 0) -> FeedOutcome:
        return FeedOutcome(1, "https://f.test/x", "F", status, "boom", new_stories=new)

    summary = RefreshSummary(
        [outcome(OutcomeStatus.OK, 30), outcome(OutcomeStatus.OK, 7)]
        + [outcome(OutcomeStatus.NOT_MODIFIED)] * 10
        + [outcome(OutcomeStatus.FAILED), outcome(OutcomeStatus.SKIPPED)]
    )
    assert summary_text(summary) == "12 feeds refreshed · 37 new · 1 failed"
    assert failure_lines(summary.failures) == "F: boom"
    only_failed = RefreshSummary([outcome(OutcomeStatus.FAILED)])
    assert summary_text(only_failed) == "1 feed failed to refresh"
    assert summary_text(RefreshSummary([outcome(OutcomeStatus.SKIPPED)])).startswith(
        "Feeds are up to date"
    )
    # Large numbers read as the CLI and the story list write them.
    big = RefreshSummary([outcome(OutcomeStatus.OK, 20)] * 1200)
    assert summary_text(big) == "1,200 feeds refreshed · 24,000 new"


def test_next_unread_index_walks_both_ways() -> None:
    ids = [10, 11, 12, 13]
    assert next_unread_index(ids, {12, 13}, 0, 1) == 2
    assert next_unread_index(ids, {10}, 3, -1) == 0
    assert next_unread_index(ids, {10}, 0, -1) is None


def test_view_choices_show_failing_feeds_with_their_error() -> None:
    ok = Feed(1, "https://f.test/ok", "Fine", unread_count=3)
    bad = replace(ok, id=2, title="Bad", last_status=FeedStatus.ERROR, last_error="HTTP 500")
    choices = view_choices([ok, bad], [("news", 4)], {"all": (9, 5), "starred": (2, 0)})
    assert [c.view.name for c in choices] == ["All", "Unread", "Starred", "#news", "Fine", "Bad"]
    assert choices[-1].error == "HTTP 500" and choices[-2].error == ""
    assert choices[0].count == "5 unread" and choices[2].count == "2 stories"
    assert choices[3].count == "4 unread" and choices[-2].count == "3 unread"


def test_every_command_has_a_unique_id_keys_and_help() -> None:
    assert len(BY_ID) == len(ALL_COMMANDS)
    for command in ALL_COMMANDS:
        assert command.keys and command.help and command.section
    assert key_label(effective_keys(BY_ID["search"], {})) == "/"
    remapped = effective_keys(BY_ID["toggle_star"], {"toggle_star": "x,ctrl+s"})
    assert key_label(remapped) == "x / ctrl+s"


def test_typed_url_accepts_bare_hosts_only_over_http() -> None:
    assert typed_url(" example.com/feed ") == "https://example.com/feed"
    assert typed_url("http://a.test/x") == "http://a.test/x"
    assert typed_url("ftp://a.test/x") == ""
    assert typed_url("") == ""


def test_history_forgets_deleted_stories() -> None:
    history = History()
    page = Location.page("https://x.test/p")
    first, gone = Location.story(1, "https://x.test/1", "One"), Location.story(2, "u", "Two")
    for place in (first, page, gone):
        history.visit(place)
    history.forget_story({2})
    assert history.current == page and history.back() == first
    history.forget_story({1})
    assert history.current == page and not history.can_go_back
