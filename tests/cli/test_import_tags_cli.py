"""`newsterm import` into a store that already has some of the file's feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm

OPML = """<?xml version="1.0"?>
<opml version="1.0"><body>
  <outline text="Tech">
    <outline text="Languages">
      <outline text="Py" xmlUrl="https://py.example/rss"/>
    </outline>
  </outline>
  <outline text="Other" xmlUrl="https://other.example/rss"/>
</body></opml>
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def tags_by_url(capsys: pytest.CaptureFixture[str], data: Path) -> dict[str, list[str]]:
    feeds = newsterm(capsys, data, "feeds", "--json").json()
    return {feed["url"]: sorted(feed["tags"]) for feed in feeds}


def test_opml_folders_are_merged_into_existing_subscriptions(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.urls"
    first.write_text("https://py.example/rss mine Tech\nhttps://other.example/rss\n")
    assert newsterm(capsys, data, "import", str(first)).code == 0
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML)
    run = newsterm(capsys, data, "import", str(opml))
    assert run.code == 0 and run.err == ""
    assert run.out == "imported 0 feeds (2 already subscribed, 1 of them given new tags)\n"
    assert tags_by_url(capsys, data) == {
        "https://py.example/rss": ["Languages", "Tech", "mine"],
        "https://other.example/rss": [],
    }


def test_newsboat_tags_are_merged_and_never_removed(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML)
    newsterm(capsys, data, "import", str(opml))
    urls = tmp_path / "urls"
    urls.write_text(
        "# newsboat\n"
        'https://py.example/rss Tech "snake case" "~Python"\n'
        "https://other.example/rss reading\n"
        "https://new.example/atom fresh\n"
    )
    run = newsterm(capsys, data, "import", str(urls))
    assert run.code == 0
    assert run.out == "imported 1 feed (2 already subscribed, 2 of them given new tags)\n"
    assert tags_by_url(capsys, data) == {
        "https://py.example/rss": ["Languages", "Tech", "snake case"],
        "https://other.example/rss": ["reading"],
        "https://new.example/atom": ["fresh"],
    }
    again = newsterm(capsys, data, "import", str(urls))
    assert again.out == "imported 0 feeds (3 already subscribed)\n"
