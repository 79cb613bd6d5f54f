"""Shared helpers for the reader tests: crafted pages and a story to fall back on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui_news.core.models import Story
from tui_news.reader.pool import shutdown_pool

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def page(name: str) -> bytes:
    """A crafted page from tests/data/pages."""
    return (PAGES / name).read_bytes()


def make_story(url: str, *, content: str = "", summary: str = "", story_id: int = 1) -> Story:
    return Story(
        id=story_id,
        feed_id=1,
        feed_title="Example Feed",
        key=url or "no-link",
        url=url,
        title="A story from the feed",
        author="Feed Author",
        published=1_700_000_000.0,
        updated=None,
        summary=summary,
        content=content,
        read=False,
        starred=False,
        first_seen=time.time(),
    )


FULL_FEED_CONTENT = (
    "<p>The feed carries the whole story. "
    + " ".join(f"Sentence {n} of the feed's own copy of the article goes here." for n in range(40))
    + "</p><p>Second paragraph with <a href='/more?utm_source=rss'>a link</a>.</p>"
)


@pytest.fixture
def stop_pool() -> Iterator[None]:
    """Tests that start the shared process pool stop it again."""
    yield
    shutdown_pool()
