"""The article as the feed gave it, for when the page itself cannot be read.

Used when the page cannot be fetched, is not HTML, or holds too little text
(a paywall, a script-only page): the story's content (or summary) goes through
the same HTML → Markdown machinery, and the article says why with `reason`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tui_news.core.models import Story
from tui_news.reader import markdown
from tui_news.reader.article import Article, Link, count_words

# Extraction below this many words is a teaser, a paywall or an empty shell.
MIN_WORDS = 50

_MD_LINK_RE = re.compile(r"(?<!!)\[((?:[^\[\]\\]|\\.)+)\]\((https?://[^\s()]+)\)")


def feed_article(story: Story, *, url: str, reason: str, input: str = "") -> Article:
    """The story's own content as an Article with `source="feed"`."""
    text = markdown.html_to_markdown(story.content or story.summary, base_url=story.url or url)
    links = {
        target: Link(markdown.to_plain(label), target)
        for label, target in _MD_LINK_RE.findall(markdown.without_code(text))
    }
    return Article(
        input=input or url,
        url=url,
        canonical_url=url,
        title=story.title,
        author=story.author,
        date=_iso(story.published),
        sitename=story.feed_title,
        text=text,
        word_count=count_words(markdown.to_plain(text)),
        source="feed",
        reason=reason,
        links=tuple(links.values()),
    )


def prefer_feed(extracted: Article, feed: Article) -> bool:
    """Is the feed's text the better read? Only when the page gave a teaser."""
    if feed.word_count <= extracted.word_count:
        return False
    if extracted.word_count < MIN_WORDS:
        return True
    # A paywall shows the first paragraphs; a full-content feed has the rest.
    return feed.word_count >= 2 * MIN_WORDS and extracted.word_count * 2 < feed.word_count


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    try:
        return datetime.fromtimestamp(timestamp, UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None  # beyond any calendar (a damaged cache): no date, but the text shows
