"""The issue's promise, from the shell: after a plain `newsterm refresh` on the default
configuration, a word only an article's page holds is found by `stories --search`, and
the article reads offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.cli.helpers import newsterm
from tests.hostile.server import LocalServer

WORDS = ("sandpiper", "kittiwake", "guillemot")


def article(title: str, word: str) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of {title}: the harbour report goes on long enough to be an "
        f"article, and the {word} is named here and nowhere in the feed.</p>"
        for i in range(8)
    )
    return f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article>"


@pytest.fixture
def site() -> Iterator[LocalServer]:
    server = LocalServer()
    for n, word in enumerate(WORDS):
        page = article(f"Story {n}", word)

        async def handler(request: web.Request, page: str = page) -> web.Response:
            return web.Response(text=page, content_type="text/html")

        server.routes[f"/story/{n}"] = handler
    with server:
        items = "".join(
            f"<item><title>Story {n}</title><link>{server.url(f'/story/{n}')}</link>"
            f"<guid>s{n}</guid><description>A short teaser.</description></item>"
            for n in range(len(WORDS))
        )
        server.feeds["/feed.xml"] = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
            f"{items}</channel></rss>"
        ).encode()
        yield server


def test_refresh_then_search_finds_article_words_and_reads_offline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: LocalServer
) -> None:
    data = tmp_path / "data"
    urls = tmp_path / "urls"  # a newsboat urls file: subscribed, not yet fetched
    urls.write_text(site.url("/feed.xml") + "\n", encoding="utf-8")
    assert newsterm(capsys, data, "import", str(urls)).code == 0
    run = newsterm(capsys, data, "refresh")
    assert run.code == 0 and "full text: 3 extracted" in run.out

    found = newsterm(capsys, data, "stories", "--search", "sandpiper", "--json")
    assert found.code == 0 and [story["title"] for story in found.json()] == ["Story 0"]
    line = newsterm(capsys, data, "stories", "--search", "kittiwa")  # a prefix, as in the app
    assert line.code == 0 and line.out.count("\n") == 1 and "Harbour: Story 1" in line.out
    # With the other filters.
    assert len(newsterm(capsys, data, "stories", "--search", "harbour", "--json").json()) == 3
    both = newsterm(capsys, data, "stories", "--search", "harbour guillemot", "--json")
    assert [story["title"] for story in both.json()] == ["Story 2"]
    assert newsterm(capsys, data, "stories", "--search", "harbour", "--starred").out == ""
    assert newsterm(capsys, data, "stories", "--search", "sandpiper", "--feed", "1").out != ""
    assert newsterm(capsys, data, "stories", "--search", "sandpiper", "--unread").out != ""

    url = site.url("/story/0")
    site.stop()  # offline from here on
    read = newsterm(capsys, data, "read", url)
    assert read.code == 0 and "sandpiper" in read.out


def test_add_fetches_the_full_text_of_the_stories_it_brings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: LocalServer
) -> None:
    run = newsterm(capsys, tmp_path, "add", site.url("/feed.xml"))
    assert run.code == 0 and run.out.endswith(
        "full text: 3 extracted, 0 from the feed, 0 already cached, 0 failed (of 3)\n"
    )
    assert len(newsterm(capsys, tmp_path, "stories", "--search", "guillemot", "--json").json()) == 1
    other = tmp_path / "other"
    run = newsterm(capsys, other, "add", site.url("/feed.xml"), "--no-full-text")
    assert run.code == 0 and "full text" not in run.out


def test_a_search_with_no_words_is_one_line_and_exit_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for query in ("!!", "", "  "):
        run = newsterm(capsys, tmp_path, "stories", "--search", query)
        assert run.code == 1 and run.out == ""
        assert run.err.startswith("newsterm: stories: nothing to search for in")
        assert run.err.count("\n") == 1


def test_a_search_that_matches_nothing_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: LocalServer
) -> None:
    assert newsterm(capsys, tmp_path, "add", site.url("/feed.xml")).code == 0
    run = newsterm(capsys, tmp_path, "stories", "--search", "albatross")
    assert run.code == 0 and run.out == ""
    assert run.err == "newsterm: no cached story matches 'albatross'\n"
    assert newsterm(capsys, tmp_path, "stories", "--search", "albatross", "--json").json() == []
