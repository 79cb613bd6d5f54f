"""`newsterm mark` without sync: the cache changes; bad input is one line and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.fetches import record_fetch
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.storage import Store


def _fill(data_dir: Path) -> list[int]:
    with Store(data_dir / "newsterm.db") as store:
        feed = store.add_feed("http://127.0.0.1:1/f.xml", title="F")
        entries = tuple(ParsedEntry(key=f"k{n}", title=f"story {n}") for n in range(3))
        record_fetch(store, feed.id, *entries, at=1.0)
        by_title = {s.title: s.id for s in store.stories(StoryFilter())}
        return [by_title[f"story {n}"] for n in range(3)]


def _state(data_dir: Path) -> dict[str, tuple[bool, bool]]:
    with Store(data_dir / "newsterm.db") as store:
        return {s.title: (s.read, s.starred) for s in store.stories(StoryFilter())}


def test_mark_stories_and_a_whole_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _fill(tmp_path)
    run = newsterm(capsys, tmp_path, "mark", str(ids[0]), str(ids[1]), "--read", "--star")
    assert run.code == 0 and run.out == "marked 2 stories read and starred\n"
    assert newsterm(capsys, tmp_path, "mark", str(ids[1]), "--unstar").code == 0
    assert _state(tmp_path) == {
        "story 0": (True, True),
        "story 1": (True, False),
        "story 2": (False, False),
    }
    run = newsterm(capsys, tmp_path, "mark", "--feed", "http://127.0.0.1:1/f.xml", "--read")
    assert run.code == 0 and "marked 1 stories of F read" in run.out
    assert all(read for read, _ in _state(tmp_path).values())


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["999", "--read"], 2, "no story with id '999'"),
        (["x1", "--star"], 2, "no story with id 'x1'"),
        (["--feed", "http://127.0.0.1:1/none.xml", "--read"], 2, "no subscription matches"),
        (["1"], 2, "say what to do"),
        (["1", "--read", "--unread"], 2, "contradict"),
    ],
)
def test_bad_input_is_one_line_and_marks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, says: str
) -> None:
    ids = _fill(tmp_path)
    before = _state(tmp_path)
    run = newsterm(
        capsys, tmp_path, "mark", *[a.replace("1", str(ids[0])) if a == "1" else a for a in args]
    )
    assert run.code == code and says in run.err and run.err.count("\n") == 1
    assert _state(tmp_path) == before
