"""The core, the reader and the CLI never import Textual (a fresh interpreter proves it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
import tui_news.cli
imported = ["tui_news.cli"]
for name in ("tui_news.core", "tui_news.reader"):
    package = importlib.import_module(name)
    imported.append(name)
    for module in pkgutil.walk_packages(package.__path__, prefix=name + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
textual = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"imported": imported, "textual": textual}))
"""


def test_headless_packages_do_not_import_textual() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert "tui_news.core.refresh.refresher" in report["imported"]
    assert "tui_news.core.net.fetch" in report["imported"]
    assert report["textual"] == [], f"textual imported by the headless core: {report['textual']}"
