"""UI test fixtures: a temp data dir, a pre-filled store, an app factory, a frozen clock.

Every app here is built through `build_app` on a temp directory with a config that
never refreshes on its own, a clock frozen at `NOW` (ages and dates are stable) and
the real ArticleReader running extraction in-process (no pool start-up per test).
Pages and feeds (documents.py writes them) come from pytest-httpserver on 127.0.0.1.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from tests.ui.documents import page_html, rss
from tui_news.config import Config
from tui_news.core.models import ParsedEntry, ParsedFeed
from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.reader import cache
from tui_news.reader.article import Article, Link, RelatedLink
from tui_news.reader.service import ArticleReader
from tui_news.ui.app import NewstermApp, build_app
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.main import MainScreen
from tui_news.ui.screens.view_chooser import ViewChooser

NOW = 1_700_000_000.0  # Tue 14 Nov 2023, 22:13 UTC
MINUTE, HOUR = 60.0, 3600.0
MORE = "More on this story"
HOSTILE_TITLE = "Pwned [bold red]x[/] \x1b[31mred\x1b[0m [link=https://evil.test]click[/link]"


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates on screen are local time; tests and snapshots see UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@dataclass
class Entry:
    title: str
    minutes_ago: float
    path: str = ""
    summary: str = "A short summary from the feed."
    read: bool = False
    starred: bool = False


@dataclass
class FeedSpec:
    title: str
    url: str
    entries: list[Entry]
    tags: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class World:
    """What a test's store holds: feed and story ids by title."""

    paths: AppPaths
    base_url: str
    feeds: dict[str, int] = field(default_factory=dict)
    stories: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


def default_feeds(base: str) -> list[FeedSpec]:
    return [
        FeedSpec(
            "World Wire",
            f"{base}/world.xml",
            [
                Entry("Harbour cranes return to the old port", 5, "/world/cranes"),
                Entry("Ferry strike ends after talks", 50, "/world/ferry"),
                Entry("River levels fall across the valley", 4 * 60, "/world/river", read=True),
            ],
            tags=("news",),
        ),
        FeedSpec(
            "Tech Daily",
            f"{base}/tech.xml",
            [
                Entry("Terminal apps learn to escape markup", 20, "/tech/markup"),
                Entry("Harbour cranes go electric at the old port", 90, "/tech/cranes"),
                Entry("Small phones make a quiet comeback", 26 * 60, "/tech/phones", starred=True),
            ],
            tags=("news", "tech"),
        ),
        FeedSpec(
            "Broken Feed",
            f"{base}/broken.xml",
            [Entry("An older story from a feed that now fails", 3 * 24 * 60, "/broken/old")],
            error="HTTP 404 Not Found",
        ),
    ]


def fill_store(store: Store, base: str, specs: list[FeedSpec], world: World) -> None:
    for spec in specs:
        feed = store.add_feed(spec.url, title=spec.title, tags=spec.tags)
        world.feeds[spec.title] = feed.id
        entries = tuple(
            ParsedEntry(
                key=f"{base}{entry.path}" if entry.path else entry.title,
                url=f"{base}{entry.path}" if entry.path else "",
                title=entry.title,
                author="A. Reporter",
                published=NOW - entry.minutes_ago * MINUTE,
                summary=entry.summary,
            )
            for entry in spec.entries
        )
        result = store.record_feed_update(
            feed.id,
            ParsedFeed(title=spec.title, entries=entries),
            checked_at=NOW,
            etag=None,
            last_modified=None,
            next_due=NOW + 30 * MINUTE,
        )
        for entry, story_id in zip(spec.entries, result.new_story_ids, strict=True):
            world.stories[entry.title] = story_id
            if entry.read:
                store.set_read([story_id], True)
            if entry.starred:
                store.set_starred(story_id, True)
        if spec.error:
            store.record_error(feed.id, spec.error, checked_at=NOW, next_due=NOW + HOUR)


def article(url: str, title: str, *, related: tuple[RelatedLink, ...] = (), **kw: Any) -> Article:
    text = kw.pop(
        "text",
        "The cranes came back on Monday.\n\nDock workers watched as the first one was "
        "lifted into place, **forty years** after the last left.",
    )
    return Article(
        input=url,
        url=url,
        canonical_url=url,
        title=title,
        author=kw.pop("author", "A. Reporter"),
        date=kw.pop("date", "2023-11-14T20:00:00+00:00"),
        sitename=kw.pop("sitename", "World Wire"),
        text=text,
        word_count=len(text.split()),
        related=related,
        links=kw.pop("links", (Link("the port authority", "https://port.example/news"),)),
        fetched=NOW,
        **kw,
    )


def cache_article(store: Store, url: str, value: Article) -> None:
    cache.save(store, url, value)


def in_process_reader(store: Store, limits: FetchLimits) -> ArticleReader:
    return ArticleReader(store, limits, in_process=True)


AppFactory = Callable[..., NewstermApp]


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.default(tmp_path / "data").ensure()


@pytest.fixture
def make_app(paths: AppPaths) -> AppFactory:
    def factory(**settings: Any) -> NewstermApp:
        settings.setdefault("refresh_on_start", False)
        settings.setdefault("auto_refresh_minutes", 0)
        # Tests that are about full text ask for it; the others keep their server quiet.
        settings.setdefault("full_text_prefetch", False)
        return build_app(
            paths,
            Config(**settings),
            clock=lambda: NOW,
            remember_theme=False,
            make_reader=in_process_reader,
        )

    return factory


