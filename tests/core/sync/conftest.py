"""Sync servers for the tests: a real coldsweat (Fever) per worker (the fake Google Reader
is in tests/conftest.py: the UI tests use it too)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.core.sync.coldsweat import Coldsweat, ColdsweatUnavailable, install


@pytest.fixture(scope="session")
def coldsweat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coldsweat]:
    """One coldsweat per xdist worker: ~11 s the first time on a machine, ~2 s after."""
    try:
        server = Coldsweat(install(), tmp_path_factory.mktemp("coldsweat"))
        server.start()
    except ColdsweatUnavailable as problem:
        if os.environ.get("CI"):
            pytest.fail(f"coldsweat is needed in CI: {problem}")
        pytest.skip(f"coldsweat unavailable here: {problem}")
    yield server
    server.close()
