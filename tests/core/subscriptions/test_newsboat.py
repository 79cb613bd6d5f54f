"""newsboat `urls` files (and newsraft's variant): tags, titles, comments, what is skipped."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS
from tui_news.core.storage import Store
from tui_news.core.subscriptions.newsboat import parse_urls, tokenize_urls_line
from tui_news.core.subscriptions.opml import read_subscription_file
from tui_news.core.subscriptions.records import SubscriptionFileError, import_subscriptions

URLS = """\
# my feeds
https://a.example/rss.xml news "world news" "~Alpha & Omega"

http://b.example/atom tech !
  https://c.example/feed.json "Bob's blog"
"query:Unread Articles:unread = \\"yes\\""
exec:~/bin/fetch-feed.sh
filter:~/bin/clean.py:https://d.example/rss
https://a.example/rss.xml extra
not a url at all
https://e.example/f "unterminated
feed://f.example/rss
"""


def test_tags_titles_and_hidden_marks() -> None:
    listed = read_subscription_file(URLS.encode())
    assert listed.format == "newsboat urls"
    feeds = {f.url: f for f in listed.feeds}
    assert list(feeds) == [
        "https://a.example/rss.xml",
        "http://b.example/atom",
        "https://c.example/feed.json",
        "http://f.example/rss",
    ]
    alpha = feeds["https://a.example/rss.xml"]
    assert alpha.title == "Alpha & Omega" and alpha.tags == ("news", "world news", "extra")
    assert feeds["http://b.example/atom"].tags == ("tech",)
    assert feeds["https://c.example/feed.json"].tags == ("Bob's blog",)
    assert listed.duplicates == 1
    assert any("'!'" in note for note in listed.notes)


def test_what_cannot_be_imported_is_skipped_with_line_and_reason() -> None:
    skipped = parse_urls(URLS).skipped
    assert skipped[0].startswith("line 7:") and "local command" in skipped[0]
    assert skipped[1].startswith("line 8:") and "local command" in skipped[1]
    assert skipped[2].startswith("line 11:") and "unterminated quote" in skipped[2]
    assert skipped[3].startswith("line 10:") and "not an http(s) URL" in skipped[3]
    assert len(skipped) == 4


def test_query_lines_are_kept_as_saved_searches() -> None:
    (query,) = parse_urls(URLS).queries
    assert (query.line, query.name, query.expression) == (6, "Unread Articles", 'unread = "yes"')
    tagged = parse_urls('"query:World: a:b:tags # \\"world\\"" saved  "~Ignored title"\n')
    assert tagged.queries[0].name == "World"
    assert tagged.queries[0].expression == 'a:b:tags # "world"'
    assert tagged.queries[0].tags == ("saved",)


def test_a_plain_import_reports_query_lines_as_skipped(store: Store) -> None:
    report = import_subscriptions(store, read_subscription_file(URLS.encode()))
    assert report.skipped[0].startswith("line 6: query:Unread Articles:")
    assert "import --newsboat" in report.skipped[0]


def test_a_file_with_no_url_at_all_is_not_a_urls_file() -> None:
    with pytest.raises(SubscriptionFileError, match="line 1: not an http"):
        read_subscription_file(b"Dear diary,\ntoday I read the news.\n")


def test_comments_and_blank_lines_only_give_an_empty_list() -> None:
    listed = parse_urls("# nothing yet\n\n   \n")
    assert listed.feeds == [] and not listed.skipped


@pytest.mark.parametrize(
    "line, tokens",
    [
        ('u a "b c" d', ["u", "a", "b c", "d"]),
        ("u Bob's", ["u", "Bob's"]),
        ('u "say \\"hi\\""', ["u", 'say "hi"']),
        ('u ""', ["u", ""]),
        ("  u\ta  ", ["u", "a"]),
        # As newsboat reads it: a word that starts with # starts a comment, to the end.
        ("u news   # my favourite", ["u", "news"]),
        ("u #linux", ["u"]),
        ('u "#linux" a#b', ["u", "#linux", "a#b"]),
        ("https://x.example/feed#atom tag", ["https://x.example/feed#atom", "tag"]),
    ],
)
def test_tokenizer_follows_newsboat_quoting(line: str, tokens: list[str]) -> None:
    assert tokenize_urls_line(line) == tokens


def test_newsraft_sections_become_tags_and_settings_are_ignored() -> None:
    listed = parse_urls((CORPUS / "opml/newsraft/parse_feeds_file.txt").read_text("utf-8"))
    feeds = {f.url: f for f in listed.feeds}
    assert len(feeds) == 9
    assert feeds["http://example.org/feed7.xml"].title == "Feed 7 title"
    assert feeds["http://example.org/feed7.xml"].tags == ()
    assert all("reload-period" not in tag for f in listed.feeds for tag in f.tags)
    assert len(listed.skipped) == 19 and all("local command" in s for s in listed.skipped)


def test_newsraft_section_names_tag_the_feeds_below_them() -> None:
    listed = parse_urls(
        '@ World\nhttps://a.example/rss "A"\n@ Tech < reload-period 5\nhttps://b/x\n'
    )
    assert [(f.title, f.tags) for f in listed.feeds] == [("A", ("World",)), ("", ("Tech",))]


def test_a_comment_after_a_feed_gives_it_no_tags() -> None:
    (feed,) = parse_urls("https://a.example/rss.xml news # from Jo, 2019\n").feeds
    assert feed.tags == ("news",)


def test_a_query_comparing_with_less_than_leaves_the_file_newsboat_s() -> None:
    """`age < 30` in a query is newsboat's filter language, not newsraft's `< settings`:
    the file's tags and titles must not be read as newsraft titles."""
    listed = parse_urls(
        'https://a.example/rss.xml apple "~Gruber" tech\n'
        '"query:Recent:age < 30"\n'
        "https://b.example/feed news de\n"
    )
    assert [(f.title, f.tags) for f in listed.feeds] == [
        ("Gruber", ("apple", "tech")),
        ("", ("news", "de")),
    ]
    assert listed.queries[0].expression == "age < 30"