def build_world(paths: AppPaths, base: str) -> World:
    """The default feeds; the first story's article is already in the article cache."""
    found = World(paths, base)
    with Store(paths.database) as store:
        fill_store(store, base, default_feeds(base), found)
        cranes = found.url("/world/cranes")
        cache_article(
            store,
            cranes,
            article(
                cranes,
                "Harbour cranes return to the old port",
                related=(
                    RelatedLink("More on this story", "Dockers vote", found.url("/world/dockers")),
                    RelatedLink(
                        "More on this story", "Ferry strike ends", found.url("/world/ferry")
                    ),
                    RelatedLink("Most read", "Small phones", found.url("/tech/phones")),
                ),
            ),
        )
    return found


@pytest.fixture
def world(paths: AppPaths) -> World:
    """Stories whose pages live on a port nothing listens on (only the cache answers)."""
    return build_world(paths, "http://127.0.0.1:9")


@pytest.fixture
def served_world(paths: AppPaths, httpserver: HTTPServer) -> World:
    """The default feeds with their pages served from 127.0.0.1."""
    found = build_world(paths, httpserver.url_for("").rstrip("/"))
    for path, title in (
        ("/world/dockers", "Dockers vote to accept the harbour plan"),
        ("/world/ferry", "Ferry strike ends after talks"),
        ("/tech/markup", "Terminal apps learn to escape markup"),
    ):
        httpserver.expect_request(path).respond_with_data(
            page_html(title), content_type="text/html; charset=utf-8"
        )
    return found


def serve_refreshed_feeds(
    httpserver: HTTPServer, world: World, world_items: list[tuple[str, str, float]]
) -> None:
    """What a refresh of the world's feeds finds: World Wire's feed with `world_items`
    (title, link, published), Tech Daily's with one new story ("Tiny new laptop"), and
    Broken Feed's address answering 404."""
    httpserver.expect_request("/world.xml").respond_with_data(
        rss("World Wire", world_items), content_type="application/rss+xml"
    )
    httpserver.expect_request("/tech.xml").respond_with_data(
        rss("Tech Daily", [("Tiny new laptop", world.url("/tech/laptop"), NOW - 30)]),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/broken.xml").respond_with_data("gone", status=404)


def serve_gull_news(httpserver: HTTPServer) -> None:
    """A feed not subscribed to yet, Gull News with one story, at /gulls.xml."""
    items = [("Gull numbers up", httpserver.url_for("/g/1"), NOW - 100)]
    httpserver.expect_request("/gulls.xml").respond_with_data(
        rss("Gull News", items), content_type="application/rss+xml"
    )


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], bool | Awaitable[bool]], timeout: float = 10.0
) -> None:
    """Let the app work until `condition` holds (workers, timers, the network)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            await pilot.pause()  # let the screen repaint what changed
            return
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


def screen_text(app: NewstermApp) -> str:
    """Everything on screen as plain text, as a user would read it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def reader_text(app: NewstermApp) -> str:
    """The reading pane's header lines and notice, unwrapped."""
    from textual.widgets import Static

    assert app.main_screen is not None
    pane = app.main_screen.reader
    parts = [
        str(pane.query_one(f"#article-{name}", Static).content)
        for name in ("title", "meta", "url", "notice")
    ]
    return "\n".join(parts)


def sidebar_titles(app: NewstermApp) -> list[str]:
    """The sidebar's entries (headings included), as its options read."""
    assert app.main_screen is not None
    sidebar = app.main_screen.related
    return [
        str(sidebar.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(sidebar.option_count)
    ]


def notifications(app: NewstermApp) -> list[str]:
    """Every notification shown so far (title and message)."""
    return [f"{n.title} {n.message}".strip() for n in app._notifications]


def main(app: object) -> MainScreen:
    """The app's main screen (whatever screen is on top)."""
    screen = getattr(app, "main_screen", None)
    assert isinstance(screen, MainScreen)
    return screen


async def listed(pilot: Pilot[Any], app: object, stories: int = 7) -> MainScreen:
    """The main screen once its list shows `stories` stories (the world fixture has 7)."""
    screen = main(app)
    await wait_for(pilot, lambda: len(screen.stories.ids) == stories)
    return screen


async def open_story(pilot: Pilot[Any], app: object) -> MainScreen:
    """The main screen once enter has opened the newest story and its sidebar is listed."""
    screen = await listed(pilot, app)
    await pilot.press("enter")
    await wait_for(pilot, lambda: "In your feeds" in sidebar_titles(screen.app))
    return screen


async def open_cranes_story(pilot: Pilot[Any], app: object) -> MainScreen:
    """The main screen once enter has opened the newest story, the world's cranes story
    (its article cached, short: it ends on the first page), and its title is read."""
    screen = await listed(pilot, app)
    await pilot.press("enter")
    await wait_for(pilot, lambda: "Harbour cranes return" in reader_text(screen.app))
    return screen


async def add_feed_dialog(pilot: Pilot[Any]) -> None:
    """a, and the dialog that adds a feed is up."""
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, AddFeedScreen))


async def chooser(pilot: Pilot[Any], app: object) -> ViewChooser:
    """The view chooser once it has counted and listed the views (it opens before)."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ViewChooser))
    dialog = pilot.app.screen
    assert isinstance(dialog, ViewChooser)
    await wait_for(pilot, lambda: dialog.loaded)
    return dialog


@pytest.fixture(autouse=True)
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """No desktop: `y` falls back to OSC 52 unless a test gives it a clipboard program."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `o` hands to the browser, recorded instead of opening anything."""
    opened: list[str] = []

    def fake_browser(controller: object, url: str) -> str:
        opened.append(url)
        return ""

    monkeypatch.setattr("tui_news.ui.screens.links.open_with", fake_browser)
    return opened
