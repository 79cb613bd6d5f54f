"""A refresh stopped by its user (the app closing, Ctrl-C) keeps the stories it stored;
the next refresh, finding nothing new, fetches their full text, and says where they came
from. The full text stopped half-way is taken up the same way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.service.harbour import (
    STORIES,
    Harbour,
    StopsAfter,
    stopped_update,
    update,
    with_full_text,
)
from tui_news.core.refresh.outcomes import RefreshSummary, owed_words
from tui_news.core.storage import Store


def test_the_next_refresh_fetches_the_full_text_of_what_a_stopped_one_stored(
    harbour: Harbour, cache: Path
) -> None:
    path = cache
    stopped = stopped_update(path, StopsAfter())
    assert isinstance(stopped, RefreshSummary)
    assert stopped.cancelled and stopped.new_stories == STORIES
    assert harbour.pages == []  # stopped before any article was asked for

    # The feed has nothing new now; the stories the stopped refresh stored get their text.
    done = update(path)
    assert done.new_stories == 0
    assert sorted(harbour.pages) == ["0", "1", "2"]
    assert sorted(with_full_text(path, harbour)) == ["0", "1", "2"]
    with Store(path) as store:
        assert sorted(done.earlier_story_ids) == sorted(s.id for s in store.stories(limit=10))

    # That refresh ended: the one after it has nothing left over to fetch.
    again = update(path)
    assert again.earlier_story_ids == [] and sorted(harbour.pages) == ["0", "1", "2"]


def test_full_text_stopped_half_way_is_finished_by_the_next_refresh(
    harbour: Harbour, cache: Path
) -> None:
    path = cache
    harbour.held.clear()
    try:
        stopped = stopped_update(path, StopsAfter(pages=1))
    finally:
        harbour.held.set()
    assert isinstance(stopped, RefreshSummary)
    assert not stopped.cancelled and stopped.new_stories == STORIES  # the refresh ended
    first = harbour.pages[0]
    assert with_full_text(path, harbour) == [first]  # stopped while the second was on its way

    update(path)
    assert sorted(with_full_text(path, harbour)) == ["0", "1", "2"]
    assert harbour.pages.count(first) == 1  # the article already fetched is not asked again


def test_newsterm_refresh_says_where_the_stories_whose_text_it_fetched_came_from(
    cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped_update(cache, StopsAfter())
    done = newsterm(capsys, tmp_path, "refresh")
    assert done.code == 0, done.err
    # Not new to this refresh, and not passed off as such; their full text fetched.
    assert "· 0 new stories · 3 more owed their full text (cut short earlier)\n" in done.out
    assert "\nfull text: 3 extracted, 0 from the feed, 0 already cached" in done.out


def test_refresh_no_full_text_leaves_a_cut_short_refreshs_text_to_a_later_one(
    harbour: Harbour, cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped_update(cache, StopsAfter())
    skipped = newsterm(capsys, tmp_path, "refresh", "--no-full-text")
    assert skipped.code == 0, skipped.err
    assert "· 0 new stories\n" in skipped.out  # nothing fetched, so nothing said apart
    assert "full text: not fetched (--no-full-text): the next refresh fetches it for 3 " in (
        skipped.out
    )
    assert harbour.pages == []

    done = newsterm(capsys, tmp_path, "refresh")
    assert "· 0 new stories · 3 more owed their full text (cut short earlier)\n" in done.out
    assert "\nfull text: 3 extracted, 0 from the feed, 0 already cached" in done.out


def test_the_stories_a_refresh_no_full_text_brings_get_theirs_from_the_next(
    harbour: Harbour, cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    skipped = newsterm(capsys, tmp_path, "refresh", "--no-full-text")
    assert "· 3 new stories\n" in skipped.out
    assert "the next refresh fetches it for 3 stories\n" in skipped.out
    assert harbour.pages == []
    done = newsterm(capsys, tmp_path, "refresh")
    # That refresh ran to its end and left the text as told: nothing was cut short.
    assert "· 0 new stories · 3 more owed their full text (left by --no-full-text)\n" in (done.out)
    assert "cut short" not in done.out
    assert sorted(with_full_text(cache, harbour)) == ["0", "1", "2"]


def test_refresh_no_full_text_again_and_again_leaves_a_row_only_for_what_it_owes(
    harbour: Harbour, cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from cron for a year (35,000 runs), each run with nothing new left a row of its
    own in the cache that nothing ever removed, read by every update after it."""
    for _ in range(4):
        assert newsterm(capsys, tmp_path, "refresh", "--no-full-text").code == 0
    with sqlite3.connect(cache) as conn:
        assert conn.execute("SELECT count(*) FROM updates").fetchone() == (1,)  # the first's
    conn.close()
    done = newsterm(capsys, tmp_path, "refresh")
    assert "· 0 new stories · 3 more owed their full text (left by --no-full-text)" in done.out
    assert sorted(with_full_text(cache, harbour)) == ["0", "1", "2"]


def test_the_words_for_stories_owed_by_earlier_updates_say_which_kind() -> None:
    """Both kinds at once (a refresh cut short, then one told --no-full-text that stored
    stories of its own) are counted apart."""
    assert owed_words(3, 0) == "3 more owed their full text (cut short earlier)"
    assert owed_words(3, 3) == "3 more owed their full text (left by --no-full-text)"
    assert owed_words(1_205, 5) == (
        "1,205 more owed their full text (1,200 cut short earlier, 5 left by --no-full-text)"
    )
