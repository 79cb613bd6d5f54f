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
from urllib.parse import urlsplit

from lxml.etree import _Element

from tui_news.core.text import SPACE_RE, fold
from tui_news.reader import markdown, urls, vocab
from tui_news.reader.article import Link
from tui_news.reader.tree import element_text, remove, squeeze_whitespace, unwrap

_BLOCKS = ("p", "head", "list", "quote", "table", "code")
_SEPARATOR_RE = re.compile(r"^[\s_\-–—=*~•·.#]+$")
_MEDIA_LABEL_RE = re.compile(
    r"^\W*(video|watch|gallery|photos?|pictures|in pictures|listen|audio|slideshow|podcast)"
    r"\s*:",
    re.IGNORECASE,
)


def clean_body(
    body: _Element,
    *,
    title: str,
    captions: set[str],
    base: str,
    related: set[str],
    headline: str = "",
) -> None:
    """Apply every fix, in place. `related`: URLs the sidebar lists already; `headline`:
    the page's own `h1`, when it says something else than the title."""
    _drop_title(body, title, headline)
    for element in list(body.iter(*_BLOCKS)):
        if element.getparent() is None:
            continue  # already removed with an ancestor
        text = element_text(element)
        paragraph = element.tag == "p"
        noise = paragraph and (
            text in captions
            or _is_media_label(element, text)
            or _is_gate(text)
            or _is_credit(text)
            or _is_cookie_banner(text)
        )
        if noise or _is_widget(element, text):
            _remove_with_empty_item(element)
        elif _SEPARATOR_RE.match(text):
            remove(element)
    _drop_date_lines(body)
    _drop_lead_ins(body)
    _drop_promos(body)
    _drop_prompts(body)
    _drop_link_boxes(body)
    _drop_bylines(body)
    _drop_trailing_links(body)
    _fix_links(body, base)
    _drop_section_links(body, base)
    _drop_sidebar_repeats(body, related)
    _drop_dangling_labels(body)
    _mark_quotes(body)


def _is_credit(text: str) -> bool:
    """ "Photo Credit: …", "(Credit: …)", "… Bild: dpa": who took a picture we do not show."""
    return len(text) <= 300 and vocab.CREDIT_RE.search(text) is not None


def _is_cookie_banner(text: str) -> bool:
    return len(text) <= 500 and vocab.COOKIE_RE.match(text) is not None


def _is_widget(element: _Element, text: str) -> bool:
    """A lone "Join the conversation", "Teilen auf", "comments powered by Disqus" line."""
    if element.tag not in ("p", "head") or len(text) > 60:
        return False
    return vocab.WIDGET_RE.fullmatch(vocab.normalise(text)) is not None


def _drop_section_links(body: _Element, base: str) -> None:
    """A topic or section link over the article ("Neue Rechte", "News"): the site's filing."""
    for element in list(body)[:4]:
        if element.tag != "p" or not _link_only(element, 0):
            continue
        targets = [ref.get("target") or "" for ref in element.iter("ref")]
        if targets and all(_is_section(target, base) for target in targets):
            remove(element)


def _is_section(url: str, base: str) -> bool:
    """A page of the same site that lists stories (no file download, no story slug)."""
    last = urlsplit(url).path.rstrip("/").rpartition("/")[2]
    return urls.same_site(url, base) and "." not in last and not urls.looks_like_article(url)


def _drop_date_lines(body: _Element) -> None:
    """A date alone over the article repeats the header (further down it may head a timeline)."""
    for element in list(body)[:3]:
        if element.tag == "p" and vocab.DATE_LINE_RE.match(element_text(element).strip("*_ ")):
            remove(element)


def _drop_dangling_labels(body: _Element) -> None:
    """ "Seguir leyendo:" as the last line: the list it introduced went to the sidebar."""
    while len(body) and body[-1].tag in ("p", "head"):
        text = element_text(body[-1])
        if len(text.split()) > 6 or not text.endswith(":"):
            return  # "… check out the footage below:" is a sentence, not a label
        remove(body[-1])


def _remove_with_empty_item(element: _Element) -> None:
    """Remove `element`, and the list item (and list) it leaves without text."""
    parent = element.getparent()
    remove(element)
    while parent is not None and parent.tag in ("item", "list") and not element_text(parent):
        grandparent = parent.getparent()
        remove(parent)
        parent = grandparent


