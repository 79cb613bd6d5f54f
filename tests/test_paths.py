"""Files go where XDG says, or under --data-dir."""

from __future__ import annotations

from pathlib import Path

from tui_news.entry import main
from tui_news.paths import AppPaths


def test_xdg_directories_are_honoured(isolated_home: Path) -> None:
    paths = AppPaths.default()
    assert paths.database == isolated_home / "xdg_data_home" / "newsterm" / "newsterm.db"
    assert paths.config_file == isolated_home / "xdg_config_home" / "newsterm" / "config.toml"


def test_data_dir_holds_everything(tmp_path: Path, isolated_home: Path) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "feeds"]) == 0
    assert (tmp_path / "d" / "newsterm.db").exists()
    assert not (isolated_home / "xdg_data_home").exists()


def test_cli_writes_the_database_under_xdg_data_home(isolated_home: Path) -> None:
    assert main(["feeds"]) == 0
    assert (isolated_home / "xdg_data_home" / "newsterm" / "newsterm.db").exists()
    assert not (isolated_home / "xdg_cache_home").exists()
