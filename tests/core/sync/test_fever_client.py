"""The Fever client against a real coldsweat: what a sync needs from the API."""

from __future__ import annotations

import time

import pytest

from tests.core.sync.coldsweat import Coldsweat, free_port
from tui_news.core.net.limits import FetchLimits
from tui_news.core.sync.errors import (
    SyncAuthError,
    SyncUnavailableError,
    SyncUnsupportedError,
)
from tui_news.core.sync.fever import FeverClient
from tui_news.core.sync.records import Credentials, Mark

LIMITS = FetchLimits()  # the config's defaults

NOW = time.time()


def _items(prefix: str, count: int, *, newest: float = NOW - 60) -> list[tuple[str, str, float]]:
    return [(f"{prefix}-{i}", f"{prefix} {i}", newest - 60 * i) for i in range(count)]


async def test_feeds_groups_and_every_item_over_several_pages(coldsweat: Coldsweat) -> None:
    account = coldsweat.account(
        {"news": _items("news", 70), "blog": _items("blog", 5)}, {"news": "Daily"}
    )
    client = FeverClient(account.url, Credentials(account.user, account.password), LIMITS)
    try:
        await client.login()
        feeds = {feed.title: feed for feed in await client.feeds()}
        assert feeds["News Feed"].groups == ("Daily",)
        assert feeds["News Feed"].url == account.feed_url("news")
        seen: dict[str, str] = {}
        cursors = []
        async for page in client.new_items(None, lambda _ids: set()):
            seen |= {item.id: item.title for item in page.items}
            cursors.append(page.cursor)
        # coldsweat pages in no order, so since_id can step over items; the unread ids
        # (all 75 here) catch what paging missed.
        assert len(seen) >= 50  # a full first page, then as far as since_id goes
        missing = (await client.unread_ids()) - set(seen)
        seen |= {item.id: item.title for item in await client.items_by_id(sorted(missing))}
        assert sorted(seen.values()) == sorted(
            [f"news {i}" for i in range(70)] + [f"blog {i}" for i in range(5)]
        )
        item = (await client.items_by_id([next(iter(seen))]))[0]
        assert item.html.startswith("<p>Body of") and item.url.startswith(account.feeds_base)
        assert item.published is not None and abs(item.published - NOW) < 86_400
        # Asked again from the last cursor, nothing is new.
        assert [p async for p in client.new_items(cursors[-1], lambda _ids: set())] == []
    finally:
        await client.aclose()


async def test_marks_round_trip_and_an_unknown_item_is_reported_gone(
    coldsweat: Coldsweat,
) -> None:
    account = coldsweat.account({"marks": _items("marks", 3)})
    client = FeverClient(account.url, Credentials(account.user, account.password), LIMITS)
    try:
        ids = sorted(await client.unread_ids())
        assert len(ids) == 3
        assert await client.mark([ids[0]], Mark.READ) == set()
        assert await client.mark([ids[0]], Mark.READ) == set()  # twice is harmless
        assert await client.mark([ids[1]], Mark.STAR) == set()
        assert int(ids[0]) not in account.ids("unread_item_ids")
        assert account.ids("saved_item_ids") == {int(ids[1])}
        await client.mark([ids[0]], Mark.UNREAD)
        await client.mark([ids[1]], Mark.UNSTAR)
        assert account.ids("unread_item_ids") >= {int(i) for i in ids}
        assert account.ids("saved_item_ids") == set()
        assert await client.mark(["987654321"], Mark.READ) == {"987654321"}
    finally:
        await client.aclose()


async def test_refusals_are_one_line_and_never_show_the_password(coldsweat: Coldsweat) -> None:
    account = coldsweat.account({})
    secret = "not-the-password-xyz"
    wrong = FeverClient(account.url, Credentials(account.user, secret), LIMITS)
    down = FeverClient(
        f"http://u:{secret}@127.0.0.1:{free_port()}/fever/",
        Credentials(account.user, secret),
        LIMITS,
    )
    right = FeverClient(account.url, Credentials(account.user, account.password), LIMITS)
    try:
        with pytest.raises(SyncAuthError) as refused:
            await wrong.login()
        with pytest.raises(SyncUnavailableError) as unreachable:
            await down.login()
        with pytest.raises(SyncUnsupportedError) as unsupported:
            await right.subscribe("http://127.0.0.1:1/feed.xml")
    finally:
        for client in (wrong, down, right):
            await client.aclose()
    assert "refused the login" in str(refused.value)
    assert "connection refused" in str(unreachable.value)
    assert "subscribe" in str(unsupported.value) and account.url.split("/fever")[0] in str(
        unsupported.value
    )
    for problem in (refused.value, unreachable.value, unsupported.value):
        text = str(problem) + repr(problem) + repr(problem.__cause__) + repr(problem.__context__)
        assert secret not in text and "\n" not in str(problem)
    assert secret not in repr(Credentials("u", secret))
