"""Where newsterm keeps its files (XDG base directories through platformdirs).

The database holds subscriptions, stories *and* the extracted-article cache: one
file, so that a crash or a copy never leaves the two out of step, and reading
offline needs nothing else. So newsterm writes nothing under XDG_CACHE_HOME.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "newsterm"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The data and config directories for one run."""

    data_dir: Path
    config_dir: Path

    @classmethod
    def default(cls, data_dir: Path | None = None) -> AppPaths:
        """The XDG locations, or everything under `data_dir` when given.

        platformdirs honours XDG_DATA_HOME and XDG_CONFIG_HOME.
        """
        if data_dir is not None:
            return cls(data_dir, data_dir)
        return cls(user_data_path(APP_NAME), user_config_path(APP_NAME))

    @property
    def database(self) -> Path:
        return self.data_dir / "newsterm.db"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    def ensure(self) -> AppPaths:
        for directory in (self.data_dir, self.config_dir):
            directory.mkdir(parents=True, exist_ok=True)
        return self
