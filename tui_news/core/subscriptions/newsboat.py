"""newsboat `urls` files: `URL tag "tag two" "~Title" !` per line, `#` comments.

Also reads newsraft's variant of the format (`@ Section` lines, `URL "Title"`,
`< settings`), which would otherwise import its titles and settings as junk tags; which
of the two a file is, is newsraft.py's to tell.
"""

from __future__ import annotations

from tui_news.core.subscriptions.newsraft import (
    NEWSBOAT,
    NEWSRAFT,
    Dialect,
    dialect,
    feed_words,
    section_name,
)
from tui_news.core.subscriptions.quoted import quoted_words
from tui_news.core.subscriptions.records import (
    QueryFeed,
    SubscriptionFileError,
    SubscriptionList,
    shorten,
)
from tui_news.core.text import clean_line
from tui_news.core.urls import feed_url

_COMMAND_PREFIXES = ("exec:", "filter:", "$(", "|")


def parse_urls(text: str, *, newsboat: bool = False) -> SubscriptionList:
    """Every feed of a urls file (newsboat's, or newsraft's feeds file; `newsboat`: known
    to be newsboat's); lines that name no usable feed are skipped, with a reason.

    Raises SubscriptionFileError when no line at all looks like a feed URL: the file is
    then something else, and a list of "line N is not a URL" would only bury that.
    """
    lines = text.splitlines()
    found = Dialect(NEWSBOAT) if newsboat else dialect(lines)
    result = SubscriptionList(found.name)
    result.notes.extend([found.note] if found.note else [])
    newsraft = found.name == NEWSRAFT
    section = ""
    not_urls: list[str] = []
    hidden = 0
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if newsraft and line.startswith("@"):
            section = clean_line(section_name(line))
            continue
        try:
            tokens = tokenize_urls_line(line)
        except ValueError as error:
            result.skipped.append(f"line {number}: {error}: {shorten(line)}")
            continue
        if "<" in tokens:
            tokens = tokens[: tokens.index("<")]
        if not tokens:
            continue
        if tokens[0].lower().startswith("query:"):
            _add_query(result, number, tokens)
            continue
        reason = _unsupported(tokens[0])
        if reason:
            result.skipped.append(f"line {number}: {shorten(tokens[0])}: {reason}")
            continue
        url = feed_url(tokens[0])
        if not url:
            not_urls.append(f"line {number}: not an http(s) URL: {shorten(tokens[0])}")
            continue
        title, tags, hide = _title_and_tags(tokens[1:], newsraft=newsraft)
        hidden += hide
        result.add(url, title, [section, *tags] if section else tags)
    if not_urls and not result.feeds and not result.skipped and not result.queries:
        raise SubscriptionFileError(f"not an OPML file or a newsboat urls list ({not_urls[0]})")
    result.skipped.extend(not_urls)
    if hidden:
        result.notes.append(
            f"{hidden} feed(s) that newsboat hides ('!') were imported as ordinary feeds"
        )
    return result


def _add_query(result: SubscriptionList, number: int, tokens: list[str]) -> None:
    """`"query:Name:expression" tag…`: the name runs to the first colon after "query:"."""
    name, colon, expression = tokens[0][len("query:") :].partition(":")
    if not colon or not expression.strip():
        result.skipped.append(
            f"line {number}: {shorten(tokens[0])}: a query line needs query:NAME:EXPRESSION"
        )
        return
    _, tags, _ = _title_and_tags(tokens[1:], newsraft=False)
    result.queries.append(QueryFeed(number, clean_line(name), expression.strip(), tuple(tags)))


def _unsupported(first: str) -> str:
    lowered = first.lower()
    if lowered.startswith(_COMMAND_PREFIXES):
        return "feeds produced by a local command or filter are not supported"
    return ""


def _title_and_tags(words: list[str], *, newsraft: bool) -> tuple[str, list[str], int]:
    """(title, tags, 1 if hidden else 0) from the words after the URL."""
    if newsraft:
        named = feed_words(words)
        return (clean_line(named[0]) if named else ""), [], 0
    title = ""
    tags: list[str] = []
    hidden = 0
    for word in words:
        if word == "!":
            hidden = 1
        elif word.startswith("~"):
            title = clean_line(word[1:])
        elif clean_line(word):
            tags.append(clean_line(word))
    return title, tags, hidden


def tokenize_urls_line(line: str) -> list[str]:
    """Split a urls line on blanks; double quotes group, backslash escapes inside them;
    a word that starts with "#" starts a comment to the end of the line, as newsboat
    reads it (`URL news  # from Jo` is tagged "news" alone).

    Not shlex: an apostrophe in a tag ("Bob's") must not open a quote.
    """
    return quoted_words(line, comments=True)
