"""Main-text quality on trafilatura's evaluation pages: ours never loses to bare trafilatura.

Scored the way bench/quality.py scores (snippets that must / must not appear), in four
interleaved chunks so `pytest -n auto` spreads the work.
"""

from __future__ import annotations

import pytest

from bench.quality import load_pages, score_pages
from tests.conftest import CORPUS

CHUNKS = 4


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_ours_is_at_least_as_good_as_bare_trafilatura(chunk: int) -> None:
    pages = load_pages(CORPUS / "pages" / "trafilatura")
    assert len(pages) == 151
    scores = score_pages(pages[chunk::CHUNKS])
    bare, ours = scores.bare, scores.body
    assert ours.f1 >= bare.f1, (bare.line(), ours.line(), ours.misses)
    assert ours.correct >= bare.correct, (bare.line(), ours.line())
    assert ours.precision > bare.precision  # the point of our clean-up
