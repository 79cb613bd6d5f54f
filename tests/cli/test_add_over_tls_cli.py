"""`newsterm add HOST:PORT/feed` (no scheme) against a real TLS server on 127.0.0.1.

A host that speaks https is subscribed over https, never downgraded to http; one whose
certificate is not trusted is refused with the certificate's error; a host with no TLS
falls back to http and says so. The certificate comes from a throw-away CA (trustme),
which newsterm trusts as a user's own CA is trusted: through SSL_CERT_FILE, so newsterm
runs in a process of its own (the TLS context is made when aiohttp is imported).
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer

from tests.core.subscriptions.test_discover import RSS, RSS_TYPE


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[HTTPServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    # The feed's story links go to example.org: nothing may fetch them.
    (data / "config.toml").write_text("full_text_prefetch = false\n", encoding="utf-8")
    return data


def newsterm(
    data: Path, *args: str, ca: trustme.CA | None = None
) -> subprocess.CompletedProcess[str]:
    """newsterm in its own process; with `ca`, trusting it as a user's own CA is trusted."""
    env = {**os.environ}
    env.pop("SSL_CERT_DIR", None)
    env.pop("SSL_CERT_FILE", None)
    if ca is not None:
        pem = data.parent / "ca.pem"
        ca.cert_pem.write_to_path(str(pem))
        env["SSL_CERT_FILE"] = str(pem)
    return subprocess.run(
        [sys.executable, "-m", "tui_news", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def subscribed(data: Path) -> list[str]:
    listed = newsterm(data, "feeds", "--json")
    assert listed.returncode == 0, listed.stderr
    return [feed["url"] for feed in json.loads(listed.stdout)]


def typed(server: HTTPServer, path: str) -> str:
    return f"127.0.0.1:{server.port}{path}"


def test_a_host_that_speaks_https_is_subscribed_over_https(
    data: Path, tls_server: HTTPServer, ca: trustme.CA
) -> None:
    tls_server.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    run = newsterm(data, "add", typed(tls_server, "/rss"), ca=ca)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "subscribed to Local News"
    assert "over http" not in run.stdout + run.stderr
    assert subscribed(data) == [f"https://127.0.0.1:{tls_server.port}/rss"]
    assert [request.path for request, _ in tls_server.log] == ["/rss"]


def test_an_https_failure_after_the_handshake_is_not_tried_over_http(
    data: Path, tls_server: HTTPServer, ca: trustme.CA
) -> None:
    """The host answered over https (a 404): it speaks https, so the answer stands."""
    run = newsterm(data, "add", typed(tls_server, "/missing"), ca=ca)
    assert run.returncode != 0
    assert f"https://127.0.0.1:{tls_server.port}/missing" in run.stderr
    assert "over http" not in run.stdout + run.stderr
    assert subscribed(data) == []
    # Only https requests reached it (a plain http one is no request to a TLS server,
    # so the proof is in what newsterm printed: the https answer, nothing after it).
    assert all(request.scheme == "https" for request, _ in tls_server.log)


def test_a_certificate_not_trusted_is_refused_not_downgraded(
    data: Path, tls_server: HTTPServer
) -> None:
    tls_server.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    run = newsterm(data, "add", typed(tls_server, "/rss"))  # the CA is not trusted
    assert run.returncode != 0
    assert "TLS certificate error for 127.0.0.1" in run.stderr, run.stderr
    assert "over http" not in run.stdout + run.stderr
    assert subscribed(data) == []


def test_a_host_without_tls_falls_back_to_http_and_says_so(
    data: Path, httpserver: HTTPServer, ca: trustme.CA
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type=RSS_TYPE)
    run = newsterm(data, "add", typed(httpserver, "/rss"), ca=ca)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[:2] == [
        "subscribed to Local News",
        f"  no https at 127.0.0.1:{httpserver.port}; subscribed over http",
    ]
    assert subscribed(data) == [f"http://127.0.0.1:{httpserver.port}/rss"]