def _mark_quotes(body: _Element) -> None:
    """Bracket each block quote with markers: trafilatura's Markdown drops the ">"."""
    for quote in list(body.iter("quote")):
        if any(ancestor.tag == "quote" for ancestor in quote.iterancestors()):
            continue
        _keep_lines_as_text(quote)
        first = next((node for node in quote.iter() if (node.text or "").strip()), None)
        if first is None:
            continue
        first.text = markdown.QUOTE_START + (first.text or "").lstrip()
        if len(quote):
            last = quote[-1]
            last.tail = (last.tail or "").rstrip() + markdown.QUOTE_END
        else:
            quote.text = (quote.text or "").rstrip() + markdown.QUOTE_END


def _keep_lines_as_text(quote: _Element) -> None:
    """trafilatura reads a <pre> as a quote and keeps its line breaks, but escapes block
    syntax only where a block starts: a "# " line inside would render as a heading."""
    for node in quote.iter():
        in_code = node.tag == "code" or any(a.tag == "code" for a in node.iterancestors())
        if node.text and not in_code:
            node.text = markdown.escape_line_starts(node.text)
        if (
            node.tail
            and node is not quote
            and not any(a.tag == "code" for a in node.iterancestors())
        ):
            node.tail = markdown.escape_line_starts(node.tail)


def links(body: _Element) -> list[Link]:
    """Links inside the article text, each URL once, in reading order."""
    found: dict[str, Link] = {}
    for ref in body.iter("ref"):
        target = ref.get("target") or ""
        label = element_text(ref)
        if target and label and target not in found:
            found[target] = Link(label, target)
    return list(found.values())


def _drop_title(body: _Element, title: str, headline: str = "") -> None:
    """The headline belongs above the text, not in it."""
    wanted = fold(title, sep=" ")
    if not wanted:
        return
    other = fold(headline, sep=" ")
    for element in list(body)[:3]:
        if element.tag != "head":
            if element.tag == "p" and len(element_text(element)) > 200:
                return  # the article has started
            continue
        found = fold(element_text(element), sep=" ")
        similar = SequenceMatcher(None, found, wanted).ratio() >= 0.75
        if found in (wanted, other) or similar:
            remove(element)
        return


def _is_gate(text: str) -> bool:
    """ "Subscribe to continue reading", "You need to enable JavaScript": not the article."""
    return len(text) < 200 and vocab.GATE_TEXT_RE.match(text) is not None


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
        text = element_text(element)
        label = vocab.lead_in(text) or _author_label(element, text)
        heading = vocab.is_related_heading(text)
        if label is None and not heading:
            continue
        if not heading and element.iter("ref") and _link_only(element, len(label or "")):
            remove(element)  # "Read more: <headline>"
            continue
        if not heading:
            continue
        followers = _link_only_followers(element)
        if followers or element.getnext() is None:  # a list, or a dangling label at the end
            for follower in followers:
                remove(follower)
            remove(element)


_AUTHOR_LABEL_RE = re.compile(r"^[A-Z][\w'’.-]+( [A-Z][\w'’.-]+){1,2}: ")


def _author_label(element: _Element, text: str) -> str | None:
    """ "Annie Lowrey: <headline>": another writer's story, linked in the text."""
    match = _AUTHOR_LABEL_RE.match(text)
    refs = list(element.iter("ref"))
    if match is None or len(refs) != 1 or len(element_text(refs[0]).split()) < 3:
        return None
    return match.group(0)


def _drop_trailing_links(body: _Element) -> None:
    """Headlines listed after the last paragraph, without a heading: a related list.

    Each may be a heading of its own and carry its date ("### [Headline](…)" over
    "April 2, 2018"): teaser cards flattened. Dates alone are what is left of the cards
    when trafilatura took their linked headings out. A card's picture link leaves an
    empty paragraph, and its date may trail its heading as loose text.
    """
    tail: list[_Element] = []
    headlines: list[_Element] = []
    for element in reversed(list(body)):
        text = element_text(element)
        loose = (element.tail or "").strip()
        if loose and not vocab.DATE_LINE_RE.match(loose):
            break
        if element.tag in ("p", "list", "head") and _link_only(element, 0) and _headlines(element):
            headlines.append(element)
        elif element.tag == "p" and not text and next(element.iter("ref", "graphic"), None) is None:
            break  # an empty paragraph that links nowhere is no card
        elif element.tag != "p" or (text and not vocab.DATE_LINE_RE.match(text.strip("*_ "))):
            break
        tail.append(element)
    dates_only = len(tail) >= 2 and not headlines
    if dates_only or len(headlines) >= 2 or (headlines and headlines[0].tag == "list"):
        for element in tail:
            body.remove(element)  # with its loose date
        last = body[-1] if len(body) else None
        if last is not None and last.tag == "head":
            remove(last)  # the list's heading, now over nothing


