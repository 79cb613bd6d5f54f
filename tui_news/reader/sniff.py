"""Is a fetched body an HTML page? Its declared type first, its first bytes when the
type says nothing useful (a server that labels every file text/plain)."""

from __future__ import annotations

from tui_news.core.net.fetch import FetchResult

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<p", b"<div")


def is_html(result: FetchResult) -> bool:
    if result.mime_type in _HTML_TYPES:
        return True
    return result.mime_type in _SNIFF_TYPES and looks_like_html(result.body)


def looks_like_html(document: bytes) -> bool:
    head = document[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"%pdf", b"\x89png", b"gif8", b"\xff\xd8", b"pk\x03\x04")):
        return False
    return any(tag in head for tag in _HTML_MARKS)
