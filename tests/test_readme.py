"""The README's promises, checked against the code it describes.

Its config example is the real defaults, its key table is the command list, every
`newsterm …` it shows parses, its figures come from bench/README.md, and the module map
in docs/ARCHITECTURE.md names the files that exist. When one of these fails, the doc or
the code moved without the other.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from tui_news.cli import build_parser
from tui_news.config import Config, load_config
from tui_news.core.filters import FilterError, parse_filter
from tui_news.core.filters.newsboat import convert_newsboat_filter
from tui_news.core.subscriptions.defaults import default_feeds
from tui_news.demo.session import DEMO_PORT
from tui_news.ui.commands import ALL_COMMANDS, BY_ID
from tui_news.ui.pane_widths import NARROW_WIDTH, STACKED_WIDTH

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
BENCH_README = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")

# How the README spells a key whose Textual name is not what is printed on the keyboard.
KEY_SPELLING = {
    "down": "↓",
    "up": "↑",
    "slash": "/",
    "question_mark": "?",
    "escape": "esc",
    "pagedown": "pgdn",
    "pageup": "pgup",
}
TEXTUAL_KEYS = {"ctrl+p"}  # the command palette: Textual's own binding, not a command
EXAMPLES = {"keys", "views", "ignore"}  # config tables the README fills with examples


def code_blocks(language: str, text: str | None = None) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README if text is None else text, flags=re.S)


def section(title: str) -> str:
    match = re.search(rf"^##+ {title}\n(.*?)(?=^##+ )", README, flags=re.S | re.M)
    assert match, f"no section {title!r} in the README"
    return match.group(1)


def test_the_config_example_is_every_setting_at_its_default(tmp_path: Path) -> None:
    example = code_blocks("toml")[0]
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    raw = tomllib.loads(example)
    # Sync is off by default: the [sync] example has a section of its own.
    assert set(raw) | {"sync"} == {spec.name for spec in fields(Config)}, "a setting is missing"
    defaults = Config()
    for name, value in raw.items():
        if name not in EXAMPLES:
            assert value == getattr(defaults, name), f"{name}: the README says {value!r}"
        else:
            assert not getattr(defaults, name), f"{name}: the README says there are none"
    assert config.keys and set(config.keys) <= set(BY_ID)
    assert [view.name for view in config.views] == ["World, unread"]
    assert [rule.tags for rule in config.ignore] == [("news",)]


def test_the_sync_example_turns_sync_on(tmp_path: Path) -> None:
    (example,) = [block for block in code_blocks("toml") if "[sync]" in block]
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    path.chmod(0o600)
    config, problems = load_config(path)
    assert problems == [] and config.sync is not None
    assert config.sync.service in ("fever", "greader") and config.sync.password_command


def test_ci_runs_the_readme_test_command() -> None:
    commands = [line for block in code_blocks("sh") for line in block.splitlines()]
    test_command = next(line for line in commands if "pytest" in line)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def documented_keys() -> set[str]:
    table = section("Using it").split("| key | action |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {key for row in rows for key in re.findall(r"`([^`]+)`", row.split(" | ")[0])}


def test_the_key_table_lists_every_key_and_no_other() -> None:
    bound = {
        KEY_SPELLING.get(key, key) for command in ALL_COMMANDS for key in command.keys.split(",")
    }
    assert documented_keys() - TEXTUAL_KEYS == bound


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def options(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._actions for name in action.option_strings}


def newsterm_commands() -> list[str]:
    """Every `newsterm …` the README shows: shell lines (without comments) and code spans."""
    lines = [line for block in code_blocks("sh") for line in block.splitlines()]
    shown = [line.split("  #")[0] for line in lines if line.startswith("newsterm ")]
    return shown + re.findall(r"`(newsterm [^`]*)`", README)


def test_every_command_the_readme_shows_exists_with_those_options() -> None:
    parser = build_parser()
    commands = subcommands(parser)
    for line in newsterm_commands():
        words = line.split()
        flags = set(re.findall(r"--[a-z][a-z-]*", line))
        if words[1].startswith("--"):
            assert flags <= options(parser), line
        else:
            assert words[1] in commands, line
            assert flags <= options(commands[words[1]]), line


def test_every_subcommand_is_in_the_readme() -> None:
    shown = {line.split()[1] for line in newsterm_commands()}
    assert set(subcommands(build_parser())) <= shown


def test_the_layout_widths_port_and_default_feeds_are_the_real_ones() -> None:
    assert f"Below {NARROW_WIDTH} columns" in README
    assert f"Below {STACKED_WIDTH} columns" in README
    assert f"port {DEMO_PORT}" in README
    titles = " ".join(feed.title for feed in default_feeds())
    named = re.search(r"world-news feeds \((.*?)…\)", README, flags=re.S)
    assert named
    for source in re.split(r",\s*", named.group(1)):
        assert source in titles, source


def test_every_measured_figure_is_recorded_in_the_bench_readme() -> None:
    numbers = set(re.findall(r"\d+(?:[.,]\d+)*", section("Measured")))
    missing = {
        number
        for number in numbers
        if not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", BENCH_README)
    }
    assert not missing, f"figures in the README but not in bench/README.md: {sorted(missing)}"


ENTRY_RE = re.compile(r"^( *)((?:\w+(?:\.py|\.tcss|/)(?:, )?)+)(.*)$")


def module_map() -> tuple[set[str], dict[str, str]]:
    """Files the map lists as entries, and the text describing each directory."""
    (tree,) = [block for block in code_blocks("", ARCHITECTURE) if block.startswith("tui_news/")]
    listed: set[str] = set()
    described: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    last = ""
    for line in tree.splitlines()[1:]:
        match = ENTRY_RE.match(line)
        if match is None or len(match.group(1)) >= 8:  # a description's second line
            described[last] = described.get(last, "") + line
            continue
        indent = len(match.group(1))
        stack = [(level, name) for level, name in stack if level < indent]
        parent = "".join(name for _, name in stack)
        for name in match.group(2).split(", "):
            last = parent + name
            listed.add(last)
            described[last] = match.group(3)
            if name.endswith("/"):
                stack.append((indent, name))
    return listed, described


def test_the_module_map_names_every_module_and_only_real_ones() -> None:
    listed, described = module_map()
    package = ROOT / "tui_news"
    for entry in listed:
        assert (package / entry).exists(), f"docs/ARCHITECTURE.md lists {entry}, which is gone"
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        folder = relative.rpartition("/")[0] + "/"
        if path.name == "__init__.py" or relative in listed:
            continue
        # screens/ and widgets/ name their modules in one line rather than one each.
        words = set(re.findall(r"\w+", described.get(folder, "")))
        assert path.stem in words, f"docs/ARCHITECTURE.md does not list {relative}"


def table(text: str, header: str) -> list[tuple[str, str]]:
    """The rows of the two-column table under `header`, as (left, right)."""
    rows = text.split(header, 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | ")) for row in rows]  # type: ignore[misc]


def test_every_newsboat_filter_the_readme_converts_converts_so() -> None:
    rows = table(section("Coming from newsboat"), "| newsboat filter | newsterm filter |")
    assert len(rows) >= 10
    for newsboat, newsterm in rows:
        conversion = convert_newsboat_filter(newsboat.strip("`"))
        assert conversion.expression == newsterm.strip("`"), newsboat


def test_the_newsboat_section_names_the_one_command_and_what_it_skips() -> None:
    text = section("Coming from newsboat")
    assert "newsterm import --newsboat" in text
    for attribute in re.findall(r"`(\w+)`", text.split("no counterpart for", 1)[1]):
        problem = convert_newsboat_filter(f'{attribute} = "x"').problem
        assert f"nothing like newsboat's '{attribute}'" in problem, attribute


def test_the_filter_examples_parse() -> None:
    text = section("Saved searches and kill rules")
    examples = re.findall(r"`([^`]+)`", text.split("docs/FILTERS.md`:", 1)[1].split("(the", 1)[0])
    assert len(examples) >= 4
    for example in examples:
        parse_filter(example.replace("\n", " "))
    with pytest.raises(FilterError, match="column 12: unknown field 'titel'"):
        parse_filter("unread and titel = x")


def test_the_reliability_promises_name_the_tests_that_keep_them() -> None:
    """The paths the paragraph names exist, and its fuzzing budget is the CI profile's."""
    from hypothesis import settings

    import tests.fuzz.conftest  # noqa: F401  (registers the profiles)

    promises = README.split("**Reliability: what is guaranteed**", 1)[1].split("\n## ", 1)[0]
    for path in re.findall(r"`(tests/[^`]+)`", promises):
        assert (ROOT / path).exists(), path
    ci, deep = settings.get_profile("ci"), settings.get_profile("deep")
    assert f"fixed set of {ci.max_examples} examples" in promises and ci.derandomize
    assert f"searches\n  {deep.max_examples:,} fresh ones" in promises
