"""Hypothesis strategies for hostile input: text a terminal or a parser would act on,
feed and OPML documents built from it, HTML fragments, URLs with passwords."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from hypothesis import strategies as st

# Pieces the red team used, mixed with arbitrary text: whole escape sequences (CSI, OSC
# title and clipboard writes, OSC 8 links, 8-bit CSI), C0/C1 controls, bidi controls,
# invisible format characters, Rich/Textual markup, HTML tags and entities.
HOSTILE_PIECES = (
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b]8;;http://evil.test\x1b\\",
    "\x9b2J",
    "\x9d8;;x\x9c",
    "\x90dcs\x9c",
    "\x00",
    "\x07",
    "\x08",
    "\r",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "[bold red]",
    "[/]",
    "[link=https://evil.test]",
    "[@click=app.quit]",
    "<b>",
    "</p>",
    "<script>x</script>",
    "&amp;",
    "&#27;",
    "&#x9b;",
    "&lt;",
    "```",
    "\n# ",
    "\n> ",
    "\n- ",
)

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=12
).map("".join)

# What may never reach a terminal from a cleaned line: C0 and C1 controls, DEL, bidi
# embeddings/overrides/isolates and marks, and the invisible characters clean_line drops.
FORBIDDEN_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
# The same for multi-line text (Markdown): tab and newline allowed.
FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# And for HTML kept for later rendering, where a carriage return is only white space.
FORBIDDEN_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_XML_CHARS = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"
).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20)
xml_text = st.text(alphabet=_XML_CHARS, max_size=40)


def _xml_safe(text: str) -> str:
    """`text` as XML character data (controls XML forbids are left out)."""
    return escape("".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20))


dates = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "Tue, 14 Nov 2023 22:13:20 GMT",
            "2023-11-14T22:13:20Z",
            "2023-02-29",
            "Mon, 32 Jan 2023 25:61:61 +9999",
            "1",
            "2019",
            "monday",
            "9" * 40,
            "0000-00-00T00:00:00Z",
            "Tue, 14 Nov 99999 22:13:20 GMT",
        ]
    ),
    xml_text,
)
links = st.one_of(
    st.sampled_from(
        [
            "https://example.org/a",
            "/relative/path",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "http://user:pw@example.org/x",
            "https://example.org/" + "a" * 5000,
            "",
        ]
    ),
    xml_text,
)


@st.composite
def rss_documents(draw: st.DrawFn) -> bytes:
    """An RSS 2.0 document whose text fields, guids, dates and links are drawn."""
    items = []
    for _ in range(draw(st.integers(0, 4))):
        fields = [
            f"<title>{_xml_safe(draw(hostile_text))}</title>",
            f"<link>{_xml_safe(draw(links))}</link>",
            f"<description>{_xml_safe(draw(hostile_text))}</description>",
        ]
        if draw(st.booleans()):
            fields.append(f"<guid>{_xml_safe(draw(st.one_of(dates, xml_text)))}</guid>")
        if draw(st.booleans()):
            fields.append(f"<pubDate>{_xml_safe(draw(dates))}</pubDate>")
        if draw(st.booleans()):
            fields.append(f"<author>{_xml_safe(draw(hostile_text))}</author>")
        items.append("<item>" + "".join(draw(st.permutations(fields))) + "</item>")
    title = _xml_safe(draw(hostile_text))
    ttl = draw(st.one_of(st.just(""), st.integers(0, 10**12).map(lambda n: f"<ttl>{n}</ttl>")))
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.org/</link>{ttl}{''.join(items)}"
        "</channel></rss>"
    ).encode()


@st.composite
def opml_documents(draw: st.DrawFn) -> bytes:
    """An OPML document of drawn outlines (folders of feeds, hostile attributes)."""

    def outline(depth: int) -> str:
        attributes = {
            "text": draw(hostile_text),
            "title": draw(hostile_text),
            "xmlUrl": draw(links),
            "htmlUrl": draw(links),
            "category": draw(hostile_text),
        }
        chosen = draw(st.lists(st.sampled_from(sorted(attributes)), unique=True))
        attrs = " ".join(f"{name}={quoteattr(_xml_safe(attributes[name]))}" for name in chosen)
        children = ""
        if depth < 2:
            children = "".join(outline(depth + 1) for _ in range(draw(st.integers(0, 3))))
        return f"<outline {attrs}>{children}</outline>" if children else f"<outline {attrs}/>"

    body = "".join(outline(0) for _ in range(draw(st.integers(0, 4))))
    return (
        f'<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
        f"<body>{body}</body></opml>"
    ).encode()


html_fragments = st.lists(
    st.one_of(
        hostile_text,
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<pre>",
                "</pre>",
                "<blockquote>",
                "</blockquote>",
                "<a href='javascript:x'>",
                "<a href='https://example.org/x'>",
                "</a>",
                "<img src=x>",
                "<h1>",
                "</h1>",
                "<ul><li>",
                "</li></ul>",
                "<table><tr><td>",
                "</td></tr></table>",
                "<code>",
                "</code>",
                "<!--",
                "-->",
                "<br>",
            ]
        ),
    ),
    max_size=20,
).map("".join)

_userinfo_text = st.text(
    alphabet=st.characters(blacklist_characters="/?#\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=15,
)


@st.composite
def urls_with_passwords(draw: st.DrawFn) -> tuple[str, str]:
    """(url, password): a URL whose userinfo holds the password, "@" and ":" included."""
    user = draw(_userinfo_text.filter(lambda u: ":" not in u and "@" not in u))
    password = draw(_userinfo_text)
    host = draw(st.sampled_from(["example.org", "127.0.0.1:8080", "[::1]", "xn--bcher-kva.ch"]))
    rest = draw(st.sampled_from(["", "/", "/feed?a=b@c", "/x@y/z", "#frag@x", "?q=1:2@3"]))
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    return f"{scheme}://{user}:{password}@{host}{rest}", password
