"""Import a subscription file (the welcome screen's `i`): its path typed, or picked.

The box takes a path (`~` works, and a path pasted quoted; a relative one is from the
directory newsterm was started in). Below it, the files that are likely subscription
lists (OPML, XML, text, newsboat's `urls`) in that directory and its folders, to pick
with the arrow keys or j/k and enter. A folder typed into the box and entered shows its
files instead. Tab moves between the box and the files. The import is `newsterm
import`'s (the service's), on the store thread; a refusal is shown here, and the dialog
stays.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DirectoryTree, Footer, Input, Static

from tui_news.core.subscriptions.records import ImportReport
from tui_news.service import ImportFileError
from tui_news.ui.backend import Backend
from tui_news.ui.screens.type_ahead import TypeAheadDialog
from tui_news.ui.text import inert
from tui_news.ui.widgets.text_box import TextBox

LIST_SUFFIXES = frozenset({".opml", ".xml", ".txt"})
LIST_NAMES = frozenset({"urls"})  # newsboat's
# Hidden folders are skipped, except where newsboat keeps its urls file.
HIDDEN_FOLDERS = frozenset({".newsboat", ".config"})


def likely_list(path: Path) -> bool:
    """Whether `path` (a file) may be a subscription list, by its name alone."""
    return path.suffix.lower() in LIST_SUFFIXES or path.name in LIST_NAMES


class SubscriptionFiles(DirectoryTree):
    """A directory tree of folders and likely subscription lists; j/k move too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        # Runs in the tree's loading thread: stat calls do not hold up the loop.
        shown = []
        for path in paths:
            try:
                folder = path.is_dir()
            except OSError:
                continue
            if path.name.startswith("."):
                wanted = folder and path.name in HIDDEN_FOLDERS
            else:
                wanted = folder or likely_list(path)
            if wanted:
                shown.append(path)
        return shown


class ImportFileScreen(TypeAheadDialog[ImportReport | None]):
    """Dismisses with the report of an import that subscribed to something, or None."""

    DEFAULT_CSS = """
    #import-file { width: 80; height: 90%; }
    #import-file .dialog-title { margin: 0; }
    #import-files { height: 1fr; min-height: 4; margin: 1 0 0 0; border: round $border; }
    #import-status { height: auto; min-height: 1; margin: 1 0 0 0; }
    #import-status.-error { color: $text-error; }
    #import-status.-busy { color: $text-accent; text-style: italic; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, backend: Backend, start: Path) -> None:
        """`start`: the folder whose files are shown first (and relative paths' base)."""
        super().__init__(classes="dialog-screen")
        self.backend = backend
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-file"):
            yield Static("Import a file", classes="dialog-title")
            yield Static(
                "Type the path of an OPML or newsboat urls file (or a folder), or tab to "
                "the files below and pick one.",
                classes="dialog-text",
            )
            yield TextBox(placeholder="~/.newsboat/urls or subscriptions.opml", id="import-path")
            yield SubscriptionFiles(self.start, id="import-files")
            yield Static(id="import-status")
        yield Footer()

    def on_mount(self) -> None:
        files = self.query_one("#import-files", SubscriptionFiles)
        files.show_root = False  # the border names the folder
        files.border_title = str(self.start)
        self.set_focus(self.query_one("#import-path", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            self._status("Type the path of an OPML or newsboat urls file.", "-error")
            return
        path = typed_path(typed, self.start)
        if _is_folder(path):
            self._show_folder(path)
        else:
            self._import(path, typed)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#import-path", Input).value = str(event.path)
        self._import(event.path, str(event.path))

    def _show_folder(self, folder: Path) -> None:
        files = self.query_one("#import-files", SubscriptionFiles)
        files.path = folder
        files.border_title = str(folder)
        self.set_focus(files)
        self._status(f"The lists in {folder}: pick one with enter.")

    def _import(self, path: Path, typed: str) -> None:
        self._status(f"Importing {typed}…", "-busy")
        self._run(path)

    @work(exclusive=True, group="import-file", exit_on_error=False)
    async def _run(self, path: Path) -> None:
        try:
            report = await self.backend.import_file(path)
        except ImportFileError as refusal:
            self._status(inert(str(refusal)), "-error")
        except Exception as error:  # the store itself failed: say so, stay open
            self._status(inert(str(error)) or type(error).__name__, "-error")
        else:
            if report.added:
                self.dismiss(report)
            else:
                self._status(_nothing_imported(report), "-error")

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#import-status", Static)
        status.update(Text(text))
        status.set_classes(kind)


def typed_path(typed: str, start: Path) -> Path:
    """The path a user typed: `~` expanded, a relative one from `start`. One pasted
    quoted (a file manager's drag and drop) or with its spaces escaped (a shell's tab
    completion) is unquoted when no file has the name as typed."""
    path = start / Path(typed).expanduser()
    if _exists(path):
        return path
    try:
        words = shlex.split(typed)
    except ValueError:  # an unpaired quote: a name with an apostrophe in it
        return path
    return start / Path(words[0]).expanduser() if len(words) == 1 else path


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long, a NUL: no such file, said on reading
        return False


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _nothing_imported(report: ImportReport) -> str:
    """Why an import that went through subscribed to nothing."""
    if report.already:
        return "Every feed in that file is subscribed already."
    reasons = [*report.problems, *report.skipped][:2]
    return "No feed found in that file" + (f": {inert('; '.join(reasons))}" if reasons else ".")
