"""A block's name is its heading as printed, less the decoration around it.

Bullets, arrows, dashes and a frame of brackets or quotes around the whole heading are
decoration; a bracket, quote or sign that belongs to the words is not: "[Video] Latest
news" must not lose its "[" (it once did: every leading non-word character went).
"""

from __future__ import annotations

import pytest

from tests.reader.test_related_structure import ARTICLE, cards, found
from tui_news.reader import vocab


def names(heading: str) -> set[str]:
    items = cards(range(1, 3), '<li><a href="{url}">{title}</a></li>')
    return {group for group, _, _ in found(f"{ARTICLE}<h2>{heading}</h2><ul>{items}</ul>")}


@pytest.mark.parametrize(
    "heading",
    [
        "[Video] Latest news",
        "(Un)related reading",
        "«Brexit» : le point",
        "Le «Brexit» en bref",
        "¿Qué leer ahora?",
        "#MeToo coverage",
        "“Squid Game” recaps",
        "$5 lunches around town",
    ],
)
def test_a_heading_keeps_every_character_of_its_words(heading: str) -> None:
    assert names(heading) == {heading}


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("— Most read —", "Most read"),
        ("» Related", "Related"),
        ("• Related stories:", "Related stories"),
        ("Latest »", "Latest"),
        ("▶ More stories", "More stories"),
        ("[Related]", "Related"),
        ("« Lire aussi »", "Lire aussi"),
        ("»Lesen Sie auch«", "Lesen Sie auch"),
    ],
)
def test_the_decoration_around_a_heading_goes(heading: str, name: str) -> None:
    assert names(heading) == {name}


def test_a_framed_heading_is_read_as_its_words() -> None:
    """The frame goes before the heading is matched: "[Sponsored]" still closes a block,
    "[Read more]" is still a button, "[Advertisement]" still an ad's label."""
    assert vocab.is_excluded_heading("[Sponsored]")
    assert vocab.is_action_text("[Read more]")
    assert vocab.is_ad_label("(Advertisement)")
    assert vocab.is_related_heading("« Lire aussi »")
    assert not vocab.is_related_heading("[Video] Latest news")