def test_a_quoted_tag_holding_a_less_than_sign_is_a_tag() -> None:
    (feed,) = parse_urls('https://a.example/rss.xml "a < b" c\n').feeds
    assert feed.tags == ("a < b", "c")


def _read(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.title, f.tags) for f in read_subscription_file(text.encode()).feeds]


@pytest.mark.parametrize(
    "text",
    [
        'https://a.example/rss "Alpha Daily"\nhttps://b.example/atom\n',  # names only
        'https://a.example/rss "Alpha Daily" [30] {100}\nhttps://b.example/atom [0]\n',
        '@World\nhttps://a.example/rss "Alpha Daily"\nhttps://b.example/atom\n',
        '$(cat ~/local.xml) "Local"\nhttps://a.example/rss "Alpha Daily"\nhttps://b.example/atom\n',
    ],
    ids=["names alone", "old timers and limits", "section without a blank", "generator"],
)
def test_a_newsraft_file_without_sections_or_settings_reads_as_newsraft(text: str) -> None:
    """Each line as newsraft reads it: the quoted word is the name, a timer is no tag.
    Read as newsboat's, "Alpha Daily", "[30]" and "{100}" were tags, and no feed had a title."""
    feeds = _read(text)
    assert feeds[-2][0] == "Alpha Daily" and feeds[-1] == ("", feeds[-1][1])
    assert all("Alpha Daily" not in tags and "[30]" not in tags for _, tags in feeds)


@pytest.mark.parametrize(
    "text",
    [
        'https://a.example/rss "world news"\nhttps://b.example/atom "world news"\n',
        'https://a.example/rss "world news"\nhttps://b.example/atom tech\n',
        'https://a.example/rss "world news"\nhttps://b.example/atom "~Beta"\n',
        'https://a.example/rss "world news"\nhttps://b.example/atom news tech\n',
        'https://a.example/rss "world news"\n"query:Unread:unread = \\"yes\\""\n',
    ],
    ids=["a word on two feeds", "an unquoted tag", "a ~title", "two tags", "a query"],
)
def test_what_only_newsboat_writes_keeps_the_file_newsboat_s(text: str) -> None:
    assert _read(text)[0] == ("", ("world news",))


def test_the_ambiguous_reading_is_said_both_ways() -> None:
    """`URL "word"` lines alone read in full in both formats, differently: the import says
    which reading it made and what the other would have been."""
    names = read_subscription_file(b'https://a.example/rss "Alpha"\nhttps://b.example/x "Beta"\n')
    assert names.format == "newsraft feeds"
    assert names.notes == [
        "read as a newsraft feeds file: the quoted word after an address is the feed's name"
        " (newsboat would read it as a tag)"
    ]
    tags = read_subscription_file(b'https://a.example/rss "news"\nhttps://b.example/x "news"\n')
    assert tags.format == "newsboat urls" and '"news" is on several feeds' in tags.notes[0]
    plain = read_subscription_file(b"https://a.example/rss news\n")  # nothing to say
    assert plain.notes == []


def test_newsboat_s_own_urls_file_is_never_read_as_newsraft() -> None:
    """`import --newsboat` knows the file is newsboat's: a quoted word is a tag, even
    with no two feeds sharing one."""
    listed = parse_urls('https://a.example/rss "news"\nhttps://b.example/x "tech"\n', newsboat=True)
    assert [(f.title, f.tags) for f in listed.feeds] == [("", ("news",)), ("", ("tech",))]
    assert listed.notes == []
