"""The Textual application: theme, keymap, command palette, and the main screen.

Built by `build_app(paths, config)` so that tests, the benchmark and the screenshot
tool can run it on a temp directory without touching the user's files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App
from textual.theme import Theme

from tui_news.config import Config, save_setting, shown_name
from tui_news.core.errors import CacheDamagedError, CacheError
from tui_news.paths import AppPaths
from tui_news.service import RECOVER_HINT, ReaderFactory, default_reader
from tui_news.ui.backend import Backend
from tui_news.ui.collector import CHECK_EVERY, Collector
from tui_news.ui.commands import BY_ID
from tui_news.ui.palette import NewstermCommands
from tui_news.ui.screens.main import MainScreen
from tui_news.ui.screens.type_ahead import TypeAheadScreen
from tui_news.ui.text import inert


class NewstermApp(App[str | None]):
    """Its result is `first_run.DEMO` when the user chose to try the demo."""

    CSS_PATH = "app.tcss"
    TITLE = "newsterm"
    COMMANDS: ClassVar = App.COMMANDS | {NewstermCommands}

    def __init__(
        self,
        backend: Backend,
        config: Config,
        *,
        config_file: Path | None = None,
        clock: Callable[[], float] = time.time,
        problems: Iterable[str] = (),
        title: str = "newsterm",
    ) -> None:
        super().__init__()
        self.backend = backend
        self.config = config
        self.config_file = config_file
        self.clock = clock
        self.problems = list(problems)
        self.title = title
        self.main_screen: MainScreen | None = None
        self.collector = Collector()
        self.exit_line = ""  # said on the terminal after the app ends (a failing cache)
        self._saved_theme = config.theme
        if config.theme in self.available_themes:
            self.theme = config.theme
        else:
            self.problems.append(f"unknown theme {config.theme!r}; using {self.theme!r}")

    @property
    def user_keymap(self) -> dict[str, str]:
        return dict(self.config.keys)

    def get_default_screen(self) -> MainScreen:
        self.main_screen = MainScreen(self.backend, self.config, clock=self.clock)
        return self.main_screen

    def on_mount(self) -> None:
        self.set_keymap(self.user_keymap)
        unknown = sorted(set(self.user_keymap) - set(BY_ID))
        if unknown:
            # A name is whatever the file holds, an escape sequence included.
            names = ", ".join(shown_name(name) for name in unknown)
            self.problems.append(f"keys: no command called {names} (press ? for the names)")
        for problem in self.problems:
            self.notify(inert(problem), title="Config", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.call_after_refresh(self.collector.start)  # what the first frame built stays
        self.set_interval(CHECK_EVERY, self.collector.tick)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.collector.input_seen()  # the user is here: no full collection now
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: a key typed before the focus moved (`/`, tab) or before the dialog
        on top opened went where the focus was then, and nothing there took it. Replay
        it as if pressed now, so it goes where the user is typing (see type_ahead)."""
        if not self.screen_stack:
            return  # shutting down: the screens are gone, and so is anything to type into
        screen = self.screen
        if isinstance(screen, TypeAheadScreen) and screen.typed_ahead(event):
            event.prevent_default()
            self.post_message(events.Key(event.key, event.character))

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the command palette sticks: save it to the config file."""
        if self.config_file is None or theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        try:
            save_setting(self.config_file, "theme", theme.name)
        except OSError as error:
            self.notify(f"Could not save the theme: {error}", severity="warning", markup=False)

    async def on_unmount(self) -> None:
        self.collector.stop()
        await self.backend.aclose()

    def _handle_exception(self, error: Exception) -> None:
        """A cache failing under the app (damaged, unreadable) ends it with one line on the
        terminal, not a traceback from whichever widget met the failure first."""
        if not isinstance(error, CacheError):
            super()._handle_exception(error)
            return
        self.end_on_cache_error(error)

    def end_on_cache_error(self, error: CacheError) -> None:
        """End the app, the cache's failure said in one line once the terminal is back."""
        if self._return_code == 1:
            return  # already on the way out: every widget drawn meets the same failure
        line = f"newsterm: cache error: {error}"
        if isinstance(error, CacheDamagedError):
            line += f": {self.backend.database}; {RECOVER_HINT}"
        # Printed by `run_tui` once the terminal is back: Textual's exit message would be
        # wrapped to the terminal's width, one line cut into several.
        self.exit_line = inert(line)
        self.exit(return_code=1)


def build_app(
    paths: AppPaths,
    config: Config,
    *,
    clock: Callable[[], float] = time.time,
    problems: Iterable[str] = (),
    title: str = "newsterm",
    remember_theme: bool = True,
    make_reader: ReaderFactory = default_reader,
) -> NewstermApp:
    """The app for one data directory and one config (never reads the real ones itself)."""
    paths.ensure()
    backend = Backend(
        paths.database, config, make_reader=make_reader, config_file=paths.config_file
    )
    return NewstermApp(
        backend,
        config,
        config_file=paths.config_file if remember_theme else None,
        clock=clock,
        problems=problems,
        title=title,
    )
