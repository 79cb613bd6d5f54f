"""The user's settings: a TOML file in the XDG config directory, with defaults.

Unknown keys are ignored and a wrong type falls back to the default, so a typo
in the config never stops newsterm from starting; `load_config` reports both.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting newsterm reads. Field names are the TOML keys."""

    theme: str = "textual-dark"
    auto_refresh_minutes: int = 30
    refresh_on_start: bool = True
    full_text_prefetch: bool = False
    mark_read_on_open: bool = True
    concurrency: int = 16
    per_host_concurrency: int = 4
    timeout_seconds: float = 20.0
    max_response_bytes: int = 10 * 1024 * 1024
    min_interval_minutes: int = 10
    browser: str = ""
    keys: dict[str, str] = field(default_factory=dict)


def load_config(path: Path) -> tuple[Config, list[str]]:
    """Read `path` (missing is fine); return the config and any problems found."""
    if not path.exists():
        return Config(), []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Config(), [f"{path}: {error}; using defaults"]
    return _from_mapping(raw, str(path))


def _from_mapping(raw: dict[str, Any], origin: str) -> tuple[Config, list[str]]:
    problems: list[str] = []
    values: dict[str, Any] = {}
    defaults = Config()
    known = {spec.name for spec in fields(Config)}
    # A misspelt name would otherwise do nothing, silently.
    problems += [
        f"{origin}: unknown setting {name!r}; ignored" for name in raw if name not in known
    ]
    for spec in fields(Config):
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        default = getattr(defaults, spec.name)
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(
            value, type(default) if not isinstance(default, float) else (int, float)
        ):
            problems.append(
                f"{origin}: {spec.name} should be {type(default).__name__}, "
                f"got {value!r}; using {default!r}"
            )
            continue
        if spec.name == "keys" and isinstance(value, dict):
            value = {str(k): str(v) for k, v in value.items()}
        values[spec.name] = value
    return Config(**values), problems


def save_setting(path: Path, name: str, value: str | int | bool) -> None:
    """Write one top-level setting, keeping the rest of the file as it is."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rendered = f"{name} = {_toml_value(value)}"
    for index, line in enumerate(lines):
        if line.split("=", 1)[0].strip() == name and not line.lstrip().startswith("#"):
            lines[index] = rendered
            break
    else:
        # Top-level keys must come before any [table] header.
        insert_at = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
        lines.insert(insert_at, rendered)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml_value(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
