"""Fixes to trafilatura's extracted body (its XML tree) before it becomes Markdown.

trafilatura finds the article well but leaves things a reader should not see:
the headline repeated as the first heading, picture captions as paragraphs,
"Read more: …" and "More on this:" lead-ins with their lists of links (those go
to the sidebar), "Video: …" labels of embedded players, rule-like separators,
and links with stray whitespace or tracking parameters.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lxml.etree import _Element

from tui_news.reader import urls, vocab
from tui_news.reader.article import Link

_BLOCKS = ("p", "head", "list", "quote", "table", "code")
_SEPARATOR_RE = re.compile(r"^[\s_\-–—=*~•·.#]+$")
_MEDIA_LABEL_RE = re.compile(
    r"^\W*(video|watch|gallery|photos?|pictures|in pictures|listen|audio|slideshow|podcast)"
    r"\s*:",
    re.IGNORECASE,
)
_SPACE_RE = re.compile(r"\s+")


def clean_body(body: _Element, *, title: str, captions: set[str], base: str) -> None:
    """Apply every fix, in place."""
    _drop_title(body, title)
    for element in list(body.iter(*_BLOCKS)):
        if element.getparent() is None:
            continue  # already removed with an ancestor
        text = _text(element)
        paragraph = element.tag == "p"
        noise = paragraph and (text in captions or _is_media_label(element, text))
        if noise or _SEPARATOR_RE.match(text):
            _remove(element)
    _drop_lead_ins(body)
    _fix_links(body, base)


def links(body: _Element) -> list[Link]:
    """Links inside the article text, each URL once, in reading order."""
    found: dict[str, Link] = {}
    for ref in body.iter("ref"):
        target = ref.get("target") or ""
        label = _text(ref)
        if target and label and target not in found:
            found[target] = Link(label, target)
    return list(found.values())


def _drop_title(body: _Element, title: str) -> None:
    """The headline belongs above the text, not in it."""
    wanted = _squash(title)
    if not wanted:
        return
    for element in list(body)[:3]:
        if element.tag != "head":
            if element.tag == "p" and len(_text(element)) > 200:
                return  # the article has started
            continue
        found = _squash(_text(element))
        if found == wanted or SequenceMatcher(None, found, wanted).ratio() >= 0.75:
            _remove(element)
        return


def _is_media_label(element: _Element, text: str) -> bool:
    """A bold "Video: …" line that names a player the terminal cannot show."""
    return (
        _MEDIA_LABEL_RE.match(text) is not None
        and all(child.tag == "hi" for child in element)
        and not (element.text or "").strip()
    )


def _drop_lead_ins(body: _Element) -> None:
    """Remove "Read more: <link>" paragraphs and "More on X:" + link-only runs."""
    for element in list(body.iter("p", "head")):
        if element.getparent() is None:
            continue
        text = _text(element)
        label = vocab.lead_in(text)
        if label is None and not (element.tag == "head" and vocab.is_related_heading(text)):
            continue
        rest = text[len(label or text) :] if label else ""
        refs = list(element.iter("ref"))
        if refs and _link_only(element, len(label or "")):
            _remove(element)
        elif not rest.strip(" :") or element.tag == "head":
            followers = _link_only_followers(element)
            if followers:
                for follower in followers:
                    _remove(follower)
                _remove(element)


def _link_only_followers(element: _Element) -> list[_Element]:
    found: list[_Element] = []
    for sibling in element.itersiblings():
        if sibling.tag in ("p", "list") and _link_only(sibling, 0):
            found.append(sibling)
        else:
            break
    return found


def _link_only(element: _Element, allowance: int) -> bool:
    """Nearly all of the element's text is link text."""
    total = len(_text(element))
    linked = sum(len(_text(ref)) for ref in element.iter("ref"))
    return linked > 0 and total - linked - allowance <= max(3, total // 10)


def _fix_links(body: _Element, base: str) -> None:
    """Absolute, cleaned targets; a link to nowhere becomes plain text."""
    for ref in list(body.iter("ref")):
        target = urls.resolve(_SPACE_RE.sub("", ref.get("target") or ""), base)
        if target:
            ref.set("target", target)
            _squeeze_whitespace(ref)
        else:
            _unwrap(ref)


def _squeeze_whitespace(element: _Element) -> None:
    """Link text on one line: a multi-line label breaks the Markdown link."""
    for node in element.iter():
        if node.text:
            node.text = _SPACE_RE.sub(" ", node.text)
        if node is not element and node.tail:
            node.tail = _SPACE_RE.sub(" ", node.tail)
    if element.text:
        element.text = element.text.lstrip()


def _unwrap(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    text = (element.text or "") + "".join(
        (child.text or "") + (child.tail or "") for child in element
    )
    _append_text(element, text + (element.tail or ""))
    parent.remove(element)


def _remove(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        _append_text(element, element.tail)
    parent.remove(element)


def _append_text(element: _Element, text: str) -> None:
    """Put `text` where `element` is, before it goes."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        if parent is not None:
            parent.text = (parent.text or "") + text


def _text(element: _Element) -> str:
    return _SPACE_RE.sub(" ", "".join(element.itertext())).strip()


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
