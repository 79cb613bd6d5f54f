"""Settings from config.toml: defaults, mistakes reported (never fatal), save_setting."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_key_binding_that_is_not_a_string_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[keys]\nquit = "ctrl+q"\ntoggle_star = ["s", "f5"]\nnext_unread = 5\n'
        "[keys.refresh]\nall = 'R'\n",
    )
    config, problems = load_config(path)
    # a list of keys is what "s,f5" means; anything else cannot be a key
    assert config.keys == {"quit": "ctrl+q", "toggle_star": "s,f5"}
    assert problems == [
        f'{path}: keys.next_unread should be a key such as "ctrl+n", got 5; ignored',
        f"{path}: keys.refresh should be a key such as \"ctrl+n\", got {{'all': 'R'}}; ignored",
    ]


@pytest.mark.parametrize(
    "line, name",
    [
        ("timeout_seconds = nan", "timeout_seconds"),  # every fetch "timed out after nan s"
        ("timeout_seconds = inf", "timeout_seconds"),
        ("timeout_seconds = 0", "timeout_seconds"),
        ("concurrency = 0", "concurrency"),
        ("per_host_concurrency = -1", "per_host_concurrency"),
        ("max_response_bytes = 0", "max_response_bytes"),
        ("auto_refresh_minutes = -5", "auto_refresh_minutes"),
        ("min_interval_minutes = -1", "min_interval_minutes"),
    ],
)
def test_a_number_out_of_range_is_reported_and_falls_back(
    tmp_path: Path, line: str, name: str
) -> None:
    config, problems = load_config(write(tmp_path, line + "\n"))
    assert getattr(config, name) == getattr(Config(), name)
    assert len(problems) == 1 and f"{name} should be" in problems[0]


def test_zero_is_fine_where_it_means_off(tmp_path: Path) -> None:
    config, problems = load_config(
        write(tmp_path, "auto_refresh_minutes = 0\nmin_interval_minutes = 0\n")
    )
    assert (config.auto_refresh_minutes, config.min_interval_minutes, problems) == (0, 0, [])
