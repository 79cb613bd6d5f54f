"""The user's settings: a TOML file in the XDG config directory, with defaults.

Unknown keys are ignored and a wrong type falls back to the default, so a typo
in the config never stops newsterm from starting; `load_config` reports both.
"""

from __future__ import annotations

import json
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
    """Write one top-level setting, keeping the rest of the file as it is.

    The old value's line keeps its trailing comment; a value spread over several lines
    (a multi-line string or array) is replaced whole.
    """
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rendered = f"{name} = {_toml_value(value)}"
    # Top-level keys come before any [table] header; a key of that name below one is
    # another setting.
    top = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    first = _setting_line(lines[:top], name)
    if first is None:
        lines.insert(top, rendered)
    else:
        last = _value_end(lines, first)
        lines[first : last + 1] = [rendered + _trailing_comment(lines[first : last + 1])]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _setting_line(lines: list[str], name: str) -> int | None:
    """The index of the line that sets `name` (bare or quoted key), if any."""
    spellings = {name, f'"{name}"', f"'{name}'"}
    for index, line in enumerate(lines):
        if "=" in line and line.split("=", 1)[0].strip() in spellings:
            return index
    return None


# Where a value ends and its comment begins is asked of tomllib rather than worked out
# by hand: TOML's four kinds of string make "is this # quoted?" easy to get wrong.


def _parses(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _value_end(lines: list[str], first: int) -> int:
    """The last line of the key/value pair starting at `first` (itself if unparsable)."""
    for last in range(first, len(lines)):
        if _parses("\n".join(lines[first : last + 1])) is not None:
            return last
    return first


def _trailing_comment(pair: list[str]) -> str:
    """The comment after the value on the pair's last line, with the blanks before it."""
    whole = _parses("\n".join(pair))
    if whole is None:
        return ""
    head, last = pair[:-1], pair[-1]
    for position, char in enumerate(last):
        # Cut at a # inside a string and the string is left open or shorter.
        if char == "#" and _parses("\n".join([*head, last[:position]])) == whole:
            return last[len(last[:position].rstrip()) :]
    return ""


def _toml_value(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # JSON's escapes are all valid in a TOML basic string; TOML also forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
