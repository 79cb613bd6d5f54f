"""Settings from config.toml: defaults, mistakes reported (never fatal), save_setting."""

from __future__ import annotations

from pathlib import Path

from tui_news.config import Config, load_config, save_setting


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_misspelt_setting_is_reported_and_the_rest_apply(tmp_path: Path) -> None:
    config, problems = load_config(
        write(tmp_path, "auto_refresh_minute = 5\nconcurrency = 4\n[keys]\nquit = 'ctrl+q'\n")
    )
    assert config == Config(concurrency=4, keys={"quit": "ctrl+q"})
    assert problems == [
        f"{tmp_path / 'config.toml'}: unknown setting 'auto_refresh_minute'; ignored"
    ]


def test_a_wrong_type_falls_back_to_the_default(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, 'concurrency = "8"\ntimeout_seconds = 5\n'))
    assert config.concurrency == 16 and config.timeout_seconds == 5
    assert len(problems) == 1 and "concurrency should be int" in problems[0]


def test_broken_toml_starts_with_defaults(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "theme = \n"))
    assert config == Config() and len(problems) == 1


def test_save_setting_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "# mine\nconcurrency = 4\n[keys]\nquit = 'ctrl+q'\n")
    save_setting(path, "theme", "nord")
    save_setting(path, "theme", 'say "hi"')
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(theme='say "hi"', concurrency=4, keys={"quit": "ctrl+q"})
    assert path.read_text(encoding="utf-8").startswith("# mine\n")
