"""`newsterm read`: JSON lines, plain text when piped, Rich on a terminal, bad inputs."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import newsterm
from tests.reader.conftest import PAGES, page

SEED = str(PAGES / "seed-world-news.html")
HOSTILE = str(PAGES / "inline-read-more.html")
JSON_KEYS = {
    "input", "url", "canonical_url", "title", "author", "date", "sitename", "language",
    "word_count", "source", "text", "related", "links",
}  # fmt: skip


def test_json_one_object_per_input_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/card").respond_with_data(
        page("card-footer.html"), content_type="text/html"
    )
    url = httpserver.url_for("/card")
    run = newsterm(capsys, tmp_path, "read", "--json", SEED, url)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) == 2
    seed, card = (json.loads(line) for line in lines)
    assert set(seed) >= JSON_KEYS
    assert seed["input"] == SEED and card["input"] == url and card["url"] == url
    assert seed["source"] == "extracted" and seed["date"] == "2022-01-27T11:54:00+00:00"
    assert seed["related"][0] == {
        "group": "Latest World News",
        "title": "Paris crowns new king of the crusty baguette in annual bread-baking prize",
        "url": "https://www.example-news.test/world-news/paris-crowns-new-king-of-the-crusty-baguette-in-annual-bread-baking-pr/",
    }
    assert seed["links"][1] == {
        "title": "bolstering its deterrence",
        "url": "https://www.nato.int/cps/en/natohq/news_191000.htm",
    }
    assert card["canonical_url"].startswith("https://stadtanzeiger.test/")
    assert card["text"].startswith("Die Stadt will bis 2026")


def test_url_option_gives_a_saved_file_its_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = "https://www.riverside-courier.test/news/local/council-approves-river-crossing-4421.html"
    run = newsterm(
        capsys, tmp_path, "read", "--json", "--url", base, str(PAGES / "aside-related.html")
    )
    data = json.loads(run.out)
    assert data["url"] == base
    assert base not in [r["url"] for r in data["related"]]  # the page itself is not related


def test_plain_text_when_piped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run = newsterm(capsys, tmp_path, "read", SEED)
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "Little ground for optimism after US response on Ukraine, warns Moscow"
    assert lines[1].startswith("Example News · Press Association · 2022-01-27T11:54:00+00:00")
    assert "\x1b" not in run.out  # no colour codes in a pipe
    assert "Related links" in run.out and "  Latest World News" in run.out
    assert "    Hezbollah ambushes Israeli convoy, killing civilian" in run.out
    assert "Links in the article" in run.out


def test_one_bad_input_among_good_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    not_html = tmp_path / "photo.png"
    not_html.write_bytes(b"\x89PNG\r\n\x1a\n....")
    missing = httpserver.url_for("/missing")
    run = newsterm(
        capsys, tmp_path, "read", "--json", SEED, str(tmp_path / "nope.html"), missing,
        str(not_html), HOSTILE,
    )  # fmt: skip
    assert run.code == 1
    assert [json.loads(line)["input"] for line in run.out.splitlines()] == [SEED, HOSTILE]
    errors = run.err.splitlines()
    assert errors == [
        f"newsterm: {tmp_path / 'nope.html'}: no such file (and not an http:// or https:// URL)",
        f"newsterm: {missing}: HTTP 404 Not Found",
        f"newsterm: {not_html}: not an HTML page",
    ]


def test_timeout_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, httpserver: HTTPServer
) -> None:
    gave_up = threading.Event()

    def slow(request: Request) -> Response:
        gave_up.wait(5)  # answer only once the reader has given up
        return Response("late", content_type="text/html")

    httpserver.expect_request("/slow-story").respond_with_handler(slow)
    (tmp_path / "config.toml").write_text("timeout_seconds = 0.3\n")
    url = httpserver.url_for("/slow-story")
    run = newsterm(capsys, tmp_path, "read", url)
    gave_up.set()
    assert run.code == 1
    assert run.err == f"newsterm: {url}: timed out after 0.3 s without data\n"


def test_hostile_page_text_never_reaches_output_raw(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for args in (("read", HOSTILE), ("read", "--json", HOSTILE)):
        run = newsterm(capsys, tmp_path, *args)
        assert run.code == 0
        for escape in ("\x1b", "\x07", "\x9b", "\\u001b", "\\u0007"):
            assert escape not in run.out
        assert "pwned" not in run.out


def test_terminal_output_is_rich_markdown_that_never_reads_page_text_as_markup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    run = newsterm(capsys, tmp_path, "read", HOSTILE)
    assert run.code == 0
    assert "[bold]markup[/bold]" in run.out  # shown as written, not made bold
    assert "Some *stars*" in run.out  # Markdown escapes rendered, not shown
    assert "\x1b]0;" not in run.out and "\x07" not in run.out
    assert "Read more" in run.out and "Why summer peaks are getting higher" in run.out


def test_a_file_larger_than_the_response_cap_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # /dev/zero or a mistaken multi-gigabyte file must not be read into memory whole.
    (tmp_path / "config.toml").write_text("max_response_bytes = 1000\n")
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"word " * 1000 + b"</p></body></html>")
    run = newsterm(capsys, tmp_path, "read", str(big))
    assert run.code == 1
    assert run.err == f"newsterm: {big}: the file is larger than 1000 bytes (max_response_bytes)\n"


@pytest.mark.parametrize("base", ["javascript:alert(1)", "not-a-url", "ftp://files.test/a.html"])
def test_a_base_url_that_is_no_web_address_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, base: str
) -> None:
    run = newsterm(capsys, tmp_path, "read", "--json", "--url", base, SEED)
    assert (run.code, run.out) == (2, "")
    assert run.err == f"newsterm: --url {base!r} is not an http or https URL\n"
