"""The filter language as a user types it: every operator parses to what it says, the
canonical text parses back to the same thing, and every mistake names its column."""

from __future__ import annotations

import pytest

from tui_news.core.filters import (
    Age,
    AgeOp,
    And,
    FilterError,
    Flag,
    FlagName,
    Not,
    Or,
    Search,
    Text,
    TextField,
    TextOp,
    parse_filter,
    render,
)
from tui_news.core.filters.parser import MAX_DEPTH

DAY = 86_400


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ('title = "Budget day"', Text(TextField.TITLE, TextOp.EQUALS, "Budget day")),
        ("title == budget", Text(TextField.TITLE, TextOp.EQUALS, "budget")),
        ('author != "Jo Smith"', Text(TextField.AUTHOR, TextOp.NOT_EQUALS, "Jo Smith")),
        ("content:harbour", Text(TextField.CONTENT, TextOp.CONTAINS, "harbour")),
        ("feed : bbc", Text(TextField.FEED, TextOp.CONTAINS, "bbc")),
        ('tag =~ "^wor"', Text(TextField.TAG, TextOp.MATCHES, "^wor")),
        ('title:~"ukraine"', Text(TextField.TITLE, TextOp.MATCHES, "ukraine")),
        ("title !~ sport|football", Text(TextField.TITLE, TextOp.NOT_MATCHES, "sport|football")),
        ("age < 7d", Age(AgeOp.YOUNGER, 7 * DAY)),
        ("age<=12h", Age(AgeOp.YOUNGER_OR_EQUAL, 12 * 3600)),
        ("age > 30m", Age(AgeOp.OLDER, 30 * 60)),
        ("age >= 2w", Age(AgeOp.OLDER_OR_EQUAL, 14 * DAY)),
        ("age < 3", Age(AgeOp.YOUNGER, 3 * DAY)),  # days, as in newsboat
        ("age < 1.5d", Age(AgeOp.YOUNGER, 36 * 3600)),
        ("age < 90s", Age(AgeOp.YOUNGER, 90)),
        ("unread", Flag(FlagName.READ, False)),
        ("read", Flag(FlagName.READ, True)),
        ("starred", Flag(FlagName.STARRED, True)),
        ("starred = no", Flag(FlagName.STARRED, False)),
        ("read != yes", Flag(FlagName.READ, False)),
        ("unread = false", Flag(FlagName.READ, True)),
        ('"ukraine war"', Search("ukraine war")),
        ("'single quotes'", Search("single quotes")),
        ("not starred", Not(Flag(FlagName.STARRED))),
        ("UNREAD AND Starred", And((Flag(FlagName.READ, False), Flag(FlagName.STARRED)))),
        ("read or starred", Or((Flag(FlagName.READ), Flag(FlagName.STARRED)))),
    ],
)
def test_each_operator_and_field_parses_to_what_it_says(text: str, tree: object) -> None:
    assert parse_filter(text) == tree


def test_and_binds_tighter_than_or_and_brackets_group() -> None:
    unread, starred, old = (
        Flag(FlagName.READ, False),
        Flag(FlagName.STARRED),
        Age(AgeOp.OLDER, 7 * DAY),
    )
    assert parse_filter("unread or starred and age > 7d") == Or((unread, And((starred, old))))
    assert parse_filter("(unread or starred) and age > 7d") == And((Or((unread, starred)), old))
    assert parse_filter("not unread or starred") == Or((Not(unread), starred))
    assert parse_filter("not (unread or starred)") == Not(Or((unread, starred)))


def test_the_issue_example_parses() -> None:
    assert parse_filter('unread and tag:world and title:~"ukraine"') == And(
        (
            Flag(FlagName.READ, False),
            Text(TextField.TAG, TextOp.CONTAINS, "world"),
            Text(TextField.TITLE, TextOp.MATCHES, "ukraine"),
        )
    )


