"""The recipe's smoke tests, unchanged, against the servers the sync tests use.

smoke_greader.py passed 19/19 against a real FreshRSS: the fake Google Reader server
must pass it too, or the client tests prove nothing. smoke_fever.py is run against
the coldsweat the Fever tests use, as set up by the fixture.
"""

from __future__ import annotations

import subprocess
import sys
import time

from pytest_httpserver import HTTPServer

from tests.conftest import SHARED
from tests.core.sync.coldsweat import Coldsweat, rss
from tests.core.sync.fake_greader import FakeGReader

RECIPES = SHARED / "sync" / "recipes"


def _smoke(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(RECIPES / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


def test_fake_google_reader_passes_the_contract_freshrss_passed(
    fake_greader: FakeGReader, httpserver: HTTPServer
) -> None:
    base = httpserver.url_for("").rstrip("/")
    now = time.time()
    for name, count in (("alpha.xml", 3), ("gamma.atom", 4)):
        items = [(f"{name}-{i}", f"{name} item {i}", now - 3600 * i) for i in range(1, count + 1)]
        httpserver.expect_request(f"/{name}").respond_with_data(
            rss(name, base, items), content_type="application/rss+xml"
        )
    out = _smoke("smoke_greader.py", fake_greader.url, "alice", "alice-password-123", base)
    assert out.splitlines()[-1] == "19 passed, 0 failed", out


def test_coldsweat_passes_the_fever_smoke_test(coldsweat: Coldsweat) -> None:
    now = time.time()
    alpha = [(f"a{i}", f"alpha item {i}", now - 3600 * i) for i in range(1, 4)]
    gamma = [(f"g{i}", f"gamma entry {i}", now - 3600 * i) for i in range(1, 5)]
    account = coldsweat.account({"alpha": alpha, "gamma.atom": gamma}, {"alpha": "Tech"})
    base = account.feeds_base
    out = _smoke("smoke_fever.py", account.url, account.user, account.password, base)
    assert out.splitlines()[-1] == "12 passed, 0 failed", out
