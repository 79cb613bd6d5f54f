"""The hostile server's documents: feeds and pages that attack a reader.

Bytes only, built from the red team's findings (issue 9): text a terminal or a markup
parser would act on, links that leave the web, guids that look like dates, code that
tries to leave its block, articles too big to lay out at once. `server.py` serves them.
"""

from __future__ import annotations

from email.utils import formatdate


def rss(title: str, items: int, *, prefix: str = "item", extra: str = "") -> bytes:
    """An RSS 2.0 document with `items` entries whose guids start with `prefix`."""
    entries = "".join(
        f"<item><title>{title} story {i}</title>"
        f"<link>http://example.test/{prefix}/{i}</link>"
        f"<guid>{prefix}-{i}</guid>"
        f"<pubDate>{formatdate(1_700_000_000 + i * 60, usegmt=True)}</pubDate>"
        f"<description>Body of {title} story {i}.</description></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.test/</link>{extra}{entries}"
        f"</channel></rss>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><guid>bomb</guid></item></channel></rss>
"""

HOSTILE_TITLES = (
    b'<?xml version="1.0"?><rss version="2.0"><channel>'
    b"<title>Evil\x1b]0;pwned\x07 feed\x1b[2J</title><link>http://example.test/</link>"
    b"<item><title>Red \x1b[31malert\x1b[0m\r\nnow\x1b]8;;http://x.test\x1b\\link</title>"
    b"<guid>evil-1</guid><link>http://example.test/evil</link></item>"
    b"</channel></rss>"
)

HTML_PAGE = b"<!doctype html><html><head><title>Home</title></head><body><p>Hello</p></body></html>"


HUGE_NUMBER = "9" * 400  # overflows float(); what a hostile server puts in any numeric header
PASSWORD = "s3cr@tP4ss"  # an "@" inside: userinfo ends at the last "@", not the first
HOSTILE_SCHEMES = ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>")
# Titles that a terminal or a markup parser would act on: CSI, OSC title and clipboard
# writes, an 8-bit CSI (U+009B) and other C1 controls, bidi overrides, Rich/Textual markup.
HOSTILE_TEXTS = (
    "Red \x1b[31malert\x1b[0m \x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 done",
    "C1 \x9b2J clear \x90dcs\x9c \x85next \x9d8;;http://x.test\x9c link",
    "Bidi \u202egnp.exe\u202c \u2066isolate\u2069 text",
    "Markup [bold red]x[/] [link=https://evil.test]click[/link] [@click=app.quit]q[/]",
)
# A page: the article's ``` fence and "# " line would become live Markdown if unfenced.
FENCE_BREAKOUT = (
    "<p>Before the code.</p><pre>```\n[click me](https://evil.test/)\n# Injected heading\n"
    "```</pre><p>After the code.</p>"
)
DATELESS_GUIDS = ("1", "7", "2019", "monday", "may")


def hostile_feed(title: str, items: list[str], *, channel_extra: str = "") -> bytes:
    """An RSS document around ready-made <item> elements."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.test/</link>{channel_extra}"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_texts_feed() -> bytes:
    """Every hostile text as an item title and in the feed's name, written raw (a raw ESC
    makes the XML ill-formed, so the careful reader gets it); each item's summary links
    to javascript:, file: and data: URLs beside one web link."""
    items = [
        f"<item><title>{_escape_xml(text)}</title>"
        f"<link>http://example.test/hostile/{n}</link><guid>hostile-{n}</guid>"
        f"<description>{_escape_xml(links_html())}</description></item>"
        for n, text in enumerate(HOSTILE_TEXTS)
    ]
    return hostile_feed("Evil \x1b]0;owned\x07 [b]feed[/b] \u202eesrever", items)


def links_html() -> str:
    links = "".join(f'<a href="{scheme}">{scheme.split(":")[0]}</a> ' for scheme in HOSTILE_SCHEMES)
    return f'<p>Links: {links}<a href="https://example.test/ok">web</a></p>'


def hostile_links_feed() -> bytes:
    """Items whose own link is javascript:, file: or data: (the guid is all they keep)."""
    items = [
        f"<item><title>Scheme {n}</title><link>{_escape_xml(scheme)}</link>"
        f"<guid isPermaLink='false'>scheme-{n}</guid></item>"
        for n, scheme in enumerate(HOSTILE_SCHEMES)
    ]
    return hostile_feed("Schemes", items)


def hostile_page(title: str, body_html: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body_html}</article></body></html>"
    ).encode()


def big_article(size: int) -> bytes:
    """A real-looking article page of about `size` bytes of text."""
    paragraph = (
        "<p>The harbour authority said the new cranes would double the port's capacity "
        "within two years, and that work on the quay walls starts in the spring. {n}</p>"
    )
    count = size // len(paragraph)
    return hostile_page("A very long report", "".join(paragraph.format(n=n) for n in range(count)))


def alternates_page(paths: list[str]) -> bytes:
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{path}" title="feed {n}">'
        for n, path in enumerate(paths)
    )
    return f"<!doctype html><html><head>{links}</head><body><p>x</p></body></html>".encode()


def dateless_guid_feed(guids: tuple[str, ...] | list[str] = DATELESS_GUIDS) -> bytes:
    """Items with guids and no dates: no reader may take a guid for a date."""
    items = [
        f"<item><title>Undated {guid}</title><link>http://example.test/u/{n}</link>"
        f"<guid isPermaLink='false'>{guid}</guid></item>"
        for n, guid in enumerate(guids)
    ]
    return hostile_feed("Dateless", items)


def fence_feed() -> bytes:
    """An item whose only text is FENCE_BREAKOUT (read through the feed fallback)."""
    item = (
        "<item><title>Code sample</title><link>http://127.0.0.1:9/fence</link>"
        f"<guid>fence</guid><description>{_escape_xml(FENCE_BREAKOUT)}</description></item>"
    )
    return hostile_feed("Fences", [item])