def _drop_sidebar_repeats(body: _Element, related: set[str]) -> None:
    """A paragraph or list that only links to stories the sidebar lists (a lost lead-in)."""
    for element in list(body.iter("p", "list")):
        if element.getparent() is None or not _link_only(element, 0):
            continue
        targets = {ref.get("target") for ref in element.iter("ref")}
        if targets and targets <= related:
            remove(element)


def _drop_prompts(body: _Element) -> None:
    """ "Submit a letter to the editor", "This post contains references to products from our
    advertisers": short notes from the site, among the first three or last four blocks; a
    newsletter sign-up line anywhere."""
    blocks = list(body)
    ends = {id(element) for element in blocks[:3] + blocks[-4:]}
    for element in blocks:
        if element.tag != "p":
            continue
        text = element_text(element)
        prompt = id(element) in ends and len(text) <= 400 and vocab.PROMPT_RE.search(text)
        if prompt or (len(text) <= 200 and vocab.SIGNUP_RE.match(text)):
            remove(element)


_KICKER_RE = re.compile(r"^[^a-z]{2,30}:$")  # "A SIMPLE GUIDE:", "VIDEO:"
_BYLINE_RE = re.compile(r"^By [A-Z][\w'’.-]+( [A-Z][\w'’.-]+){1,3}(,.*)?$")


def _drop_link_boxes(body: _Element) -> None:
    """A box of links set in the text, each a kicker and a link ("VIDEO: The 20-second hand
    wash"): the site pointing elsewhere, not the article."""
    for box in list(body.iter("list")):
        items = [item for item in box if item.tag == "item"]
        if len(items) < 3 or box.getparent() is None:
            continue
        if all(_kicker_and_link(item) for item in items):
            remove(box)


def _kicker_and_link(item: _Element) -> bool:
    refs = list(item.iter("ref"))
    if len(refs) != 1:
        return False
    label = element_text(refs[0])
    rest = element_text(item).replace(label, "", 1).strip()
    return _KICKER_RE.match(rest) is not None and len(label.split()) >= 3


def _drop_bylines(body: _Element) -> None:
    """ "By Nada Tawfik, BBC News, New York" over a box in the text: who wrote it, not what."""
    for element in list(body.iter("p")):
        text = element_text(element).strip("*_ ")
        if len(text.split()) <= 10 and _BYLINE_RE.match(text):
            remove(element)


def _headlines(element: _Element) -> bool:
    """Every link reads like a story's headline (a reference list reads "PDF", "Source")."""
    return all(len(element_text(ref).split()) >= 4 for ref in element.iter("ref"))


def _drop_promos(body: _Element) -> None:
    """A "Sign up for our newsletter" heading and the sign-up blurb under it."""
    for head in list(body.iter("head")):
        text = element_text(head)
        if head.getparent() is None or len(text) > 80 or not vocab.PROMO_HEADING_RE.search(text):
            continue
        for sibling in list(head.itersiblings()):
            blurb = element_text(sibling)
            if sibling.tag != "p" or len(blurb) > 300 or not vocab.PROMO_TEXT_RE.search(blurb):
                break
            remove(sibling)
        remove(head)


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
    total = len(element_text(element))
    linked = sum(len(element_text(ref)) for ref in element.iter("ref"))
    return linked > 0 and total - linked - allowance <= max(3, total // 10)


def _fix_links(body: _Element, base: str) -> None:
    """Absolute, cleaned targets; a link to nowhere becomes plain text."""
    for ref in list(body.iter("ref")):
        target = urls.resolve(SPACE_RE.sub("", ref.get("target") or ""), base)
        if target:
            ref.set("target", target)
            squeeze_whitespace(ref)
        else:
            unwrap(ref)
