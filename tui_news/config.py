"""The user's settings: a TOML file in the XDG config directory, with defaults.

Unknown keys are ignored and a wrong type falls back to the default, so a typo
in the config never stops newsterm from starting; `load_config` reports both.
"""

from __future__ import annotations

import json
import stat
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tui_news.config_filters import read_rules, read_views
from tui_news.core.filters.rules import IgnoreRule, SavedView
from tui_news.core.sync.settings import SyncSettings, settings_problem


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting newsterm reads. Field names are the TOML keys."""

    theme: str = "textual-dark"
    auto_refresh_minutes: int = 30
    refresh_on_start: bool = True
    full_text_prefetch: bool = True
    full_text_per_feed: int = 20
    full_text_per_host: int = 1
    mark_read_on_open: bool = True
    focus_reader_on_open: bool = True  # enter moves on to the reading pane (false: stay)
    text_width: int = 78  # the article's lines are at most this many characters
    images: bool = True  # lead pictures where the terminal can draw them
    concurrency: int = 16
    per_host_concurrency: int = 4
    timeout_seconds: float = 20.0
    max_response_bytes: int = 10 * 1024 * 1024
    min_interval_minutes: int = 10
    prune_after_days: int = 0
    browser: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    sync: SyncSettings | None = None
    views: tuple[SavedView, ...] = ()  # [views]: saved searches
    ignore: tuple[IgnoreRule, ...] = ()  # [[ignore]]: kill rules


# The range of each number. The least: 0 turns the two timers off, and a timeout of nan
# (which TOML allows) would make every fetch time out. The most: far beyond any real
# use, and small enough that no arithmetic on it overflows (a max_response_bytes of
# 2^63-1 made every gzip response raise OverflowError in zlib).
_BOUNDS: dict[str, tuple[float, float]] = {
    "auto_refresh_minutes": (0, 7 * 24 * 60),
    "min_interval_minutes": (0, 7 * 24 * 60),
    "prune_after_days": (0, 100 * 365),
    "concurrency": (1, 1024),
    "per_host_concurrency": (1, 256),
    "full_text_per_feed": (1, 10_000),
    "full_text_per_host": (1, 256),
    "max_response_bytes": (1, 1 << 30),
    "timeout_seconds": (0.1, 24 * 3600),
    "text_width": (30, 1000),
}


def load_config(path: Path) -> tuple[Config, list[str]]:
    """Read `path` (missing is fine); return the config and any problems found."""
    if not path.exists():
        return Config(), []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Config(), [f"{path}: {error}; using defaults"]
    config, problems = _from_mapping(raw, str(path))
    if config.sync is not None and config.sync.password and _readable_by_others(path):
        problems.append(
            f"{path} holds the sync password and other users can read it: "
            f"run `chmod 600 {path}`, or use password_command"
        )
    return config, problems


def _readable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH))
    except OSError:
        return False


def _from_mapping(raw: dict[str, Any], origin: str) -> tuple[Config, list[str]]:
    problems: list[str] = []
    values: dict[str, Any] = {}
    if "sync" in raw:
        raw = dict(raw)
        values["sync"] = _sync(raw.pop("sync"), origin, problems)
    defaults = Config()
    known = {spec.name for spec in fields(Config)}
    # A misspelt name would otherwise do nothing, silently.
    problems += [
        f"{origin}: unknown setting {name!r}; ignored" for name in raw if name not in known
    ]
    if "views" in raw:
        values["views"] = read_views(raw["views"], origin, problems)
    if "ignore" in raw:
        values["ignore"] = read_rules(raw["ignore"], origin, problems)
    for spec in fields(Config):
        if spec.name not in raw or spec.name in ("sync", "views", "ignore"):
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
        if isinstance(value, dict):  # [keys], the one table
            value = _keymap(value, origin, problems)
        elif spec.name in _BOUNDS and not _BOUNDS[spec.name][0] <= value <= _BOUNDS[spec.name][1]:
            least, most = _BOUNDS[spec.name]
            problems.append(
                f"{origin}: {spec.name} should be from {_number(least)} to {_number(most)}, "
                f"got {value!r}; using {default!r}"
            )
            continue
        values[spec.name] = value
    return Config(**values), problems


def shown_name(name: str) -> str:
    """A name from the file as a message shows it: quoted and escaped when it holds
    anything a terminal would act on or hide (ESC, other controls, bidi overrides)."""
    return name if name.isprintable() else repr(name)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _sync(table: object, origin: str, problems: list[str]) -> SyncSettings | None:
    """[sync], or None (with the reason) when it cannot work: sync stays off then."""
    if not isinstance(table, dict):
        problems.append(f"{origin}: sync should be a table ([sync]); sync is off")
        return None
    known = {spec.name for spec in fields(SyncSettings)}
    problems += [
        f"{origin}: unknown setting sync.{name!r}; ignored" for name in table if name not in known
    ]
    values = {name: table.get(name, "") for name in known}
    wrong = [name for name, value in values.items() if not isinstance(value, str)]
    if wrong:
        problems.append(f"{origin}: sync.{wrong[0]} should be a string; sync is off")
        return None
    settings = SyncSettings(**{name: value.strip() for name, value in values.items()})
    problem = settings_problem(settings)
    if problem is None:
        return settings
    problems.append(f"{origin}: {problem}; sync is off")
    return None


def _keymap(table: dict[str, Any], origin: str, problems: list[str]) -> dict[str, str]:
    """[keys]: command id → keys. A list of keys means what "s,f5" means."""
    keymap: dict[str, str] = {}
    for command, keys in table.items():
        if isinstance(keys, list) and keys and all(isinstance(key, str) for key in keys):
            keys = ",".join(keys)
        if isinstance(keys, str):
            keymap[command] = keys
        else:
            example = 'a key such as "ctrl+n"'
            problems.append(
                f"{origin}: keys.{shown_name(command)} should be {example}, got {keys!r}; ignored"
            )
    return keymap


def save_setting(path: Path, name: str, value: str | int | bool) -> None:
    """Write one top-level setting, keeping the rest of the file as it is.

    The old value's line keeps its trailing comment; a value spread over several lines
    (a multi-line string or array) is replaced whole.
    """
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rendered = f"{name} = {_toml_value(value)}"
    top = _first_table(lines)
    first = _setting_line(lines[:top], name)
    if first is None:
        lines.insert(top, rendered)
    else:
        last = _value_end(lines, first)
        lines[first : last + 1] = [rendered + _trailing_comment(lines[first : last + 1])]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _first_table(lines: list[str]) -> int:
    """The index of the first [table] header, or len(lines): top-level keys go above it.

    A key of the same name below a header is another setting. A header may be indented,
    and a line of a multi-line array may open with "[" too: a header is a "[" line that
    everything above it parses without.
    """
    starts = [index for index, line in enumerate(lines) if line.lstrip().startswith("[")]
    for index in starts:
        if _parses("\n".join(lines[:index])) is not None:
            return index
    # A file broken above its tables: the first line that opens with "[" is the best guess.
    return next((i for i in starts if lines[i].startswith("[")), len(lines))


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
