"""Long output on a terminal goes through the user's pager, as `git` and `man` do.

Only when standard output is a terminal: piped or redirected output is never paged.
`$PAGER` is used when set (split like a shell command line), else `less -R` (`-R` lets
colours through); `cat` means no pager. A pager that cannot be started leaves the
text to be printed as it would have been.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import threading

DEFAULT_PAGER = "less -R"


def terminal_size() -> os.terminal_size | None:
    """The size of the terminal standard output writes to; None when it writes elsewhere."""
    if not sys.stdout.isatty():
        return None
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation is both: no real descriptor
        return None
    # A terminal that never set its size (a bare pty, some serial consoles) says 0 x 0:
    # taken at its word, the article was rendered 0 columns wide, i.e. not at all.
    return size if size.columns > 0 and size.lines > 0 else None


def pager_command() -> list[str]:
    """The pager to run, as an argument list; [] when the user wants none."""
    try:
        command = shlex.split(os.environ.get("PAGER", "").strip() or DEFAULT_PAGER)
    except ValueError:  # unbalanced quotes: no pager rather than a guess
        return []
    return [] if command in ([], ["cat"]) else command


def page(text: str) -> bool:
    """Show `text` through the pager and wait for the user to leave it.

    False when no pager could be run, so that the caller prints the text instead.
    Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
    """
    command = pager_command()
    if not command:
        return False
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, text=True, encoding="utf-8")
    except OSError:
        return False
    # Ignored only once the pager has started: it must not inherit the ignoring.
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        pager.communicate(text)  # a pager quit early is no error (a broken pipe is ignored)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True
