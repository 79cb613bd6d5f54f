"""First paint where the user sees it: a real terminal (tmux), an installed newsterm.

`installed_newsterm` builds a wheel of this tree and installs it in a virtual environment
of its own, as `pip install` leaves it (byte-compiled, dependencies from the registry or
pip's cache). `Terminal` runs one program at a time in a detached tmux pane of a fixed
size, from a server of its own (`tmux -L`), and times launch → a given text on screen
by polling `capture-pane`; then it reads the program's resident memory from /proc.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLL = 0.005  # seconds between two looks at the screen


def installed_newsterm(venv: Path) -> Path:
    """The `newsterm` script of a venv holding a wheel built from this tree."""
    wheels = venv.parent / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    for old in wheels.glob("*.whl"):
        old.unlink()
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("newsterm-*.whl")
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [venv / "bin" / "pip", "install", "-q", str(wheel)], check=True, capture_output=True
        )
    else:  # the dependencies are there already: only this tree's code changes
        subprocess.run(
            [venv / "bin" / "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
            check=True,
            capture_output=True,
        )
    return venv / "bin" / "newsterm"


@dataclass(frozen=True, slots=True)
class Paint:
    seconds: list[float]  # launch → each text on screen
    rss_mib: float  # the program's resident memory just after
    rss_later_mib: float  # and `settle` seconds later


class Terminal:
    """One detached tmux session of `width`×`height` on a private server."""

    def __init__(self, width: int, height: int) -> None:
        self.socket = f"newsterm-bench-{os.getpid()}"
        self.width, self.height = width, height
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("TMUX")}
        self._tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "bench",
            "-x", str(width), "-y", str(height), "sleep 100000",
        )  # fmt: skip
        self._tmux("set-option", "-g", "remain-on-exit", "on")
        self._tmux("set-option", "-g", "default-terminal", "tmux-256color")

    def close(self) -> None:
        self._tmux("kill-server", check=False)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def first_paint(
        self, command: list[str], texts: list[str], *, env: dict[str, str], settle: float = 2.0
    ) -> Paint:
        """Start `command`, time it until each of `texts` shows; then measure and quit it."""
        shell = " ".join(_quote(part) for part in command)
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        started = time.perf_counter()
        self._tmux("respawn-pane", "-k", "-t", "bench", f"exec env {exports} {shell}")
        deadline = started + 300
        seen: dict[str, float] = {}
        while len(seen) < len(texts):
            screen = self.screen()
            now = time.perf_counter()
            for text in texts:
                if text not in seen and text in screen:
                    seen[text] = now - started
            if now > deadline:
                raise RuntimeError(f"{command[0]} never showed {texts!r}:\n{screen}")
            time.sleep(POLL)
        pid = int(self._tmux("display-message", "-p", "-t", "bench", "#{pane_pid}"))
        time.sleep(0.3)
        rss = _rss_mib(pid)
        time.sleep(settle)
        later = _rss_mib(pid)
        self.quit()
        return Paint([seen[text] for text in texts], rss, later)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "bench")

    def quit(self) -> None:
        """Press q, as a user would; kill the program if it has not gone in 10 s."""
        self._tmux("send-keys", "-t", "bench", "q")
        deadline = time.perf_counter() + 10
        while self._tmux("display-message", "-p", "-t", "bench", "#{pane_dead}") != "1":
            if time.perf_counter() > deadline:
                self._tmux("respawn-pane", "-k", "-t", "bench", "sleep 100000")
                return
            time.sleep(0.05)

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=check,
        )
        return done.stdout.strip()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _rss_mib(pid: int) -> float:
    """Resident memory of `pid` and its children (parse or extraction workers), MiB."""
    total = 0
    for proc in [pid, *_descendants(pid)]:
        try:
            status = Path(f"/proc/{proc}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *_descendants(child)]
    return found
