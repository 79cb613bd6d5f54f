"""`newsterm stories`: filters, order, JSON shape, and markup printed as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.storage import Store

STORY_KEYS = {"id", "feed", "feed_id", "title", "url", "author", "published", "read"}
JAN_1 = 1704067200.0  # 2024-01-01T00:00:00Z


def entry(key: str, title: str, published: float | None, summary: str = "") -> ParsedEntry:
    return ParsedEntry(
        key=key,
        url=f"https://news.example/{key}",
        title=title,
        author="Reporter",
        published=published,
        summary=summary,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Two feeds: World (tag world, 3 stories) and Tech (tag tech, 1 story)."""
    directory = tmp_path / "data"
    directory.mkdir()
    with Store(directory / "newsterm.db") as store:
        world = store.add_feed("https://world.example/rss", title="World", tags=["world"])
        tech = store.add_feed("https://tech.example/rss", title="Tech", tags=["tech"])
        world_entries = (
            entry("w1", "Oldest world story", JAN_1),
            entry(
                "w2",
                "[bold red]Not markup[/] & <b>not html</b>",
                JAN_1 + 3600,
                "<p>Rain &amp; <b>wind</b> expected</p>",
            ),
            entry("w3", "Undated story", None),
        )
        for feed_id, title, entries in (
            (world.id, "World", world_entries),
            (tech.id, "Tech", (entry("t1", "Tech story", JAN_1 + 7200),)),
        ):
            record_fetch(store, feed_id, *entries, at=JAN_1 + 86400, title=title)
        first = store.stories(StoryFilter(feed_id=world.id))[-1]
        store.set_read([first.id])
        store.set_starred(first.id, True)
    return directory


def titles(run_json: list[dict]) -> list[str]:
    return [story["title"] for story in run_json]


def test_json_is_newest_first_with_every_field(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "stories", "--json")
    stories = run.json()
    assert run.code == 0 and len(stories) == 4
    # An undated story sorts by when it was first seen (a day later than the rest).
    assert titles(stories)[0] == "Undated story" and stories[0]["published"] is None
    assert titles(stories)[1:] == [
        "Tech story",
        "[bold red]Not markup[/] & <b>not html</b>",
        "Oldest world story",
    ]
    oldest = stories[-1]
    assert STORY_KEYS | {"starred", "summary", "hidden"} == set(oldest)
    assert oldest["hidden"] is False
    assert oldest["published"] == "2024-01-01T00:00:00Z"
    assert (oldest["read"], oldest["starred"], oldest["feed"]) == (True, True, "World")
    assert stories[2]["summary"] == "Rain & wind expected"


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["--unread"],
            ["Undated story", "Tech story", "[bold red]Not markup[/] & <b>not html</b>"],
        ),
        (["--starred"], ["Oldest world story"]),
        (["--tag", "tech"], ["Tech story"]),
        (["--feed", "https://tech.example/rss"], ["Tech story"]),
        (["--limit", "2"], ["Undated story", "Tech story"]),
        (["--tag", "world", "--unread", "--limit", "1"], ["Undated story"]),
    ],
)
def test_filters(
    capsys: pytest.CaptureFixture[str], data: Path, args: list[str], expected: list[str]
) -> None:
    assert titles(newsterm(capsys, data, "stories", "--json", *args).json()) == expected


def test_feed_by_id(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    feeds = newsterm(capsys, data, "feeds", "--json").json()
    tech = next(f for f in feeds if f["title"] == "Tech")
    stories = newsterm(capsys, data, "stories", "--json", "--feed", str(tech["id"])).json()
    assert titles(stories) == ["Tech story"]


def test_lines_for_humans_show_marks_and_literal_markup(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "stories")
    lines = run.out.splitlines()
    assert run.code == 0 and len(lines) == 4
    assert "World: [bold red]Not markup[/] & <b>not html</b>" in lines[2]
    assert "●" in lines[2] and "★" not in lines[2]
    assert "★" in lines[3] and "●" not in lines[3]


def test_unknown_feed_and_bad_limit_are_usage_errors(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    unknown = newsterm(capsys, data, "stories", "--feed", "https://nowhere.example/")
    assert unknown.code == 2 and "no subscription matches" in unknown.err
    bad = newsterm(capsys, data, "stories", "--limit", "-1")
    assert bad.code == 2 and "must be 0 (no limit) or more" in bad.err


def test_an_empty_store_stays_empty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run = newsterm(capsys, tmp_path, "stories")
    assert run.code == 0 and run.out == "" and "no subscriptions yet" in run.err
    assert newsterm(capsys, tmp_path, "stories", "--json").json() == []
    with Store(tmp_path / "newsterm.db") as store:
        assert store.feed_count() == 0


def test_a_search_that_begins_with_a_dash_says_how_to_write_it(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    run = newsterm(capsys, data, "stories", "--search", "-apple")
    assert run.code == 2
    hint = "argument --search: expected one argument (for a value that begins with '-', write "
    assert run.err.splitlines()[-1].endswith(hint + "--search=-apple)")
    written = newsterm(capsys, data, "stories", "--json", "--search=-tech")
    assert written.code == 0, written.err
    # A query forgotten before another option: no hint that would search for "--json".
    forgotten = newsterm(capsys, data, "stories", "--search", "--json")
    assert forgotten.code == 2 and forgotten.err.splitlines()[-1].endswith("expected one argument")
