"""Lines of the text that come from the site's boxes: its author's bio, a newsletter sign-up.

They read as prose, so the text extractor keeps them, but the page's markup names their
box: a class or id whose words say bio ("c-article-writer__bio", "user-bio"), author
("cbx-Author") or sign-up ("hub--email-capture", "newsletter-form"). trafilatura drops some
of these by its own patterns, which miss a capital or a word it has no pattern for.

A box counts when it is a block container (not a byline's `<span>` inside a sentence) and
small: at most two paragraphs of prose, so that an article set in a container whose class
happens to hold one of these words is never taken for one. The text's blocks whose first
words are those of an element inside such a box leave the text, and only they: the rest of
the text is what the extractor chose with the boxes in place. Nothing is taken when it
would leave less than an article.
"""

from __future__ import annotations

import re
from itertools import pairwise

from lxml import etree
from lxml.etree import _Element
from lxml.html import HtmlElement

from tui_news.core.text import squash
from tui_news.reader.sources import first_text
from tui_news.reader.tree import element_text, remove

# Block containers only, looked at in one walk of the tree (a walk over every element, or
# an XPath test of every element's class, costs several times more).
_BOX_TAGS = ("div", "section", "aside", "form", "address", "footer")
# A cheap test on the class or id, lower-cased, before it is split into words (a case-blind
# pattern costs half as much again).
_MAYBE_RE = re.compile(r"bio|author|sign|optin|subscribe|capture|newsletter")
_WORD_RE = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")
# Words of a class or id, alone or as a pair in that order, that name a box of the site's.
_WORDS = frozenset(
    ("bio", "biography", "authorbio", "author", "newsletter", "signup", "optin", "subscribe")
)
_PAIRS = frozenset((("email", "capture"), ("email", "signup"), ("sign", "up")))
_MAX_TEXT = 1500  # characters
_MAX_PROSE = 2  # paragraphs of 100 characters or more
_PROSE = 100
_MIN_LEFT = 50  # words the text keeps at least (fallback.MIN_WORDS: less is no article)
_BLOCKS = ("p", "head", "item", "quote")
_HOLDERS = ("list", "item", "quote")


def drop_box_lines(body: _Element, root: HtmlElement) -> None:
    """Remove from `body` (trafilatura's XML tree) the blocks read from the site's boxes on
    `root` (the page)."""
    keys = _box_keys(root)
    if not keys:
        return
    found = {block for block in body.iter(_BLOCKS) if _key(block) in keys}
    # A quote's first words are those of its first paragraph: the outermost block goes.
    doomed = [block for block in found if found.isdisjoint(block.iterancestors())]
    if not doomed:
        return
    taken = sum(len(element_text(block).split()) for block in doomed)
    if len(element_text(body).split()) - taken < _MIN_LEFT:
        return
    for block in doomed:
        _remove_with_empty_holder(block)


def _box_keys(root: HtmlElement) -> set[str]:
    """The first words of every element inside the page's boxes (short texts whole)."""
    keys: set[str] = set()
    for element in root.iter(_BOX_TAGS):
        if not _named_a_box(element) or not _small(element):
            continue
        for inner in element.iter(etree.Element):  # no comments
            key = first_text(inner) or squash(inner.text_content())
            if key:
                keys.add(key)
    return keys


def _key(block: _Element) -> str:
    return first_text(block) or element_text(block)


def _named_a_box(element: HtmlElement) -> bool:
    for value in (element.get("class"), element.get("id")):
        if value and _MAYBE_RE.search(value.lower()) is not None:
            words = [word.lower() for word in _WORD_RE.findall(value)]
            if not _WORDS.isdisjoint(words) or not _PAIRS.isdisjoint(pairwise(words)):
                return True
    return False


def _small(element: HtmlElement) -> bool:
    if len(element.text_content()) > _MAX_TEXT:
        return False
    long = sum(len(p.text_content()) >= _PROSE for p in element.iter("p"))
    return long <= _MAX_PROSE


def _remove_with_empty_holder(block: _Element) -> None:
    """Remove `block`, and the list, item or quote it leaves without text."""
    parent = block.getparent()
    remove(block)
    while parent is not None and parent.tag in _HOLDERS and not element_text(parent):
        grandparent = parent.getparent()
        remove(parent)
        parent = grandparent
