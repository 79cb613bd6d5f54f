"""The documents the UI tests serve from 127.0.0.1: news pages and RSS feeds."""

from __future__ import annotations

from email.utils import formatdate
from html import escape


def page_html(title: str, paragraphs: int = 6) -> str:
    """A plain news page with enough text to count as a full article."""
    body = "".join(
        f"<p>Paragraph {n} of the {title.lower()} story. The harbour board met on Tuesday "
        "and agreed the plan after a long debate about costs, jobs and the river.</p>"
        for n in range(1, paragraphs + 1)
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header><main><article>"
        f"<h1>{title}</h1><p class='byline'>By Dock Writer</p>{body}</article></main>"
        "<footer>© The Harbour Times</footer></body></html>"
    )


def rss(title: str, items: list[tuple[str, str, float]]) -> str:
    """A small RSS 2.0 document: (title, link, published timestamp) per item."""
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>{formatdate(when, usegmt=True)}</pubDate>"
        f"<description>Summary of {escape(t)}.</description></item>"
        for t, link, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>{body}</channel></rss>"
    )
