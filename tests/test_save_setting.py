"""save_setting keeps what the user wrote around the value: comments, tables, other keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_news.config import save_setting


def saved(tmp_path: Path, text: str, name: str, value: str | int | bool) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    save_setting(path, name, value)
    result = path.read_text(encoding="utf-8")
    assert tomllib.loads(result)[name] == value
    return result


def test_an_inline_comment_is_kept(tmp_path: Path) -> None:
    text = saved(tmp_path, 'theme = "x"  # my favourite\nconcurrency = 4\n', "theme", "nord")
    assert text == 'theme = "nord"  # my favourite\nconcurrency = 4\n'


@pytest.mark.parametrize(
    "line, comment",
    [
        ('theme = "a#b"  # mine', "  # mine"),
        ("theme = 'a#b' # mine", " # mine"),
        ('theme = "say \\"#1\\"" # quoted', " # quoted"),
        ('theme = "no comment #here"', ""),
        ("theme = 'no comment #here'", ""),
        ('theme = "x"# tight', "# tight"),
        ('theme = "x" # one # two', " # one # two"),
    ],
)
def test_a_hash_inside_a_string_is_not_a_comment(tmp_path: Path, line: str, comment: str) -> None:
    text = saved(tmp_path, line + "\n", "theme", "nord")
    assert text == f'theme = "nord"{comment}\n'


@pytest.mark.parametrize(
    "value", ["a # b", 'quote " and \\ back', "tab\there", "two\nlines\x7f", 7, True]
)
def test_new_values_round_trip(tmp_path: Path, value: str | int | bool) -> None:
    saved(tmp_path, "theme = 'old' # keep me\n", "theme", value)


def test_a_value_over_several_lines_is_replaced_whole(tmp_path: Path) -> None:
    before = 'browser = """\nfirefox # not a comment\n"""  # the browser\ntheme = "x"\n'
    text = saved(tmp_path, before, "browser", "lynx")
    assert text == 'browser = "lynx"  # the browser\ntheme = "x"\n'


def test_a_key_of_the_same_name_in_a_table_is_left_alone(tmp_path: Path) -> None:
    before = "concurrency = 4\n[keys]\ntheme = 't'  # a key binding\n"
    text = saved(tmp_path, before, "theme", "nord")
    assert tomllib.loads(text)["keys"] == {"theme": "t"}
    assert text == "concurrency = 4\ntheme = \"nord\"\n[keys]\ntheme = 't'  # a key binding\n"


def test_a_commented_out_setting_stays_a_comment(tmp_path: Path) -> None:
    text = saved(tmp_path, '# theme = "old"\n', "theme", "nord")
    assert text == '# theme = "old"\ntheme = "nord"\n'


def test_a_quoted_key_is_the_same_setting(tmp_path: Path) -> None:
    text = saved(tmp_path, "\"theme\" = 'x' # quoted key\n", "theme", "nord")
    assert text == 'theme = "nord" # quoted key\n'


@pytest.mark.parametrize(
    "text",
    [
        '  [keys]\n  quit = "q"\n',  # TOML allows indented table headers
        'feeds = [\n["a", "b"],\n]\n[keys]\nquit = "q"\n',  # "[" opening a line of a value
    ],
)
def test_a_new_setting_goes_above_the_first_table(tmp_path: Path, text: str) -> None:
    result = tomllib.loads(saved(tmp_path, text, "theme", "nord"))
    assert result["keys"] == {"quit": "q"}
