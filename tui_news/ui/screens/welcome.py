"""The first run: no subscriptions yet, so newsterm asks rather than choosing for the user.

Four ways in, each a key and a button: import a file (OPML or a newsboat urls file, its
path typed or picked: the import dialog), the built-in world-news feeds, one address
(the add dialog), or the demo. The choices are one line each, and scroll into view in
a short terminal.
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
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from tui_news.core.subscriptions.records import ImportReport
from tui_news.ui.backend import Backend, NewFeed
from tui_news.ui.screens.add_feed import AddFeedScreen
from tui_news.ui.screens.import_file import ImportFileScreen
from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.text import inert


@dataclass(frozen=True, slots=True)
class Welcomed:
    """What the user chose: "import", "defaults", "add" or "demo", and what it gave."""

    choice: str
    feeds: int = 0  # subscriptions it added
    new_feed: NewFeed | None = None
    report: ImportReport | None = None  # an import's: what it could not take, too


class WelcomeScreen(TypeAheadDialog[Welcomed | None]):
    """Dismisses with a `Welcomed`, or None when the user left the list empty (esc)."""

    DEFAULT_CSS = """
    #welcome { width: 80; }
    #welcome .choice { height: auto; margin: 0 0 1 0; }
    /* Left-aligned, not centred: the key letters stand in one column, a table of keys. */
    #welcome .choice Button {
        width: 22; margin: 0 2 0 0; text-align: left; content-align: left middle;
    }
    #welcome .choice Static { width: 1fr; }
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
    ]

    def __init__(self, backend: Backend, *, default_feeds: int) -> None:
        super().__init__(classes="dialog-screen")
        self.backend = backend
        self.default_feeds = default_feeds

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="welcome"):
            yield Static("Welcome to newsterm", classes="dialog-title")
            yield Static(
                "You have no subscriptions yet, and nothing is subscribed until you choose:",
                classes="dialog-text",
            )
            yield from self._choice(
                "import", "i", "Import a file", "OPML or a newsboat urls file: type or pick it."
            )
            yield from self._choice(
                "defaults",
                "w",
                "World news",
                f"Subscribe to the {self.default_feeds} built-in world-news feeds "
                "(BBC, Guardian, NPR, Al Jazeera, DW…).",
            )
            yield from self._choice("add", "a", "Add an address", "One feed, or a site's address.")
            yield from self._choice(
                "demo",
                "d",
                "Try the demo",
                "Sample news sites served from this computer, in a throw-away cache.",
            )
            yield Static(id="welcome-status")
        yield Footer()

    @staticmethod
    def _choice(name: str, key: str, label: str, text: str) -> ComposeResult:
        with Horizontal(classes="choice"):
            # The key in the footer's key colour: the choices read as the footer's keys do.
            # (The gap goes with the key: a text run that begins with spaces is drawn
            # without them by some SVG renderers, the screenshots' among them.)
            button_label = Content.assemble((f"{key}  ", "$footer-key-foreground"), label)
            yield Button(button_label, id=f"choose-{name}", compact=True)
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

    def action_import_file(self) -> None:
        def imported(report: ImportReport | None) -> None:
            if report is not None:
                self.dismiss(Welcomed("import", report.added, report=report))

        self.app.push_screen(ImportFileScreen(self.backend, Path.cwd()), imported)

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

    async def _defaults(self) -> Welcomed | str:
        added = await self.backend.subscribe_defaults()
        return Welcomed("defaults", added)

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#welcome-status", Static)
        status.update(Text(text))
        status.set_classes(kind)
