"""`newsterm export` then `newsterm import` keeps each feed's --full-text choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.cli.helpers import newsterm
from tui_news.core.storage import Store

SETTINGS = {
    "https://follow.example/rss": None,
    "https://always.example/rss": True,
    "https://never.example/rss": False,
}


def full_text_by_url(capsys: pytest.CaptureFixture[str], data: Path) -> dict[str, bool | None]:
    return {f["url"]: f["full_text"] for f in newsterm(capsys, data, "feeds", "--json").json()}


def test_export_import_keeps_every_feeds_full_text_choice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    urls = tmp_path / "urls"
    urls.write_text("".join(f"{url} news\n" for url in SETTINGS))
    assert newsterm(capsys, first, "import", str(urls)).code == 0
    with Store(first / "newsterm.db") as store:
        for feed in store.feeds():
            if SETTINGS[feed.url] is not None:
                store.update_feed_settings(feed.id, full_text=SETTINGS[feed.url])
    exported = tmp_path / "out.opml"
    assert newsterm(capsys, first, "export", str(exported)).code == 0
    assert etree.parse(str(exported)).getroot().get("version") == "2.0"
    run = newsterm(capsys, second, "import", str(exported))
    assert (run.code, run.err, run.out) == (0, "", "imported 3 feeds\n")
    assert full_text_by_url(capsys, second) == SETTINGS


def test_a_bogus_full_text_value_is_reported_and_the_feed_still_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    opml = tmp_path / "odd.opml"
    opml.write_text(
        '<opml version="2.0" xmlns:newsterm="https://newsterm.invalid/opml"><body>\n'
        '<outline text="Odd" xmlUrl="https://odd.example/rss" newsterm:fullText="maybe"/>\n'
        "</body></opml>\n"
    )
    run = newsterm(capsys, tmp_path / "data", "import", str(opml))
    assert run.code == 0 and run.out == "imported 1 feed\n"
    assert "newsterm:fullText" in run.err and "'maybe'" in run.err
    assert full_text_by_url(capsys, tmp_path / "data") == {"https://odd.example/rss": None}
