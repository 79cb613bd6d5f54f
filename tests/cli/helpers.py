"""Run `newsterm` in-process against a throw-away data directory."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tui_news.entry import main


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def newsterm(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Run:
    """`newsterm --data-dir DATA_DIR ARGS`; argparse's own exits count as exit codes."""
    capsys.readouterr()
    try:
        code = main(["--data-dir", str(data_dir), *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
