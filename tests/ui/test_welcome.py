"""A fresh data dir opens the welcome screen; nothing is subscribed until a choice is
made, and each choice works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from tests.ui.conftest import NOW, AppFactory, main, notifications, rss, screen_text, wait_for
from tui_news.core.storage import Store
from tui_news.core.subscriptions.opml import Subscription
from tui_news.paths import AppPaths
from tui_news.ui.screens.first_run import DEMO, NOTHING_CHOSEN
from tui_news.ui.screens.import_file import ImportFileScreen, SubscriptionFiles, typed_path
from tui_news.ui.screens.main import STARTUP_REFRESH_DELAY
from tui_news.ui.screens.welcome import WelcomeScreen


@pytest.fixture
def feeds(httpserver: HTTPServer) -> list[str]:
    """Two feeds on 127.0.0.1, two stories each."""
    urls = []
    for name in ("harbour", "valley"):
        items = [
            (f"{name.title()} story {n}", httpserver.url_for(f"/{name}/{n}"), NOW - 600 * n)
            for n in range(2)
        ]
        httpserver.expect_request(f"/{name}.xml").respond_with_data(
            rss(name.title(), items), content_type="application/rss+xml"
        )
        urls.append(httpserver.url_for(f"/{name}.xml"))
    return urls


def feed_count(paths: AppPaths) -> int:
    with Store(paths.database) as store:
        return store.feed_count()


async def test_a_fresh_data_dir_welcomes_and_esc_subscribes_nothing(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app(refresh_on_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "nothing is subscribed until you choose" in text
        assert feed_count(paths) == 0
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main(app))
        assert NOTHING_CHOSEN in notifications(app)
        await pilot.pause(0.5)
    assert feed_count(paths) == 0


async def test_the_choices_read_as_a_table_of_keys(make_app: AppFactory) -> None:
    """Each choice's key letter stands in one column and its words in the next: the key
    labels were centred, so the letters stood at four different columns."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        lines = screen_text(app).splitlines()
    choices = {
        "i": "Import a file",
        "w": "World news",
        "a": "Add an address",
        "d": "Try the demo",
    }
    keys, labels, texts = set(), set(), set()
    for key, label in choices.items():
        (line,) = [line for line in lines if f"{key}  {label}" in line]
        keys.add(line.index(f"{key}  {label}"))
        labels.add(line.index(label))
        after = line.index(label) + len(label)
        texts.add(after + len(line[after:]) - len(line[after:].lstrip(" ")))
    assert len(keys) == 1 and len(labels) == 1, lines
    assert len(texts) == 1, lines  # what each does begins at one column too


async def test_with_nothing_subscribed_nothing_says_it_is_refreshing(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app(refresh_on_start=True, auto_refresh_minutes=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        screen = main(app)
        await pilot.pause(STARTUP_REFRESH_DELAY + 0.5)  # when the start-up refresh would run
        assert "Refreshing" not in screen_text(app)  # the header, above the welcome screen
        assert not screen.sub_title and not screen.refresh_running
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        text = screen_text(app)
        assert "Refreshing" not in text and "refreshing your feeds" not in text
        assert "Updated" not in text  # nothing was
        # The auto-refresh timer (each minute) finds nothing to do either.
        screen.refresh_due_feeds()
        await pilot.pause(0.3)
        assert "Refreshing" not in screen_text(app) and not screen.sub_title
        # R, asked for, says there is nothing to refresh, and the header stays as it was.
        await pilot.press("R")
        await wait_for(pilot, lambda: "No feeds to refresh" in " ".join(notifications(app)))
        assert not screen.sub_title and not screen.refresh_running


async def test_importing_a_urls_file_subscribes_and_refreshes(
    make_app: AppFactory, paths: AppPaths, feeds: list[str], tmp_path: Path
) -> None:
    urls = tmp_path / "urls"
    urls.write_text("\n".join(f'{url} "~{n}" news' for n, url in enumerate(feeds)) + "\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("i")
        await pilot.press(*str(urls))
        await pilot.press("enter")
        screen = main(app)
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 4, timeout=20)
        assert "Subscribed to 2 feeds. Refreshing them…" in notifications(app)
    with Store(paths.database) as store:
        assert sorted(feed.url for feed in store.feeds()) == sorted(feeds)


async def test_what_an_import_could_not_take_is_said_not_dropped(
    make_app: AppFactory, paths: AppPaths, feeds: list[str], tmp_path: Path
) -> None:
    """A newsboat query line and an exec: feed are not subscribed: the user is told which
    and why (as `newsterm import` tells), not only how many feeds were."""
    urls = tmp_path / "urls"
    urls.write_text(
        f"{feeds[0]} news\n"
        '"query:Unread news:unread = \\"yes\\""\n'
        "exec:~/bin/fetch.sh\n"
        f"{feeds[1]} news\n"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("i", *str(urls), "enter")
        screen = main(app)
        await wait_for(pilot, lambda: app.screen is screen)
        shown = " ".join(notifications(app))
        assert "Subscribed to 2 feeds. Refreshing them…" in shown
        assert "Not imported line 2: query:Unread news: newsboat query feeds are saved" in shown
        assert "line 3: exec:~/bin/fetch.sh: feeds produced by a local command" in shown


async def test_a_file_that_is_not_a_list_is_explained_and_the_dialog_stays(
    make_app: AppFactory, paths: AppPaths, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><body>hello</body></html>")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("i", *str(tmp_path / "missing"), "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileScreen))
        status = app.screen.query_one("#import-status")
        await wait_for(pilot, lambda: "cannot read" in str(status.render()))
        await pilot.press(*["backspace"] * len("missing"), *"page.html", "enter")
        await wait_for(pilot, lambda: "not an OPML file" in str(status.render()))
        assert isinstance(app.screen, ImportFileScreen)
        await pilot.press("escape")  # back to the choices
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
    assert feed_count(paths) == 0


async def test_a_path_too_long_is_refused_and_a_pasted_quoted_path_is_imported(
    make_app: AppFactory, paths: AppPaths, feeds: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "my lists"
    folder.mkdir()
    (folder / "my feeds.txt").write_text("".join(f"{url}\n" for url in feeds))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        # A name longer than the file system allows made the app crash. It is pasted:
        # Pilot takes 60 ms a key, and 360 keys made this the suite's slowest test.
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileScreen))
        box = app.screen.query_one("#import-path")
        box.value = str(tmp_path / ("x" * 300))  # type: ignore[attr-defined]
        await pilot.press("enter")
        status = app.screen.query_one("#import-status")
        await wait_for(pilot, lambda: "name too long" in str(status.render()))
        # As a file manager pastes it (quoted), or a shell escapes it.
        box.value = ""  # type: ignore[attr-defined]
        await pilot.press(*f"'{folder / 'my feeds.txt'}' ", "enter")
        screen = main(app)
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 4, timeout=20)
    assert feed_count(paths) == 2
    escaped = str(folder / "my feeds.txt").replace(" ", "\\ ")
    assert typed_path(escaped, tmp_path) == folder / "my feeds.txt"
    assert typed_path("~/x", tmp_path) == Path.home() / "x"
    assert typed_path("it's.opml", tmp_path) == tmp_path / "it's.opml"


