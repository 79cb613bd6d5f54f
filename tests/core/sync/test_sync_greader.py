"""`newsterm sync`, `mark`, `add`, `remove` and `import` with a Google Reader server (the fake)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import opml, serve_feeds
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.test_sync_fever import stories, story_id
from tui_news.core.storage import Store


def configure(data_dir: Path, server: FakeGReader) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text(
        f'[sync]\nservice = "greader"\nurl = "{server.url}"\nuser = "{server.user}"\n'
        # The password from a command, as newsboat's *-passwordeval.
        f"password_command = \"printf '%s\\\\n' {server.password}\"\n"
    )


@pytest.mark.parametrize("numeric_ids", [False, True])
def test_sync_both_ways_with_labels_as_tags(
    numeric_ids: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = FakeGReader(numeric_ids=numeric_ids, max_page=5).start()
    try:
        tech = server.add_feed("http://127.0.0.1:1/tech.xml", "Tech", ["Work"])
        ids = [
            server.add_item(
                tech, f"tech {n}", html=f"<p>text {n}</p>", url=f"http://127.0.0.1:1/t/{n}"
            )
            for n in range(12)
        ]
        laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
        configure(laptop, server)
        configure(desktop, server)
        run = newsterm(capsys, laptop, "sync")
        assert run.code == 0, run.err
        assert (
            "synced with Google Reader: 1 feed (1 new, 0 removed)" in run.out
            and "12 new stories" in run.out
        )
        with Store(laptop / "newsterm.db") as store:
            [feed] = store.feeds()
            assert (feed.title, feed.tags) == ("Tech", ("Work",))
        server.items[int(ids[0])].read = True  # read on another machine
        story = str(story_id(laptop, "tech 5"))
        assert newsterm(capsys, laptop, "mark", story, "--read", "--star").code == 0
        assert newsterm(capsys, laptop, "sync").code == 0
        assert stories(laptop)["tech 0"] == (True, False)
        assert ids[5] not in server.unread() and server.starred() == {ids[5]}
        assert newsterm(capsys, desktop, "sync").code == 0
        assert stories(desktop) == stories(laptop)
    finally:
        server.stop()


def test_mark_all_read_of_a_tag_spares_later_items(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = fake_greader.add_feed("http://127.0.0.1:1/n.xml", "N", ["News"])
    for n in range(3):
        fake_greader.add_item(feed, f"n {n}")
    configure(tmp_path, fake_greader)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    with Store(tmp_path / "newsterm.db") as store:
        from tui_news.core.models import StoryFilter

        pressed = time.time()
        time.sleep(0.01)
        late = fake_greader.add_item(feed, "late")  # reaches the server after the press
        assert store.mark_view_read(StoryFilter(tag="News"), pressed=pressed) == 3
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert fake_greader.unread() == {late}
    assert stories(tmp_path) == {
        "n 0": (True, False),
        "n 1": (True, False),
        "n 2": (True, False),
        "late": (False, False),
    }


def test_subscriptions_are_changed_on_the_server(
    fake_greader: FakeGReader,
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = serve_feeds(httpserver, "one", "two", "three")
    configure(tmp_path, fake_greader)
    run = newsterm(capsys, tmp_path, "add", f"{base}/one.xml", "--tag", "Mine")
    assert run.code == 0, run.err
    assert [(f.url, f.labels) for f in fake_greader.feeds.values()] == [
        (f"{base}/one.xml", ["Mine"])
    ]
    assert "one story" in stories(tmp_path)
    listing = tmp_path / "subs.opml"
    listing.write_text(opml([("Two", f"{base}/two.xml", "T"), ("Three", f"{base}/three.xml", "")]))
    assert newsterm(capsys, tmp_path, "import", str(listing)).code == 0
    assert len(fake_greader.feeds) == 3
    assert set(stories(tmp_path)) == {"one story", "two story", "three story"}
    assert newsterm(capsys, tmp_path, "remove", f"{base}/one.xml").code == 0
    assert len(fake_greader.feeds) == 2
    assert set(stories(tmp_path)) == {"two story", "three story"}


def story_page(httpserver: HTTPServer, title: str, sentence: str) -> str:
    """Serve a story's article page, eight paragraphs of `sentence`; return its URL."""
    body = "".join(f"<p>Paragraph {n} {sentence}</p>" for n in range(8))
    httpserver.expect_request("/story").respond_with_data(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>",
        content_type="text/html",
    )
    return httpserver.url_for("/story")


def test_a_sync_fetches_the_full_text_of_the_stories_it_brings(
    fake_greader: FakeGReader,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    httpserver: HTTPServer,
) -> None:
    """The server fetched the feed, but the article is the story's page: read here, so
    that a word only the page holds is found, and the story reads offline."""
    page = story_page(httpserver, "Quillwort", "about the harbour's quillwort survey.")
    feed = fake_greader.add_feed(httpserver.url_for("/feed.xml"), "Harbour")
    fake_greader.add_item(feed, "Harbour news", html="<p>teaser</p>", url=page)
    configure(tmp_path, fake_greader)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "full text: 1 extracted" in run.out
    found = newsterm(capsys, tmp_path, "stories", "--search", "quillwort")
    assert "Harbour news" in found.out


def test_refresh_full_text_is_honoured_under_sync(
    fake_greader: FakeGReader,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    httpserver: HTTPServer,
) -> None:
    """`refresh --full-text` asks every new story's article even when the config says
    not to, as it does without [sync]; `--no-full-text` asks none."""
    page = story_page(httpserver, "Eelgrass", "on the estuary's eelgrass census.")
    feed = fake_greader.add_feed(httpserver.url_for("/feed.xml"), "Estuary")
    fake_greader.add_item(feed, "Estuary news", html="<p>teaser</p>", url=page)
    configure(tmp_path, fake_greader)
    config = tmp_path / "config.toml"
    config.write_text("full_text_prefetch = false\n" + config.read_text())
    run = newsterm(capsys, tmp_path, "refresh", "--full-text")
    assert run.code == 0, run.err
    assert "full text: 1 extracted" in run.out
    found = newsterm(capsys, tmp_path, "stories", "--search", "eelgrass")
    assert "Estuary news" in found.out
    fake_greader.add_item(feed, "More news", html="<p>t</p>", url=page)
    quiet = newsterm(capsys, tmp_path, "refresh", "--no-full-text")
    assert quiet.code == 0 and "full text" not in quiet.out


def test_refresh_of_named_feeds_under_sync_says_it_syncs_everything(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = fake_greader.add_feed("http://127.0.0.1:1/tech.xml", "Tech")
    fake_greader.add_item(feed, "tech 1", html="<p>t</p>", url="http://127.0.0.1:1/t/1")
    configure(tmp_path, fake_greader)
    # The server has no "this feed only": --feed was dropped without a word.
    run = newsterm(capsys, tmp_path, "refresh", "--feed", "no-such-feed", "--no-full-text")
    assert run.code == 0, run.err
    assert run.out.startswith("synced with Google Reader: 1 feed (1 new, 0 removed) · ")
    assert "· 1 new story · 0 changes sent · 0 stories changed there" in run.out
    assert "--feed is not used with [sync]" in run.err
