"""`newsterm refresh`: summary, failure reasons, exit codes, --feed, defaults, --full-text."""

from __future__ import annotations

import io
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.documents import rss
from tests.hostile.server import LocalServer
from tui_news.cli.update_lines import RefreshProgress
from tui_news.core.models import Story
from tui_news.core.refresh.outcomes import FeedOutcome, OutcomeStatus
from tui_news.core.storage import Store
from tui_news.entry import main


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        for i in range(3):
            running.feeds[f"/feed{i}.xml"] = rss(f"Feed {i}", 10 + i, prefix=f"f{i}")
        yield running


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    # The test feeds link to example.test: no article is fetched unless a test asks.
    (tmp_path / "config.toml").write_text(
        "timeout_seconds = 2\nfull_text_prefetch = false\n", encoding="utf-8"
    )
    return tmp_path


def subscribe(data_dir: Path, server: LocalServer, *paths: str) -> None:
    with Store(data_dir / "newsterm.db") as store:
        for path in paths:
            store.add_feed(server.url(path))


def refresh(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "refresh", *args])


def test_summary_and_exit_zero_when_all_fine(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(data_dir, server, "/feed0.xml", "/feed1.xml", "/feed2.xml")
    assert refresh(data_dir) == 0
    out, err = capsys.readouterr()
    assert out == "3 feeds: 3 ok, 0 not modified, 0 failed · 33 new stories\n"
    assert err == ""  # not a terminal: no progress line
    assert refresh(data_dir) == 0
    assert capsys.readouterr().out == "3 feeds: 0 ok, 3 not modified, 0 failed · 0 new stories\n"


def test_failures_exit_one_with_reasons_on_stderr(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(data_dir, server, "/feed0.xml", "/not-found", "/html")
    assert refresh(data_dir) == 1
    out, err = capsys.readouterr()
    assert out == "3 feeds: 1 ok, 0 not modified, 2 failed · 10 new stories\n"
    assert f"newsterm: {server.url('/not-found')}: HTTP 404 Not Found\n" in err
    assert f"newsterm: {server.url('/html')}: not a feed:" in err


def test_a_feed_that_renames_its_guids_on_every_fetch_adds_nothing_twice(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = rss("Spinning", 5, prefix="spin")
    server.feeds["/spin.xml"] = feed
    subscribe(data_dir, server, "/spin.xml")
    assert refresh(data_dir) == 0
    for fetch in range(2):  # the same stories, each under a guid made up for this fetch
        server.feeds["/spin.xml"] = feed.replace(b"<guid>spin-", f"<guid>f{fetch}-".encode())
        assert refresh(data_dir) == 0
    assert capsys.readouterr().out.endswith(" failed · 0 new stories\n")
    with Store(data_dir / "newsterm.db") as store:
        assert len(store.story_ids()) == 5


def test_feed_option_selects_by_url_or_id(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(data_dir, server, "/feed0.xml", "/feed1.xml", "/feed2.xml")
    assert refresh(data_dir, "--feed", server.url("/feed1.xml"), "--feed", "3") == 0
    assert capsys.readouterr().out.startswith("2 feeds: 2 ok")
    assert server.hits.get("/feed0.xml") is None
    assert refresh(data_dir, "--feed", "http://127.0.0.1:9/unknown.xml") == 2
    assert "no subscription matches" in capsys.readouterr().err


def test_an_empty_store_is_told_how_to_subscribe_and_nothing_is_subscribed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert refresh(data_dir) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("newsterm: no subscriptions yet: nothing to refresh.")
    assert "newsterm add URL" in err and "newsterm import FILE" in err and err.count("\n") == 1
    with Store(data_dir / "newsterm.db") as store:
        assert store.feed_count() == 0


def test_no_network_is_one_line_not_one_per_feed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(data_dir / "newsterm.db") as store:
        # Nothing listens on port 9 of the loopback: every connection is refused.
        for i in range(4):
            store.add_feed(f"http://127.0.0.{i + 1}:9/feed.xml")
    assert refresh(data_dir) == 1
    out, err = capsys.readouterr()
    assert out == "4 feeds: 0 ok, 0 not modified, 4 failed · 0 new stories\n"
    assert err == (
        "newsterm: no network: no feed could be reached (every server name or connection failed)\n"
    )


def test_feeds_all_on_one_server_that_is_down_name_it_rather_than_the_network(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One self-hosted server (an RSS bridge, a home server) refusing its connections is
    that server's trouble, not the network's: the reason is the server's refusal."""
    with Store(data_dir / "newsterm.db") as store:
        for name in ("a", "b", "c"):
            store.add_feed(f"http://127.0.0.1:9/{name}.xml")
    assert refresh(data_dir) == 1
    err = capsys.readouterr().err
    assert "no network" not in err
    assert "newsterm: http://127.0.0.1:9/a.xml: connection refused by 127.0.0.1\n" in err


def test_one_unreachable_feed_among_working_ones_is_named(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(data_dir, server, "/feed0.xml")
    with Store(data_dir / "newsterm.db") as store:
        store.add_feed("http://127.0.0.1:9/feed.xml")
    assert refresh(data_dir) == 1
    err = capsys.readouterr().err
    assert "no network" not in err
    assert "newsterm: http://127.0.0.1:9/feed.xml: connection refused by 127.0.0.1\n" in err


@pytest.fixture
def prefetched(monkeypatch: pytest.MonkeyPatch) -> list[Story]:
    """Stories handed to the article reader's prefetch (a recording stand-in)."""
    handed: list[Story] = []

    class ArticleReader:
        def __init__(self, store: Store, limits: object, **options: object) -> None:
            self.store = store

        async def prefetch(self, stories: list[Story], **options: object) -> str:
            handed.extend(stories)
            return f"{len(stories)} extracted"

    module = types.ModuleType("tui_news.reader.service")
    module.ArticleReader = ArticleReader  # type: ignore[attr-defined]
    module.ReadError = Exception  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui_news.reader.service", module)
    return handed


def test_full_text_prefetches_the_new_stories(
    data_dir: Path,
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
    prefetched: list[Story],
) -> None:
    subscribe(data_dir, server, "/feed0.xml")
    assert refresh(data_dir, "--full-text") == 0
    assert sorted(s.key for s in prefetched) == sorted(f"f0-{i}" for i in range(10))
    assert capsys.readouterr().out.endswith("· 10 new stories\nfull text: 10 extracted\n")
    prefetched.clear()
    assert refresh(data_dir, "--full-text") == 0  # nothing new, nothing to fetch
    assert prefetched == []


def test_feed_setting_beats_the_config_default(
    data_dir: Path, server: LocalServer, prefetched: list[Story]
) -> None:
    subscribe(data_dir, server, "/feed0.xml", "/feed1.xml", "/feed2.xml")
    with Store(data_dir / "newsterm.db") as store:
        store.update_feed_settings(1, full_text=True)
        store.update_feed_settings(3, full_text=False)
    assert refresh(data_dir) == 0  # config default off here: only feed 1 asked for it
    assert {s.feed_id for s in prefetched} == {1}
    prefetched.clear()

    (data_dir / "config.toml").write_text("", encoding="utf-8")  # the default: on
    server.feeds["/feed1.xml"] = rss("Feed 1", 14, prefix="f1")
    server.feeds["/feed2.xml"] = rss("Feed 2", 15, prefix="f2")
    assert refresh(data_dir) == 0  # default on, but feed 3 said never
    assert {s.feed_id for s in prefetched} == {2}
    assert len(prefetched) == 3


def test_no_full_text_turns_it_off_for_one_refresh(
    data_dir: Path, server: LocalServer, prefetched: list[Story]
) -> None:
    subscribe(data_dir, server, "/feed0.xml")
    with Store(data_dir / "newsterm.db") as store:
        store.update_feed_settings(1, full_text=True)
    assert refresh(data_dir, "--no-full-text") == 0
    assert prefetched == []


def test_at_most_full_text_per_feed_newest_stories_of_each_feed(
    data_dir: Path, server: LocalServer, prefetched: list[Story]
) -> None:
    (data_dir / "config.toml").write_text("full_text_per_feed = 4\n", encoding="utf-8")
    subscribe(data_dir, server, "/feed0.xml", "/feed1.xml")
    assert refresh(data_dir) == 0
    keys = sorted(story.key for story in prefetched)
    # rss() dates story i at i minutes: the newest are the highest numbers.
    assert keys == sorted([f"f0-{i}" for i in range(6, 10)] + [f"f1-{i}" for i in range(7, 11)])


def test_progress_line_is_rewritten_in_place() -> None:
    stream = io.StringIO()
    progress = RefreshProgress(stream)
    for position, status in enumerate([OutcomeStatus.OK, OutcomeStatus.FAILED], start=1):
        progress(FeedOutcome(1, "u", "t", status, position=position, total=200))
    progress.clear()
    assert stream.getvalue() == (
        "\r\x1b[Krefreshing 1/200\r\x1b[Krefreshing 2/200 · 1 failed\r\x1b[K"
    )


ARTICLE = (
    "<html><head><title>Local story</title></head><body><article><h1>Local story</h1>"
    + "".join(
        f"<p>Paragraph {i} of a story served from the test machine, long enough that the "
        "extractor treats it as the body of an article rather than boilerplate.</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)


def test_full_text_caches_articles_with_the_real_reader(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from aiohttp import web

    from tui_news.reader.service import ArticleReader

    async def article(request: web.Request) -> web.Response:
        return web.Response(text=ARTICLE, content_type="text/html")

    server.routes["/story"] = article
    link = server.url("/story")
    server.feeds["/local.xml"] = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        f"<item><title>Local story</title><link>{link}</link><guid>local-1</guid></item>"
        "</channel></rss>"
    ).encode()
    subscribe(data_dir, server, "/local.xml")
    assert refresh(data_dir, "--full-text") == 0
    assert "full text: 1 extracted" in capsys.readouterr().out
    with Store(data_dir / "newsterm.db") as store:
        cached = ArticleReader(store).cached(link)
    assert cached is not None and "Paragraph 7" in cached.text


def test_a_feed_whose_server_asked_to_wait_is_skipped_unless_named(
    data_dir: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    from tui_news.core.refresh import schedule

    subscribe(data_dir, server, "/feed0.xml")
    with Store(data_dir / "newsterm.db") as store:
        message = "HTTP 429 Too Many Requests" + schedule.retry_after_note(3600)
        store.record_error(1, message, checked_at=time.time(), next_due=time.time() + 3600)
    assert refresh(data_dir) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("1 feed: 0 ok, 0 not modified, 0 failed, 1 skipped")
    assert server.hits.get("/feed0.xml") is None
    assert refresh(data_dir, "--feed", "1") == 0
    out, err = capsys.readouterr()
    assert out.startswith("1 feed: 1 ok, 0 not modified, 0 failed")
    assert "asked although the server had asked us to wait 60 min more" in err
    assert server.hits.get("/feed0.xml") == 1
