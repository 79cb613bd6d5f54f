"""coldsweat's command line (setup, import, fetch) without a Python start-up per command.

`python cs_ci.py setup …` spent most of its 0.3-0.4 s of CPU importing Flask, SQLAlchemy
and coldsweat, and the tests run about 80 such commands. A runner process in coldsweat's
venv imports them once and forks a child per command: each command still runs in a
process of its own, from a state in which nothing has run yet, with its own output, and
exits with its own code.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import threading
from pathlib import Path

# Appended to the launcher's lines (its patches and `from coldsweat import cli`).
_LOOP = """
import json, os, sys, traceback

for line in sys.stdin:
    args, out, err = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            for fd, path in ((1, out), (2, err)):
                os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
            sys.argv = ["cs_ci.py", *args]
            cli()
            code = 0
        except SystemExit as stop:
            if stop.code is None or isinstance(stop.code, int):
                code = stop.code or 0
            else:
                print(stop.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


class CommandRunner:
    """Runs `cs_ci.py ARGS` as forks of one process that has coldsweat imported."""

    def __init__(self, python: Path, launcher: str, workdir: Path, env: dict[str, str]) -> None:
        self.python, self.workdir, self.env = python, workdir, env
        self.script = workdir / "cs_commands.py"
        self.script.write_text(launcher.removesuffix("cli()\n") + _LOOP)
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def run(self, *args: str, timeout: float = 120) -> tuple[int, str, str]:
        """(exit code, standard output, standard error) of one command."""
        out, err = self.workdir / "command.out", self.workdir / "command.err"
        with self._lock:
            process = self._started()
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps([args, str(out), str(err)]).encode() + b"\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], timeout)
            answer = process.stdout.readline() if ready else b""
            if not answer:
                self._end()
                raise ChildProcessError(f"no answer to {args[0]} within {timeout:.0f} s")
            return int(answer), out.read_text(), err.read_text()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [str(self.python), str(self.script)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=self.env,
                start_new_session=True,  # a command stuck past its time goes with it
            )
        return self._process

    def close(self) -> None:
        with self._lock:
            self._end()

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()  # the runner's loop ends at the end of its input
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        process.stdout.close()
