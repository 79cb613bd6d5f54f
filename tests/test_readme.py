"""The README's promises: its config example is valid, its test command is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from tui_news.config import load_config
from tui_news.ui.commands import BY_ID

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_the_config_example_loads_without_a_problem(tmp_path: Path) -> None:
    (example,) = code_blocks("toml")
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "nord" and config.keys["next_unread"] == "ctrl+n"
    assert set(config.keys) <= set(BY_ID)


def test_ci_runs_the_readme_test_command() -> None:
    commands = [line for block in code_blocks("sh") for line in block.splitlines()]
    test_command = next(line for line in commands if "pytest" in line)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
