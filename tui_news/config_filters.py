"""The config's saved searches (`[views]`) and kill rules (`[[ignore]]`): read and written.

    [views]
    "Ukraine" = 'unread and tag:world and title =~ "ukraine"'

    [[ignore]]
    expression = 'title =~ "sponsored"'
    feeds = ["https://example.org/feed.xml"]   # optional: only these feeds
    tags = ["news"]                              # optional: only feeds with these tags

An entry that does not parse is reported and left out, as any other bad setting is:
a kill rule that cannot be read hides nothing, so no story goes missing because of a
typo. Writing keeps the rest of the file as the user wrote it and checks the result
by reading it back.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui_news.core.errors import NewstermError
from tui_news.core.filters import FilterError
from tui_news.core.filters.rules import IgnoreRule, SavedView

_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
# What a TOML literal string ('…') cannot hold: its own quote, line breaks, controls.
_NOT_LITERAL_RE = re.compile("['\x00-\x1f\x7f]")


class ConfigEditError(NewstermError):
    """The config file could not be changed; `str()` says why in one line."""


def read_views(raw: object, origin: str, problems: list[str]) -> tuple[SavedView, ...]:
    if not isinstance(raw, dict):
        problems.append(f'{origin}: views should be a table of name = "expression"; ignored')
        return ()
    views: list[SavedView] = []
    for name, expression in raw.items():
        if not isinstance(expression, str):
            problems.append(f"{origin}: views.{name} should be a string; ignored")
            continue
        try:
            views.append(SavedView.parse(name, expression))
        except FilterError as error:
            problems.append(f"{origin}: views.{name}: {error}; ignored")
    return tuple(views)


def read_rules(raw: object, origin: str, problems: list[str]) -> tuple[IgnoreRule, ...]:
    if not isinstance(raw, list):
        problems.append(f"{origin}: ignore should be [[ignore]] entries; ignored")
        return ()
    rules: list[IgnoreRule] = []
    for number, entry in enumerate(raw, 1):
        where = f"{origin}: [[ignore]] number {number}"
        expression = entry.get("expression") if isinstance(entry, dict) else None
        if not isinstance(expression, str):
            problems.append(f'{where} needs expression = "…"; it hides nothing')
            continue
        scope = {key: entry.get(key, []) for key in ("feeds", "tags")}
        if not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in scope.values()
        ):
            problems.append(f"{where}: feeds and tags should be lists of strings; it hides nothing")
            continue
        try:
            rules.append(
                IgnoreRule.parse(expression, feeds=tuple(scope["feeds"]), tags=tuple(scope["tags"]))
            )
        except FilterError as error:
            problems.append(f"{where}: {error}; it hides nothing")
    return tuple(rules)


def save_view(path: Path, name: str, expression: str) -> None:
    """Add or replace the saved search `name`; raises ConfigEditError."""
    lines = _lines(path)
    line = f"{toml_key(name)} = {toml_string(expression)}"
    header = _table_header(lines, "views")
    if header is None:
        if "views" in _parsed(path, lines):
            raise ConfigEditError(f"{path} spells [views] in a way newsterm cannot edit")
        lines += ([""] if lines and lines[-1].strip() else []) + ["[views]", line]
    else:
        end = _table_end(lines, header)
        existing = _key_line(lines[header + 1 : end], name)
        if existing is None:
            lines.insert(end, line)
        else:
            lines[header + 1 + existing] = line
    _write_checked(path, lines, lambda data: data.get("views", {}).get(name) == expression)


def remove_view(path: Path, name: str) -> bool:
    """Delete the saved search `name`; False if there is none. Raises ConfigEditError."""
    lines = _lines(path)
    header = _table_header(lines, "views")
    if header is None:
        return False
    existing = _key_line(lines[header + 1 : _table_end(lines, header)], name)
    if existing is None:
        return False
    del lines[header + 1 + existing]
    _write_checked(path, lines, lambda data: name not in data.get("views", {}))
    return True


def add_rules(path: Path, rules: list[IgnoreRule]) -> None:
    """Append `rules` as [[ignore]] entries; raises ConfigEditError."""
    if not rules:
        return
    lines = _lines(path)
    before = len(_parsed(path, lines).get("ignore", []))
    for rule in rules:
        lines += ([""] if lines and lines[-1].strip() else []) + ["[[ignore]]"]
        lines.append(f"expression = {toml_string(rule.expression)}")
        for key, values in (("feeds", rule.feeds), ("tags", rule.tags)):
            if values:
                lines.append(f"{key} = [{', '.join(toml_string(value) for value in values)}]")
    _write_checked(path, lines, lambda data: len(data.get("ignore", [])) == before + len(rules))


def toml_key(name: str) -> str:
    return name if _BARE_KEY_RE.fullmatch(name) else _basic_string(name)


def toml_string(value: str) -> str:
    """A literal string ('…', no escapes: a regular expression stays as typed) when it
    can hold `value`, else a basic string."""
    return f"'{value}'" if not _NOT_LITERAL_RE.search(value) else _basic_string(value)


def _basic_string(value: str) -> str:
    # JSON's escapes are all valid in a TOML basic string; TOML also forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigEditError(f"cannot read {path}: {error}") from None


def _parsed(path: Path, lines: list[str]) -> dict[str, Any]:
    try:
        return tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as error:
        raise ConfigEditError(f"{path} is not valid TOML ({error}); fix it first") from None


def _table_header(lines: list[str], table: str) -> int | None:
    for index, line in enumerate(lines):
        stripped = line.split("#", 1)[0].strip()
        single = stripped.startswith("[") and not stripped.startswith("[[")
        if single and stripped.endswith("]") and stripped[1:-1].strip().strip("\"'") == table:
            return index
    return None


def _table_end(lines: list[str], header: int) -> int:
    """The index after the table's last line: the next header, or the end of the file
    (blank lines and comments just before the next header stay with that header)."""
    end = len(lines)
    for index in range(header + 1, len(lines)):
        if lines[index].lstrip().startswith("["):
            end = index
            break
    while end > header + 1 and not lines[end - 1].split("#", 1)[0].strip():
        end -= 1
    return end


def _key_line(lines: list[str], name: str) -> int | None:
    for index, line in enumerate(lines):
        if "=" not in line:
            continue
        key = line.split("=", 1)[0].strip()
        try:
            if key == name or tomllib.loads(f"{key} = 0").get(name) == 0:
                return index
        except tomllib.TOMLDecodeError:
            continue
    return None


def _write_checked(path: Path, lines: list[str], check: Callable[[dict[str, Any]], bool]) -> None:
    """Write `lines` in place of the file, atomically, if they read back as intended."""
    text = "\n".join(lines) + "\n"
    try:
        ok = check(tomllib.loads(text))
    except tomllib.TOMLDecodeError:
        ok = False
    if not ok:
        raise ConfigEditError(f"could not change {path} safely; edit it by hand")
    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.resolve()
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
        if target.exists():
            os.chmod(temp_name, target.stat().st_mode & 0o7777)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
