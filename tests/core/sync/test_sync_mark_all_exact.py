"""Under sync, "mark all as read" marks on the server exactly the stories it marked here.

A Fever `mark=feed|group&before=<key press>` leaves the choice to the server: coldsweat
compares `before` with each item's PUBLISH date, so a story published an hour before
the key press but fetched by the server after it (never seen here) was marked read
there, and at the next sync here too. These run against a real coldsweat.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.cli.helpers import newsterm
from tests.core.sync.coldsweat import Coldsweat
from tests.core.sync.test_sync_fever import _items, configure, server_state, stories
from tui_news.core.models import StoryFilter
from tui_news.core.storage import Store

HOUR_AGO = time.time() - 3600


def test_cli_mark_feed_read_leaves_a_story_the_server_fetched_later_unread(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({"seen": _items("seen", 4), "other": _items("other", 2)})
    configure(tmp_path, account)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    run = newsterm(capsys, tmp_path, "mark", "--feed", account.feed_url("seen"), "--read")
    assert run.code == 0 and "marked 4 stories of Seen Feed read" in run.out
    account.write_feed("seen", [("unseen", "unseen story", HOUR_AGO), *_items("seen", 4)])
    account.fetch(expect=7)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    there = server_state(account)
    assert there.pop("unseen story") == (False, False)
    assert stories(tmp_path)["unseen story"] == (False, False)
    assert {title: read for title, (read, _) in there.items()} == {
        **{f"seen {i}": True for i in range(4)},
        **{f"other {i}": False for i in range(2)},
    }


@pytest.mark.parametrize("view", ["tag", "everything"])
def test_mark_all_of_a_tag_or_everything_marks_only_the_stories_here(
    view: str, coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account(
        {"kept": _items("kept", 3), "loose": _items("loose", 2)}, {"kept": "Daily"}
    )
    configure(tmp_path, account)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    with Store(tmp_path / "newsterm.db") as store:
        chosen = StoryFilter(tag="Daily") if view == "tag" else StoryFilter()
        assert store.mark_view_read(chosen, pressed=time.time()) == (3 if view == "tag" else 5)
    account.write_feed("kept", [("unseen", "unseen story", HOUR_AGO), *_items("kept", 3)])
    account.fetch(expect=6)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    there = server_state(account)
    assert there.pop("unseen story") == (False, False)
    assert stories(tmp_path)["unseen story"] == (False, False)
    assert all(read for read, _ in (there[f"kept {i}"] for i in range(3)))
    assert all(there[f"loose {i}"][0] == (view == "everything") for i in range(2))


def test_a_mark_all_an_older_newsterm_queued_marks_only_the_stories_it_marked(
    coldsweat: Coldsweat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = coldsweat.account({"legacy": _items("legacy", 4), "other": _items("other", 2)})
    configure(tmp_path, account)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    with Store(tmp_path / "newsterm.db") as store:
        feed_id = store.find_feed(account.feed_url("legacy")).id
    # What newsterm queued for a mark-all of a feed before: the stories read here, and
    # one change for the feed dated at the key press, still unsent at the upgrade.
    pressed = time.time()
    with sqlite3.connect(tmp_path / "newsterm.db") as db:
        db.execute("UPDATE stories SET read = 1 WHERE feed_id = ?", (feed_id,))
        db.execute(
            "INSERT INTO sync_queue (kind, target, action, before, queued) "
            "SELECT 'feed', remote_id, 'read', ?, ? FROM sync_feeds WHERE feed_id = ?",
            (pressed, pressed, feed_id),
        )
    db.close()
    account.write_feed("legacy", [("unseen", "unseen story", HOUR_AGO), *_items("legacy", 4)])
    account.fetch(expect=7)
    assert newsterm(capsys, tmp_path, "sync").code == 0
    there = {title: read for title, (read, _) in server_state(account).items()}
    assert {title for title, read in there.items() if read} == {f"legacy {i}" for i in range(4)}
    assert stories(tmp_path)["unseen story"] == (False, False)
    with Store(tmp_path / "newsterm.db") as store:
        assert store.sync_pending() == 0
