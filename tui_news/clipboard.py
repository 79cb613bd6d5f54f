"""Copying text with the desktop's own clipboard program: wl-copy, xclip, xsel or pbcopy.

Headless and blocking (it runs a program): the app calls it on a thread. When none of
them can work here, `copy_text` says so by returning None, and the caller falls back to
OSC 52, which only some terminals (and tmux only with `set-clipboard on`) act on, so
that it can tell the user where the text went instead of claiming it was copied.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tui_news.core.errors import NewstermError

TIMEOUT = 3.0


class ClipboardError(NewstermError):
    """A clipboard program was there but failed; `str()` says which and how."""


@dataclass(frozen=True, slots=True)
class ClipboardTool:
    name: str
    arguments: tuple[str, ...]
    needs: str  # the environment variable naming the display it talks to ("" for none)


# In order of preference: Wayland's own first, since an X tool under XWayland may write a
# clipboard that Wayland programs do not read.
TOOLS = (
    ClipboardTool("wl-copy", (), "WAYLAND_DISPLAY"),
    ClipboardTool("xclip", ("-selection", "clipboard"), "DISPLAY"),
    ClipboardTool("xsel", ("--clipboard", "--input"), "DISPLAY"),
    ClipboardTool("pbcopy", (), ""),
)


def find_tool(
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> tuple[ClipboardTool, str] | None:
    """The first clipboard program installed whose display is there, with its path."""
    env = os.environ if env is None else env
    for tool in TOOLS:
        if tool.needs and not env.get(tool.needs):
            continue
        if tool.name == "pbcopy" and sys.platform != "darwin":
            continue  # a pbcopy elsewhere is someone's shim, not the macOS pasteboard
        path = which(tool.name)
        if path:
            return tool, path
    return None


def copy_text(
    text: str,
    *,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> str | None:
    """Put `text` on the clipboard; the program's name, or None when there is none here.

    Raises ClipboardError when the program failed. Its output goes nowhere: xclip and
    wl-copy stay behind to serve the selection, and would hold a pipe open for ever.
    """
    found = find_tool(env, which)
    if found is None:
        return None
    tool, path = found
    try:
        done = subprocess.run(
            [path, *tool.arguments],
            input=text.encode(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ClipboardError(f"{tool.name} failed: {error}") from None
    if done.returncode != 0:
        raise ClipboardError(f"{tool.name} failed (exit status {done.returncode})")
    return tool.name
