"""What an edit of a feed may change it to: a title that is one line, an address that is
a web address no other subscription has. Checked before anything is stored or sent to a
`[sync]` server, so an unusable value never gets that far."""

from __future__ import annotations

from tui_news.core.errors import NewstermError
from tui_news.core.storage import AmbiguousFeedError, Store
from tui_news.core.text import clean_line
from tui_news.core.urls import MAX_URL_LENGTH, redact_url, typed_url

MAX_TITLE_LENGTH = 200


class FeedEditError(NewstermError):
    """A change to a feed that cannot be made; `str()` says why, in one line."""


def checked_edit(
    store: Store, feed_id: int, title: str | None, url: str | None
) -> tuple[str | None, str | None]:
    """The title and address of an edit as they will be stored: FeedEditError when one
    is unusable (empty, not a web address, too long, another subscription's)."""
    if title is not None:
        title = clean_line(title, max_length=MAX_TITLE_LENGTH)
        if not title:
            raise FeedEditError("the title is empty")
    if url is None:
        return title, None
    typed = url
    if len(typed.strip()) > MAX_URL_LENGTH:
        raise FeedEditError(f"the address is too long (at most {MAX_URL_LENGTH:,})")
    url = typed_url(typed)
    if not url:
        shown = redact_url(typed)  # a password with a space in it is past the print guard
        raise FeedEditError(f"not a web address: {shown!r} (expected an http or https URL)")
    try:
        other = store.feed_matching_url(url)
    except AmbiguousFeedError as several:
        raise FeedEditError(f"already subscribed: {several}") from None
    if other is not None and other.id != feed_id:
        raise FeedEditError(
            f"already subscribed to {other.display_title} (id {other.id}): {redact_url(other.url)}"
        )
    return title, url