def tree_lines(app: object) -> list[str]:
    files = app.screen.query_one("#import-files", SubscriptionFiles)  # type: ignore[attr-defined]
    return [str(files.render_line(y).text).strip() for y in range(files.size.height)]


async def pick(pilot: Pilot[Any], app: object, *names: str) -> None:
    """Move the picker's cursor to each of `names` in turn (a folder opens with enter;
    the last one, a file, is chosen with enter)."""
    files = app.screen.query_one("#import-files", SubscriptionFiles)  # type: ignore[attr-defined]
    for name in names:
        await wait_for(pilot, lambda n=name: any(line.endswith(n) for line in tree_lines(app)))
        for _ in range(50):
            node = files.cursor_node
            if node is not None and node.data is not None and node.data.path.name == name:
                break
            await pilot.press("j")
        await pilot.press("enter")


async def test_a_file_picked_from_the_folder_newsterm_started_in_is_imported(
    make_app: AppFactory,
    paths: AppPaths,
    feeds: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    (home / ".newsboat").mkdir(parents=True)
    (home / ".newsboat" / "urls").write_text("".join(f"{url} news\n" for url in feeds))
    (home / ".cache").mkdir()
    (home / "photo.png").write_bytes(b"\x89PNG")
    (home / "notes.opml").write_text("<opml version='2.0'><body/></opml>")
    monkeypatch.chdir(home)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileScreen))
        await pilot.press("tab")  # from the path box to the files
        await pick(pilot, app, ".newsboat", "urls")
        screen = main(app)
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 4, timeout=20)
        assert "Subscribed to 2 feeds. Refreshing them…" in notifications(app)
    assert feed_count(paths) == 2


async def test_the_picker_shows_likely_lists_and_a_typed_folder(
    make_app: AppFactory, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "start").mkdir()
    (tmp_path / "start" / "feeds.opml").write_text("<opml/>")
    (tmp_path / "start" / "holiday.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "start" / ".secret").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "export.xml").write_text("<opml/>")
    monkeypatch.chdir(tmp_path / "start")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileScreen))
        await wait_for(pilot, lambda: any("feeds.opml" in line for line in tree_lines(app)))
        shown = " ".join(tree_lines(app))
        assert "holiday.jpg" not in shown and ".secret" not in shown
        await pilot.press(*"../elsewhere", "enter")  # a folder: its files are shown
        await wait_for(pilot, lambda: any("export.xml" in line for line in tree_lines(app)))
        assert app.screen.query_one("#import-files").has_focus
    assert feed_count(paths) == 0


async def test_every_choice_can_be_reached_in_a_small_terminal(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        for label in ("Import a file", "World news", "Add an address", "Try the demo"):
            await wait_for(pilot, lambda label=label: label in screen_text(app))
            await pilot.press("tab")


async def test_the_built_in_world_news_feeds_on_request(
    make_app: AppFactory, paths: AppPaths, feeds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real list points at the internet; these stand in for it.
    local = [Subscription(url, f"World {n}", ("world",)) for n, url in enumerate(feeds)]
    monkeypatch.setattr("tui_news.core.subscriptions.defaults.default_feeds", lambda: local)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert feed_count(paths) == 0
        await pilot.press("w")
        screen = main(app)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 4, timeout=20)
    with Store(paths.database) as store:
        assert {feed.title for feed in store.feeds()} == {"World 0", "World 1"}


async def test_adding_one_address(make_app: AppFactory, paths: AppPaths, feeds: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("a")
        await pilot.press(*feeds[1], "enter")
        screen = main(app)
        await wait_for(pilot, lambda: app.screen is screen, timeout=20)
        await wait_for(pilot, lambda: len(screen.stories.ids) == 2)
        assert screen.view.feed_id is not None
    assert feed_count(paths) == 1


async def test_trying_the_demo_ends_the_app_for_the_demo(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("d")
        await wait_for(pilot, lambda: app.return_value == DEMO)
    assert feed_count(paths) == 0


async def test_a_cache_with_feeds_is_not_welcomed(make_app: AppFactory, world: object) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert app.screen is main(app)
