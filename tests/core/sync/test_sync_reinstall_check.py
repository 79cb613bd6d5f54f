"""What telling a reinstalled server costs and what it must not be fooled by.

A sync asks for the items under the highest ids linked here in its login request:
when they are the stories linked to them, nothing more is asked (before, every sync
asked for every unread id and then for 8 items, on top of its own calls). And a server
that edits its newest stories in place (a new headline and, with it, a new address,
as FreshRSS does when a feed changes an item under the same guid) is not a reinstalled
one: taken for one, the sync threw away every link, queued change and pruned id, and
joined the items anew by link, so each edited story came in twice and every story
pruned here came back."""

from __future__ import annotations

import time
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat, FeverAccount, opml
from tests.core.sync.fake_greader import FakeGReader
from tests.core.sync.fake_greader_api import FakeItem
from tests.core.sync.test_sync_fever import configure, stories, story_id
from tests.core.sync.test_sync_greader import configure as configure_greader
from tests.core.sync.test_sync_mark_refused import proxied_feed
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store

DAY = 86_400.0
BODY = (
    "The council met on Tuesday evening to discuss the new budget for the harbour, "
    "the library and the three schools of the district, and voted on story {n}."
)


def test_a_sync_with_nothing_changed_there_asks_no_more_for_the_check(
    coldsweat: Coldsweat, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = proxied_feed(coldsweat, httpserver, "cheap", 12, tmp_path, capsys)
    assert (
        newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "cheap 3")), "--read").code == 0
    )
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0 and "1 change sent" in run.out, run.out + run.err
    asked = [query.split("&")[1] if "&" in query else "" for query in proxy.asked]
    # The login is the check: the newest linked items, in one request.
    assert proxy.asked[0].startswith("api&items&with_ids=")
    assert asked.count("unread_item_ids") == 1  # the state's, no longer the check's too
    assert asked.count("items") == 2  # the login's, and the new items' page
    assert len(proxy.asked) == 7, proxy.asked  # was 9
    assert stories(tmp_path)["cheap 3"] == (True, False)


