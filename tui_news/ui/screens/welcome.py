"""The first run: no subscriptions yet, so newsterm asks rather than choosing for the user.

Four ways in, each a key and a button: import a file (OPML or a newsboat urls file, its
path typed), the built-in world-news feeds, one address (the add dialog), or the demo.
Nothing is subscribed until one of them is chosen; esc leaves the list empty.
The screen dismisses with what was chosen, and the main screen follows up (a refresh
after an import or the defaults, the new feed's view after an add, the demo).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Static

from tui_news.core.subscriptions.records import ImportReport
from tui_news.service import ImportFileError
from tui_news.ui.backend import Backend, NewFeed
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.text import inert


@dataclass(frozen=True, slots=True)
class Welcomed:
    """What the user chose: "import", "defaults", "add" or "demo", and what it gave."""

    choice: str
    feeds: int = 0  # subscriptions it added
    new_feed: NewFeed | None = None


class WelcomeScreen(TypeAheadDialog[Welcomed | None]):
    """Dismisses with a `Welcomed`, or None when the user left the list empty (esc)."""

    DEFAULT_CSS = """
    #welcome { width: 80; }
    #welcome .choice { height: auto; margin: 0 0 1 0; }
    #welcome .choice Button { width: 26; margin: 0 2 0 0; }
    #welcome .choice Static { width: 1fr; }
    #import-path { margin: 0 0 0 0; }
    #welcome-status { height: auto; min-height: 1; }
    #welcome-status.-error { color: $text-error; }
    #welcome-status.-busy { color: $text-accent; text-style: italic; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "import_file", "Import a file"),
        Binding("w", "defaults", "World news"),
        Binding("a", "add", "Add an address"),
        Binding("d", "demo", "Demo"),
        Binding("escape", "skip", "Not now"),
        Binding("enter", "submit_path", "Import", show=False, priority=True),
    ]

    def __init__(self, backend: Backend, *, default_feeds: int) -> None:
        super().__init__(classes="dialog-screen")
        self.backend = backend
        self.default_feeds = default_feeds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="welcome"):
            yield Static("Welcome to newsterm", classes="dialog-title")
            yield Static(
                "You have no subscriptions yet, and nothing is subscribed until you choose:",
                classes="dialog-text",
            )
            yield from self._choice(
                "import", "i  Import a file", "OPML or a newsboat urls file: type its path."
            )
            yield Input(placeholder="~/newsboat/urls or subscriptions.opml", id="import-path")
            yield from self._choice(
                "defaults",
                "w  World news",
                f"Subscribe to the {self.default_feeds} built-in world-news feeds "
                "(BBC, Guardian, NPR, Al Jazeera, DW…).",
            )
            yield from self._choice("add", "a  Add an address", "One feed, or a site's address.")
            yield from self._choice(
                "demo",
                "d  Try the demo",
                "Sample news sites served from this computer, in a throw-away cache.",
            )
            yield Static(id="welcome-status")
        yield Footer()

    @staticmethod
    def _choice(name: str, label: str, text: str) -> ComposeResult:
        with Horizontal(classes="choice"):
            yield Button(label, id=f"choose-{name}")
            yield Static(text)

    def on_mount(self) -> None:
        self.query_one("#choose-import", Button).focus()

    # -- the four choices ------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions: dict[str, Callable[[], None]] = {
            "choose-import": self.action_import_file,
            "choose-defaults": self.action_defaults,
            "choose-add": self.action_add,
            "choose-demo": self.action_demo,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        if action == "submit_path":
            return typing  # enter elsewhere presses the focused button
        if action in ("import_file", "defaults", "add", "demo"):
            return not typing  # letters typed into the path are the path's
        return True

    def action_import_file(self) -> None:
        path = self.query_one("#import-path", Input)
        if path.value.strip():
            self.action_submit_path()
        else:
            path.focus()
            self._status("Type the file's path, then enter.")

    def action_submit_path(self) -> None:
        typed = self.query_one("#import-path", Input).value.strip()
        if not typed:
            self._status("Type the path of an OPML or newsboat urls file.", "-error")
            return
        self._status(f"Importing {typed}…", "-busy")
        self._run(self._import(Path(typed)))

    def action_defaults(self) -> None:
        self._status("Subscribing to the world-news feeds…", "-busy")
        self._run(self._defaults())

    def action_add(self) -> None:
        def added(new: NewFeed | None) -> None:
            if new is not None:
                self.dismiss(Welcomed("add", 1, new))

        self.app.push_screen(AddFeedScreen(self.backend.subscribe), added)

    def action_demo(self) -> None:
        self.dismiss(Welcomed("demo"))

    def action_skip(self) -> None:
        self.dismiss(None)

    # -- the work ----------------------------------------------------------------------

    @work(exclusive=True, group="welcome", exit_on_error=False)
    async def _run(self, job: Awaitable[Welcomed | str]) -> None:
        try:
            outcome = await job
        except Exception as error:  # the store itself failed: say so, stay open
            outcome = inert(str(error)) or type(error).__name__
        if isinstance(outcome, Welcomed):
            self.dismiss(outcome)
        else:
            self._status(outcome, "-error")

    async def _import(self, path: Path) -> Welcomed | str:
        try:
            report = await self.backend.import_file(path)
        except ImportFileError as refusal:
            return inert(str(refusal))
        if not report.added:
            return _nothing_imported(report)
        return Welcomed("import", report.added)

    async def _defaults(self) -> Welcomed | str:
        added = await self.backend.subscribe_defaults()
        return Welcomed("defaults", added)

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#welcome-status", Static)
        status.update(Text(text))
        status.set_classes(kind)


def _nothing_imported(report: ImportReport) -> str:
    """Why an import that went through subscribed to nothing."""
    if report.already:
        return "Every feed in that file is subscribed already."
    reasons = [*report.problems, *report.skipped][:2]
    return "No feed found in that file" + (f": {inert('; '.join(reasons))}" if reasons else ".")
