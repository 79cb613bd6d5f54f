"""newsboat filter expressions become newsterm's: what maps is converted (and parses),
what does not is reported with the reason rather than half-converted."""

from __future__ import annotations

import pytest

from tui_news.core.filters import parse_filter
from tui_news.core.filters.newsboat import convert_newsboat_filter


@pytest.mark.parametrize(
    ("newsboat", "newsterm"),
    [
        ('unread = "yes"', "unread"),
        ('unread == "no"', "read"),
        ('unread != "yes"', "read"),
        ('title =~ "ukraine"', 'title =~ "ukraine"'),
        ('title !~ "sport"', 'title !~ "sport"'),
        ('author = "Jo Smith"', 'author = "Jo Smith"'),
        ('content =~ "kyiv"', 'content =~ "kyiv"'),
        ('feedtitle = "BBC News"', 'feed = "BBC News"'),
        ('rssurl =~ "^https:"', 'feed =~ "^https:"'),
        ('tags # "world"', 'tag = "world"'),
        ('tags !# "sport"', 'tag != "sport"'),
        ('tags =~ "^wor"', 'tag =~ "^wor"'),
        ('flags != ""', "starred"),
        ('flags = ""', "starred = no"),
        ("age < 3", "age < 3d"),
        ("age <= 3", "age < 4d"),  # newsboat's age is whole days gone by
        ("age > 3", "age >= 4d"),
        ("age >= 3", "age >= 3d"),
        ("age = 3", "age >= 3d and age < 4d"),
        ("age between 0:10", "age < 11d"),
        ("age between 2:10", "age >= 2d and age < 11d"),
        (r'title =~ "a\.b"', r'title =~ "a\.b"'),
        ('title =~ "[[:digit:]]+ dead"', 'title =~ "[0-9]+ dead"'),
        (r'title =~ "\<war\>"', r'title =~ "\bwar\b"'),
        ('unread = "yes" and tags # "world"', 'unread and tag = "world"'),
        (
            '( author =~ "Frank" or author =~ "John" ) and ( title =~ "Linux" or title =~ "BSD" )',
            '(author =~ "Frank" or author =~ "John") and (title =~ "Linux" or title =~ "BSD")',
        ),
    ],
)
def test_what_maps_is_converted(newsboat: str, newsterm: str) -> None:
    conversion = convert_newsboat_filter(newsboat)
    assert (conversion.expression, conversion.problem) == (newsterm, "")
    parse_filter(conversion.expression)  # and newsterm reads what it wrote


def test_and_and_or_are_read_left_to_right_as_newsboat_2_21_does() -> None:
    # Debian's newsboat ignored nothing with `title =~ "two" or title =~ "one" and
    # title =~ "zzz"` (no title has zzz): it reads (two or one) and zzz.
    conversion = convert_newsboat_filter('title =~ "two" or title =~ "one" and title =~ "zzz"')
    assert conversion.expression == '(title =~ "two" or title =~ "one") and title =~ "zzz"'


def test_approximations_are_converted_with_a_note() -> None:
    conversion = convert_newsboat_filter('flags # "s" and unread = "no"')
    assert conversion.expression == "starred and read"
    assert conversion.notes == ('flags # "s" became starred: newsterm has one flag',)


@pytest.mark.parametrize(
    ("newsboat", "reason"),
    [
        ('link =~ "example"', "newsterm has nothing like newsboat's 'link'"),
        ("unread_count > 0", "nothing like newsboat's 'unread_count'"),
        ('date < "2024-01-01"', "nothing like newsboat's 'date'"),
        ('unread = "yes" and enclosure_url != ""', "'enclosure_url'"),
        ('tags = "news"', "compares the whole list of tags"),
        ('unread = "maybe"', "not a yes-or-no test"),
        ('title < "m"', "does not compare title with '<'"),
        ('title =~ "(open"', 'the regular expression "(open" does not work here'),
        ('unread = "yes" and', "it ends too soon"),
        ('( unread = "yes"', "a '(' is never closed"),
        ('unread = "yes" "extra"', "is extra"),
        ("age between soon:later", "not a range of days"),
    ],
)
def test_what_does_not_map_is_reported_with_the_reason(newsboat: str, reason: str) -> None:
    conversion = convert_newsboat_filter(newsboat)
    assert conversion.expression == ""
    assert reason in conversion.problem
