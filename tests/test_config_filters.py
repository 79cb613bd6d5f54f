"""[views] and [[ignore]] in config.toml: bad entries are reported and left out (a rule
that cannot be read hides nothing), and writing a view or a rule keeps the rest of the
file as the user wrote it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_news.config import load_config
from tui_news.config_filters import ConfigEditError, add_rules, remove_view, save_view
from tui_news.core.filters.rules import IgnoreRule

USER_FILE = """\
# my settings
theme = "nord"   # dark

[keys]
next_unread = "ctrl+n"

[views]
# the important one
"World" = 'tag:world'
Sport = "tag:sport"   # kept
"""


def test_views_and_rules_load_and_bad_ones_are_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
[views]
Good = 'unread and tag:world'
Broken = 'unread and titel = x'
Number = 3

[[ignore]]
expression = 'title =~ "sponsored"'
feeds = ["https://a.example/rss"]

[[ignore]]
expression = 'title =~ "(open"'

[[ignore]]
tags = ["news"]

[[ignore]]
expression = "starred"
tags = "news"
""",
        encoding="utf-8",
    )
    config, problems = load_config(path)
    assert [view.name for view in config.views] == ["Good"]
    assert [(rule.expression, rule.feeds) for rule in config.ignore] == [
        ('title =~ "sponsored"', ("https://a.example/rss",))
    ]
    assert problems == [
        f"{path}: views.Broken: column 12: unknown field 'titel' (fields: title, author, "
        "content, feed, tag, age, read, unread, starred); ignored",
        f"{path}: views.Number should be a string; ignored",
        f"{path}: [[ignore]] number 2: column 10: bad regular expression: missing ), "
        "unterminated subpattern; it hides nothing",
        f'{path}: [[ignore]] number 3 needs expression = "…"; it hides nothing',
        f"{path}: [[ignore]] number 4: feeds and tags should be lists of strings; it hides nothing",
    ]


def test_saving_a_view_keeps_every_other_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    save_view(path, "Ukraine, unread", 'unread and title =~ "ukraine"')
    save_view(path, "Sport", "tag:sport and unread")  # replaces, in its place
    text = path.read_text(encoding="utf-8")
    assert text.startswith(USER_FILE.split("Sport =")[0])
    assert "Sport = 'tag:sport and unread'\n\"Ukraine, unread\" = " in text
    data = tomllib.loads(text)
    assert data["views"] == {
        "World": "tag:world",
        "Sport": "tag:sport and unread",
        "Ukraine, unread": 'unread and title =~ "ukraine"',
    }
    assert data["theme"] == "nord" and data["keys"] == {"next_unread": "ctrl+n"}
    assert remove_view(path, "World") and not remove_view(path, "World")
    assert set(tomllib.loads(path.read_text(encoding="utf-8"))["views"]) == {
        "Sport",
        "Ukraine, unread",
    }


def test_a_new_views_table_goes_at_the_end_and_any_text_survives(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    awkward = 'title =~ "it\'s" or author = \'x\' or title:"\\\\"'
    save_view(path, 'Quote " and \\', awkward)
    config, problems = load_config(path)
    assert problems == []
    assert [(v.name, v.expression) for v in config.views] == [('Quote " and \\', awkward)]
    save_view(tmp_path / "new" / "config.toml", "First", "unread")  # no file yet
    assert load_config(tmp_path / "new" / "config.toml")[0].views[0].name == "First"


def test_rules_are_appended_as_ignore_entries(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    rules = [
        IgnoreRule.parse('title =~ "sponsored"'),
        IgnoreRule.parse("unread", feeds=("https://a.example/rss",), tags=("news", "it's")),
    ]
    add_rules(path, rules)
    config, problems = load_config(path)
    assert problems == []
    assert config.ignore == tuple(rules)
    assert path.read_text(encoding="utf-8").startswith(USER_FILE)


def test_a_file_newsterm_cannot_edit_safely_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(ConfigEditError, match="is not valid TOML"):
        save_view(path, "X", "unread")
    inline = 'views = { World = "tag:world" }\n'
    path.write_text(inline, encoding="utf-8")
    with pytest.raises(ConfigEditError, match="cannot edit"):
        save_view(path, "X", "unread")
    path.write_text('ignore = "nothing"\n', encoding="utf-8")
    with pytest.raises(ConfigEditError, match="edit it by hand"):
        add_rules(path, [IgnoreRule.parse("unread")])
    assert path.read_text(encoding="utf-8") == 'ignore = "nothing"\n'