def test_stories_the_server_edited_in_place_are_not_a_reinstalled_server(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/council.xml", "Council")
    fake_greader.add_item(
        feed, "old story", url="http://127.0.0.1:1/old", published=int(now - 40 * DAY)
    )
    ids = [
        fake_greader.add_item(
            feed,
            f"Story {n}: first headline",
            url=f"http://127.0.0.1:1/{n}-first-headline",
            html=f"<p>{BODY.format(n=n)}</p>",
            published=int(now - 600 + n),
        )
        for n in range(10)
    ]
    configure_greader(tmp_path, fake_greader)
    assert "11 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert newsterm(capsys, tmp_path, "vacuum", "--older-than", "30").code == 0
    # The six newest rewritten: a new headline at a new address, a word of the text.
    with fake_greader.lock:
        for n, item_id in enumerate(ids[4:], start=4):
            item = fake_greader.items[int(item_id)]
            fake_greader.items[int(item_id)] = replace(
                item,
                title=f"Story {n}: better headline",
                url=f"http://127.0.0.1:1/{n}-better-headline",
                html=item.html.replace("Tuesday", "Wednesday"),
            )
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "· 0 new stories" in run.out, run.out
    assert sorted(stories(tmp_path)) == sorted(f"Story {n}: first headline" for n in range(10))


def test_an_unread_or_unstar_mark_queued_at_a_reinstall_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.core.sync.test_sync_server_reinstalled import reinstalled

    def before(data: Path) -> None:
        # Starred and read on the old install, then unstarred and made unread here.
        for title in ("news 2", "news 3"):
            assert newsterm(capsys, data, "mark", str(story_id(data, title)), "--star").code == 0
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 4")), "--read").code == 0
        assert newsterm(capsys, data, "sync").code == 0
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 2")), "--unstar").code == 0
        assert newsterm(capsys, data, "mark", str(story_id(data, "news 4")), "--unread").code == 0

    def on_the_new_server(ids: dict[str, str], api: object) -> None:
        # Someone restored their stars and read marks on the new install by hand.
        for title, as_ in (("news 2", "saved"), ("news 3", "saved"), ("news 4", "read")):
            api(mark="item", **{"as": as_}, id=ids[title])  # type: ignore[operator]

    data, there = reinstalled(tmp_path, capsys, before, on_the_new_server)
    here = stories(data)
    assert here["news 2"] == (False, False)  # unstarred here: so, on both sides
    assert here["news 3"] == (False, True)
    assert here["news 4"] == (False, False)  # made unread here: so, on both sides
    assert there["news 2"] == (False, False)
    assert there["news 3"] == (False, True)
    assert there["news 4"] == (False, False)


def counted(data_dir: Path) -> int:
    with Store(data_dir / "newsterm.db") as store:
        return len(store.stories(StoryFilter(), limit=1000))


def _reinstall(server: FakeGReader) -> None:
    """The server installed again and its feeds fetched anew: every item again, under a
    new id (FreshRSS numbers items by crawl time, so no old id comes back), unread."""
    with server.lock:
        old = sorted(server.items.values(), key=lambda item: item.id)
        server.items.clear()
    for item in old:
        server.add_item(item.stream_id, item.title, url=item.url, published=item.published)


def test_a_server_whose_new_ids_never_meet_the_old_ones_is_joined_anew(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, each story came in again beside the old one, and the old ones all turned
    read ("6 stories changed there"): the user's marks stayed on copies the server no
    longer had."""
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/again.xml", "Again")
    for n in range(10):
        fake_greader.add_item(
            feed, f"again {n}", url=f"http://127.0.0.1:1/again-{n}", published=int(now - 600 + n)
        )
    configure_greader(tmp_path, fake_greader)
    assert "10 new stories" in newsterm(capsys, tmp_path, "sync").out
    assert (
        newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "again 1")), "--read").code == 0
    )
    assert (
        newsterm(capsys, tmp_path, "mark", str(story_id(tmp_path, "again 2")), "--star").code == 0
    )
    assert newsterm(capsys, tmp_path, "sync").code == 0
    _reinstall(fake_greader)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "· 0 new stories" in run.out, run.out
    assert counted(tmp_path) == 10
    here = stories(tmp_path)
    assert {title for title, flags in here.items() if any(flags)} == {"again 1", "again 2"}
    assert here["again 1"] == (True, False) and here["again 2"] == (False, True)
    by_title = {item.title: str(item.id) for item in fake_greader.items.values()}
    assert fake_greader.unread() == set(by_title.values()) - {by_title["again 1"]}
    assert fake_greader.starred() == {by_title["again 2"]}


def test_a_server_that_purged_the_newest_read_stories_is_not_joined_anew(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The newest ids linked here are gone (read, then purged there), but the server still
    lists older ones unread: the same server, whose ids still hold."""
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/purged.xml", "Purged")
    ids = [
        fake_greader.add_item(
            feed, f"purged {n}", url=f"http://127.0.0.1:1/purged-{n}", published=int(now - 600 + n)
        )
        for n in range(12)
    ]
    configure_greader(tmp_path, fake_greader)
    assert "12 new stories" in newsterm(capsys, tmp_path, "sync").out
    with fake_greader.lock:
        for item_id in ids[2:]:
            del fake_greader.items[int(item_id)]
    fake_greader.add_item(feed, "fresh", url="http://127.0.0.1:1/fresh", published=int(now))
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0 and "1 new story" in run.out, run.out
    assert counted(tmp_path) == 13


def unsubscribe_on_the_server(account: FeverAccount, feed: str) -> None:
    """What the user does on coldsweat's own pages (Fever cannot unsubscribe)."""
    site = account.url.removesuffix("fever/")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.parse.urlencode({"email": account.user, "password": account.password})
    opener.open(f"{site}login?next=/", data=login.encode()).close()
    feed_id = next(
        f["id"] for f in account.api("feeds")["feeds"] if f["url"] == account.feed_url(feed)
    )
    opener.open(f"{site}feeds/remove?feed={feed_id}", data=b"").close()
    assert account.feed_url(feed) not in {f["url"] for f in account.api("feeds")["feeds"]}


def test_a_feed_unsubscribed_there_with_the_newest_ids_is_not_a_reinstall(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The newest ids here were one feed's, which the user left on the server's pages:
    they no longer come back, and everything else is read. The server still has the
    other ids here, so it is the same one: nothing is joined anew (which would page
    through everything the server ever had and bring back what was pruned here)."""
    now = time.time()
    old = [(f"o-{i}", f"old {i}", now - 40 * DAY - 60 * i) for i in range(4)]
    calm = [(f"c-{i}", f"calm {i}", now - 3600 - 60 * i) for i in range(6)]
    account = coldsweat.account({"calm": old + calm})
    account.write_feed("noisy", [(f"n-{i}", f"noisy {i}", now - 600 - i) for i in range(10)])
    # Subscribed later: its items have the newest ids.
    (account.dir / "noisy.opml").write_text(opml([("Noisy", account.feed_url("noisy"), "")]))
    coldsweat.command("import", str(account.dir / "noisy.opml"), account.user, "-f")
    account.wait_for_items(20)
    configure(tmp_path, account)
    assert "20 new stories" in newsterm(capsys, tmp_path, "sync").out
    for feed in ("calm", "noisy"):
        assert (
            newsterm(capsys, tmp_path, "mark", "--feed", account.feed_url(feed), "--read").code == 0
        )
    assert newsterm(capsys, tmp_path, "sync").code == 0
    assert newsterm(capsys, tmp_path, "vacuum", "--older-than", "30").code == 0
    unsubscribe_on_the_server(account, "noisy")
    account.write_feed("calm", [("c-new", "calm new", now - 60), *old, *calm])
    account.fetch(expect=11)
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "· 1 new story" in run.out, run.out
    assert sorted(stories(tmp_path)) == sorted(["calm new", *(f"calm {i}" for i in range(6))])


BRIEFINGS = [
    "Rain spreads from the west overnight, with gales along the northern coast by dawn.",
    "The rail strike ends after talks at the ministry; trains run normally from Monday.",
    "A fire at the old mill is put out by crews from three towns; nobody was hurt.",
    "Schools reopen after the floods as the river falls below its warning level again.",
    "The football club names a new manager, its fourth in two years, on a short contract.",
    "Farmers protest outside parliament against the new rules on fertiliser and water.",
    "The museum buys a lost painting by a local artist at an auction in Paris.",
    "Hospital waiting lists fall for the first time in a decade, the health board says.",
    "A new bridge across the estuary opens to traffic three months ahead of schedule.",
    "Power cuts hit ten thousand homes after lightning strikes a substation near the port.",
    "The city council votes to close the library on Sundays to save money next year.",
    "Fishermen report the best herring season in twenty years off the eastern islands.",
]


def test_a_reinstalled_server_is_told_in_a_feed_whose_items_share_one_title(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every item of the feed is "Morning briefing". The server installed again fetched the
    feed when it held two briefings more: its ids name the briefings two days later than
    here. The same title made each look like the story linked to its id, so the sync took
    them for its own: a read mark went to another day's briefing, and every story here
    took another one's state."""
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/briefing.xml", "Briefing")

    def briefing(n: int) -> dict[str, Any]:
        url = f"http://127.0.0.1:1/briefing-{n}"
        return {
            "url": url,
            "html": f"<p>{BRIEFINGS[n]}</p>",
            "published": int(now - DAY * (12 - n)),
        }

    ids = [fake_greader.add_item(feed, "Morning briefing", **briefing(n)) for n in range(10)]
    configure_greader(tmp_path, fake_greader)
    assert "10 new stories" in newsterm(capsys, tmp_path, "sync").out

    def read_here(data_dir: Path) -> set[str]:
        with Store(data_dir / "newsterm.db") as store:
            listed = store.stories(StoryFilter(), limit=100)
            return {story.url for story in listed if story.read}

    with Store(tmp_path / "newsterm.db") as store:
        third = next(s.id for s in store.stories(StoryFilter()) if s.url.endswith("briefing-3"))
    assert newsterm(capsys, tmp_path, "mark", str(third), "--read").code == 0
    # Reinstalled: the same ids, each now a briefing two days later.
    with fake_greader.lock:
        fake_greader.items.clear()
        for n, item_id in enumerate(ids):
            fake_greader.items[int(item_id)] = FakeItem(
                int(item_id), feed, "Morning briefing", **briefing(n + 2)
            )
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert counted(tmp_path) == 12  # the two later briefings joined, not one story per id
    assert read_here(tmp_path) == {"http://127.0.0.1:1/briefing-3"}
    read_there = {item.url for item in fake_greader.items.values() if item.read}
    assert read_there == {"http://127.0.0.1:1/briefing-3"}


def test_items_moved_to_new_addresses_with_their_whole_text_are_not_a_reinstall(
    fake_greader: FakeGReader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site moved to https and the server now keeps each item's whole article, where
    it had a summary: new links, and texts mostly of words the summaries lack. The same
    stories (the summary is in the article), not another server's."""
    now = time.time()
    feed = fake_greader.add_feed("http://127.0.0.1:1/moved.xml", "Moved")
    ids = [
        fake_greader.add_item(
            feed,
            f"Story {n}",
            url=f"http://127.0.0.1:1/story-{n}",
            html=f"<p>{BRIEFINGS[n]}</p>",
            published=int(now - 600 + n),
        )
        for n in range(10)
    ]
    configure_greader(tmp_path, fake_greader)
    assert "10 new stories" in newsterm(capsys, tmp_path, "sync").out
    with fake_greader.lock:
        for n, item_id in enumerate(ids):
            item = fake_greader.items[int(item_id)]
            more = " ".join(BRIEFINGS[(n + k) % 12] for k in (3, 5, 7))
            fake_greader.items[int(item_id)] = replace(
                item, url=item.url.replace("http:", "https:"), html=f"{item.html}<p>{more}</p>"
            )
    run = newsterm(capsys, tmp_path, "sync")
    assert run.code == 0, run.err
    assert "· 0 new stories" in run.out, run.out
    assert counted(tmp_path) == 10