def test_escapes_in_strings_leave_regular_expressions_alone() -> None:
    assert parse_filter(r'title =~ "a\.b\d"') == Text(TextField.TITLE, TextOp.MATCHES, r"a\.b\d")
    assert parse_filter(r'title = "say \"hi\""') == Text(TextField.TITLE, TextOp.EQUALS, 'say "hi"')
    assert parse_filter(r'title = "back\\"') == Text(TextField.TITLE, TextOp.EQUALS, "back\\")


@pytest.mark.parametrize(
    "text",
    [
        'unread and tag:world and title =~ "ukraine"',
        '(read or starred) and not feed = "BBC News"',
        r'title =~ "a\.b" or content:"say \"hi\""',
        'age >= 36h and age < 7d and "ukraine war"',
        "not not starred",
        "(unread and starred) and read",
        "starred = no",
        r'author = "ends with \\"',
    ],
)
def test_the_canonical_text_parses_back_to_the_same_tree(text: str) -> None:
    tree = parse_filter(text)
    assert parse_filter(render(tree)) == tree


def test_canonical_text_reads_naturally() -> None:
    assert render(parse_filter("unread and tag:world")) == 'unread and tag:"world"'
    assert render(parse_filter("age<168h")) == "age < 7d"
    assert render(parse_filter("read or starred and unread")) == "read or starred and unread"
    assert render(parse_filter("(read or starred) and unread")) == "(read or starred) and unread"


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("", 1, "expected a condition, found the end"),
        ("unread and", 11, "expected a condition, found the end"),
        ("and unread", 1, "expected a condition, found 'and'"),
        ("unread starred", 8, "expected 'and', 'or' or the end of the expression"),
        ("titel = x", 1, "unknown field 'titel'"),
        ("ukraine", 1, 'quote it: "ukraine"'),
        ("title", 6, "expected an operator"),
        ("title ukraine", 7, "expected an operator"),
        ("title =", 8, "expected a value after '='"),
        ("title = )", 9, "expected a value after '=', found ')'"),
        ('title = "open', 9, "never closed"),
        ("title < x", 7, "title is text"),
        ("tags # world", 6, "unknown operator '#'"),
        ("!starred", 1, "unknown operator '!' (write not)"),
        ("title ~= x", 7, "unknown operator '~='"),
        ("age = 3d", 5, "age is compared with <"),
        ("age < soon", 7, "expected a duration"),
        ("age < 3y", 7, "expected a duration"),
        ("starred = maybe", 11, "expected yes or no"),
        ("starred < 1", 9, "starred is yes or no"),
        ('title =~ "(unclosed"', 10, "bad regular expression"),
        ('unread and title =~ "[x"', 21, "bad regular expression"),
        ("(unread or starred", 19, "expected ')' to close the '(' at column 1"),
        ("unread)", 7, "this ')' closes nothing"),
        ('""', 1, "an empty search"),
        ("unread and (starred or title = x", 33, "'(' at column 12"),
    ],
)
def test_every_mistake_names_the_column_where_it_is(text: str, column: int, words: str) -> None:
    with pytest.raises(FilterError) as raised:
        parse_filter(text)
    assert raised.value.column == column
    assert str(raised.value).startswith(f"column {column}: ")
    assert words in str(raised.value)
    assert "\n" not in str(raised.value)


def test_deep_nesting_is_refused_with_a_column_not_a_crash() -> None:
    with pytest.raises(FilterError, match=f"nest more than {MAX_DEPTH} deep"):
        parse_filter("(" * 10_000 + "unread" + ")" * 10_000)
    with pytest.raises(FilterError, match="nest more than"):
        parse_filter("not " * 10_000 + "unread")
    assert parse_filter("(" * 20 + "unread" + ")" * 20) == Flag(FlagName.READ, False)


def test_an_absurd_age_is_capped_rather_than_overflowing() -> None:
    tree = parse_filter("age < 99999999999999999999d")
    assert isinstance(tree, Age) and tree.seconds <= 10**11
