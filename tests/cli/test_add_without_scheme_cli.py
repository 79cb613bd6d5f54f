"""`newsterm add HOST:PORT/feed` (no scheme) tries https, as a browser does with a typed
address, and http when https cannot connect at all there; never for an address typed
with https://, nor after a redirect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import newsterm
from tests.core.subscriptions.test_discover import RSS, RSS_TYPE
from tui_news.core.net.errors import FetchError
from tui_news.core.net.fetch import Fetcher
from tui_news.core.net.limits import FetchLimits
from tui_news.core.subscriptions.discover import DiscoveryError, discover_typed_feed


def without_scheme(httpserver: HTTPServer, path: str) -> str:
    return httpserver.url_for(path).removeprefix("http://")


def test_an_http_only_server_typed_without_a_scheme_is_subscribed_over_http(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    typed = without_scheme(httpserver, "/rss")
    run = newsterm(capsys, tmp_path, "add", typed)
    assert run.code == 0, run.err
    host = typed.split("/", 1)[0]
    assert run.out.splitlines()[:2] == [
        "subscribed to Local News",
        f"  no https at {host}; subscribed over http",
    ]
    (feed,) = newsterm(capsys, tmp_path, "feeds", "--json").json()
    assert feed["url"] == httpserver.url_for("/rss")


def test_an_address_typed_with_https_is_never_downgraded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    run = newsterm(capsys, tmp_path, "add", "https://" + without_scheme(httpserver, "/rss"))
    assert run.code != 0 and "TLS error" in run.err and "over http" not in run.out
    assert newsterm(capsys, tmp_path, "feeds", "--json").json() == []
    assert not any(request.path == "/rss" for request, _ in httpserver.log)


def test_when_neither_answers_the_https_failure_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run = newsterm(capsys, tmp_path, "add", "127.0.0.1:9/feed")  # nothing listens there
    assert run.code != 0
    assert "could not fetch https://127.0.0.1:9/feed: connection refused" in run.err


async def test_a_failure_after_a_redirect_is_marked_so(httpserver: HTTPServer) -> None:
    """The fetcher says whether it failed at the address asked or at a redirect's target:
    only the first may fall back to http."""
    secure = "https://" + without_scheme(httpserver, "/rss")  # no TLS on this server
    httpserver.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": secure}
    )
    async with Fetcher(FetchLimits()) as fetcher:
        with pytest.raises(FetchError) as at_target:
            await fetcher.get(httpserver.url_for("/moved"))
        with pytest.raises(FetchError) as at_first:
            await fetcher.get(secure)
    assert at_target.value.kind == at_first.value.kind == "tls"
    assert at_target.value.redirected and not at_first.value.redirected


class OneFailure:
    """A fetcher whose every request fails as `error` does, recording what was asked."""

    def __init__(self, error: FetchError) -> None:
        self.error = error
        self.asked: list[str] = []

    async def get(self, url: str, **_: object) -> object:
        self.asked.append(url)
        raise self.error


@pytest.mark.parametrize(
    "kind, redirected, tried_http",
    [("tls", False, True), ("refused", False, True), ("tls", True, False), ("dns", False, False)],
)
async def test_only_a_connection_failure_at_the_typed_address_tries_http(
    kind: str, redirected: bool, tried_http: bool
) -> None:
    error = FetchError("it failed", kind=kind)
    error.redirected = redirected
    fetcher = OneFailure(error)
    with pytest.raises(DiscoveryError, match=re.escape("could not fetch https://x.test/feed: it")):
        await discover_typed_feed(fetcher, "https://x.test/feed", scheme_guessed=True)  # type: ignore[arg-type]
    expected = ["https://x.test/feed"] + (["http://x.test/feed"] if tried_http else [])
    assert fetcher.asked == expected
