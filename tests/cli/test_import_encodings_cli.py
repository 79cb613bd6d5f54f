"""`newsterm import` of a urls file or an OPML saved as UTF-16 or UTF-32 (Windows tools
write them, with a byte-order mark) or as UTF-8 with a mark: every feed is imported;
a file that is neither kind of list is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import newsterm

URLS = 'https://one.example/feed.xml "News" "~Café Crème"\n# a comment\nhttps://two.example/rss\n'
OPML = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<opml version="2.0"><head><title>Mine</title></head><body>\n'
    '<outline text="Café" title="Café"><outline text="Crème" type="rss"'
    ' xmlUrl="https://one.example/feed.xml"/></outline>\n'
    '<outline text="Two" type="rss" xmlUrl="https://two.example/rss"/>\n'
    "</body></opml>\n"
)
# (codec, its mark, the name an XML declaration gives it); Python's utf-16/utf-32 write
# the machine's order with a mark, so each order's mark is written by hand.
ENCODINGS = [
    ("utf-16-le", b"\xff\xfe", "UTF-16"),
    ("utf-16-be", b"\xfe\xff", "UTF-16"),
    ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32"),
    ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32"),
    ("utf-8", b"\xef\xbb\xbf", "UTF-8"),
]


def feeds_after_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> dict[str, dict]:
    listed = tmp_path / "list"
    listed.write_bytes(content)
    data = tmp_path / "data"
    run = newsterm(capsys, data, "import", str(listed))
    assert (run.code, run.out.strip(), run.err) == (0, "imported 2 feeds", "")
    return {feed["url"]: feed for feed in newsterm(capsys, data, "feeds", "--json").json()}


@pytest.mark.parametrize("codec, mark, _", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_a_marked_urls_file_imports_every_feed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, codec: str, mark: bytes, _: str
) -> None:
    feeds = feeds_after_import(capsys, tmp_path, mark + URLS.encode(codec))
    assert set(feeds) == {"https://one.example/feed.xml", "https://two.example/rss"}
    assert feeds["https://one.example/feed.xml"]["title"] == "Café Crème"
    assert feeds["https://one.example/feed.xml"]["tags"] == ["News"]


@pytest.mark.parametrize("codec, mark, declared", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_a_marked_opml_file_imports_every_feed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, codec: str, mark: bytes, declared: str
) -> None:
    content = mark + OPML.format(encoding=declared).encode(codec)
    feeds = feeds_after_import(capsys, tmp_path, content)
    assert feeds["https://one.example/feed.xml"]["title"] == "Crème"
    assert feeds["https://one.example/feed.xml"]["tags"] == ["Café"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (
            b"\xff\xfe" + "Dear diary,\nno feeds today.\n".encode("utf-16-le"),
            "not an OPML file or a newsboat urls list (line 1: not an http(s) URL: Dear",
        ),
        (
            b"\xff\xfe" + "https://one.example/".encode("utf-16-le") + b"\x00\xd8",
            "starts with a UTF-16 byte-order mark but is not UTF-16 text",
        ),
    ],
    ids=["prose", "broken UTF-16"],
)
def test_a_marked_file_that_is_no_list_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str
) -> None:
    listed = tmp_path / "list"
    listed.write_bytes(content)
    run = newsterm(capsys, tmp_path / "data", "import", str(listed))
    assert run.code != 0 and run.out == ""
    assert reason in run.err and len(run.err.strip().splitlines()) == 1, run.err
    assert "XML" not in run.err


# Without a mark: .NET's Encoding.Unicode without its preamble, some exporters. Python's
# -le/-be codecs write no mark, so these bytes are what such a tool writes.
UNMARKED = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("codec", UNMARKED)
def test_an_unmarked_utf16_urls_file_imports_every_feed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, codec: str
) -> None:
    """Refused as "a binary file" before: its every other byte is NUL."""
    feeds = feeds_after_import(capsys, tmp_path, URLS.encode(codec))
    assert set(feeds) == {"https://one.example/feed.xml", "https://two.example/rss"}
    assert feeds["https://one.example/feed.xml"]["title"] == "Café Crème"
    assert feeds["https://one.example/feed.xml"]["tags"] == ["News"]


@pytest.mark.parametrize("codec", UNMARKED)
def test_an_unmarked_utf16_opml_file_imports_every_feed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, codec: str
) -> None:
    declared = codec.upper()[:6]  # UTF-16 / UTF-32, as such a tool declares it
    feeds = feeds_after_import(capsys, tmp_path, OPML.format(encoding=declared).encode(codec))
    assert feeds["https://one.example/feed.xml"]["title"] == "Crème"
    assert feeds["https://one.example/feed.xml"]["tags"] == ["Café"]


def test_an_unmarked_utf16_list_of_mostly_other_scripts_imports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Titles in a script above U+0100 (half of the characters of the first line) do not
    make the file binary: what decides is the file as a whole."""
    urls = 'https://one.example/feed.xml "~国际新闻国际新闻国际新闻国际新闻"\nhttps://two.example/rss\n'
    feeds = feeds_after_import(capsys, tmp_path, urls.encode("utf-16-le"))
    assert feeds["https://one.example/feed.xml"]["title"] == "国际新闻国际新闻国际新闻国际新闻"


def _sixteen_bit_samples() -> bytes:
    """A binary file whose every other byte is NUL, as UTF-16 text's is: 16-bit values
    below 256 (sound samples, a table of small numbers), controls among them."""
    return b"".join(bytes((value % 256, 0)) for value in range(0, 4096, 3))


@pytest.mark.parametrize(
    "content",
    [_sixteen_bit_samples(), bytes(4096), b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8],
    ids=["16-bit samples", "zeros", "picture"],
)
def test_binary_with_nul_bytes_is_still_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    listed = tmp_path / "list"
    listed.write_bytes(content)
    run = newsterm(capsys, tmp_path / "data", "import", str(listed))
    assert run.code != 0 and run.out == ""
    assert "list: this is a binary file, not an OPML file or a urls list" in run.err
    assert len(run.err.strip().splitlines()) == 1
