"""Fixtures of the hostile suite: the hostile servers, and a fetch with short limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hostile.raw import RawServer
from tests.hostile.server import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def raw() -> Iterator[RawServer]:
    with RawServer() as running:
        yield running
