"""Story links: what surely is not one, a link's telltale signs, and its headline.

Whether a link lists another story is the related-links model's call (`link_model`);
this module says what never is one whatever the score (the page itself, sharing and
ad-network links, "send this page" services), measures signs the model weighs (a word
linked inside a sentence, a section or author label, an archive tree), and reads the
headline.

The headline is what a reader reads off the card: its heading or title element, else
the visible text, without the kicker in capitals, the rank number, the date or the
"Read more:" lead-in that sites print around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from lxml.html import HtmlElement

from tui_news.core import urls as core_urls
from tui_news.core.text import squash, word_set
from tui_news.reader import headline, urls, vocab
from tui_news.reader.related_page import RelatedPage, tokens

# Hosts whose links are sharing buttons, ad networks or affiliate redirects, never stories.
_NOT_STORY_HOSTS = re.compile(
    r"(^|\.)(facebook\.com|fb\.me|twitter\.com|x\.com|t\.co|linkedin\.com|pinterest\.[a-z.]+"
    r"|reddit\.com|whatsapp\.com|wa\.me|t\.me|telegram\.(me|org)|instagram\.com|tiktok\.com"
    r"|youtube\.com|youtu\.be|flipboard\.com|tumblr\.com|vk\.com|getpocket\.com"
    r"|addtoany\.com|sharethis\.com|news\.google\.com|doubleclick\.net|taboola\.com"
    r"|outbrain\.com|googleadservices\.com|zergnet\.com|trkwl\.me|redirectingat\.com"
    r"|gemini\.yahoo\.com|tradedoubler\.com|anrdoezrs\.net|linksynergy\.com|shop-links\.co"
    r"|georiot\.com|amazon\.[a-z.]+|ebay\.[a-z.]+|newsmaxfeednetwork\.com)$",
    re.IGNORECASE,
)
# A site's job board, shop or classifieds: "stellenmarkt.faz.net", "store.example.com".
_SERVICE_HOST_RE = re.compile(
    r"^(jobs?|careers?|karriere|stellen(markt)?|shop|store|boutique|abo|subscribe|login"
    r"|account|kleinanzeigen|classifieds|immobilien(markt)?)\.",
    re.IGNORECASE,
)
_JOB_AD_RE = re.compile(r"\((m|w|f|d)/(m|w|f|d)(/(m|w|f|d|x))?\)", re.IGNORECASE)
# Links that label a card rather than name a story: its section, tag, author or kicker.
_LABEL_TOKENS = word_set(
    "kicker eyebrow overline category categories cat section rubric tag tags topic topics"
    " label byline author authors"
)
_PROSE_TAGS = word_set("p dd td blockquote figcaption")
_INLINE_TAGS = word_set("a span strong b em i u small mark abbr font")
_RANK_RE = re.compile(r"^(#|no\.?\s*)?\d{1,3}[.):]?$", re.IGNORECASE)
_TIME_RE = re.compile(
    r"^(\d{1,2}[:.]\d{2}(\s?[ap]\.?m\.?)?|\d+\s+(min|mins|minutes|hours?|days?|hrs?)\s+ago"
    r"|(mon|tues|wednes|thurs|fri|satur|sun)day'?s?)$",
    re.IGNORECASE,
)
_BRACKET_LEAD_RE = re.compile(r"^\[\s*(read|watch|listen|see)\s*:\s*(.+?)\s*\]$", re.IGNORECASE)
_LEAD_RE = re.compile(
    r"^\W*(read more|read next|read also|also read|read|related|see also|learn more"
    r"|more on this( story)?|previous|next|up next|lire aussi|à lire aussi|lire|à voir"
    r"|voir aussi|ver también|veja também|leia também|lee también|lea también|leggi anche"
    r"|lesen sie auch|mehr zum thema|weiterlesen|watch|listen)\s*[:|›»>→\-–—]+\s*",
    re.IGNORECASE,
)
_CAPS_LEAD_RE = re.compile(r"^(PREVIOUS|NEXT|READ NEXT|RELATED|MORE|SEE ALSO|WATCH)\s+(?=\S)")
_TRAILING_DATE_RE = re.compile(
    r"\s+(?:[^\W\d_]+,?\s+)?(?:\d{1,2}\.?\s+[^\W\d_]{3,10}\.?,?\s+\d{4}"
    r"|[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})$"
)
_MID_SENTENCE_RE = re.compile(r"[a-z,]\s+$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True, slots=True)
class Story:
    """One link to another story, as found on the page."""

    anchor: HtmlElement
    url: str
    title: str  # "" when the link shows no headline (a picture): its card may
    from_heading: bool
    strength: int  # urls.story_url_strength: 2 sure, 1 a short slug
    foreign: bool  # on another site than the page


def never_a_story(page: RelatedPage, url: str) -> bool:
    """The page itself, a sharing button, an ad network, a shop, a job board, a click
    counter forwarding to one of them, or a "send this page" service."""
    if page.is_own(url) or _is_service_host(_host(url)):
        return True
    return "=http" in url and (_redirects_off_site(url) or _carries_page(page, url))


def _host(url: str) -> str:
    """`core.urls.host`, on the split the page's link keys already made of the address."""
    try:
        return (urls.split(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def _is_service_host(host: str) -> bool:
    return bool(_NOT_STORY_HOSTS.search(host) or _SERVICE_HOST_RE.match(host))


def is_job_advert(title: str) -> bool:
    """ "Operativer Personalleiter (m/w/d)": a job advert, not a story."""
    return _JOB_AD_RE.search(title) is not None


def story_title(anchor: HtmlElement) -> tuple[str, bool]:
    """The headline of a story link, and whether it came from a heading element."""
    pieces, from_heading = headline.anchor_title_pieces(anchor)
    if from_heading:
        return clean_title(" ".join(_without_kicker(pieces))), True
    title = clean_title(" ".join(_headline_pieces(pieces)))
    strong = _emphasised(anchor, title)
    if strong:
        return strong, False
    return clean_title(headline.context_title(anchor, title)) if title else "", False


def _emphasised(anchor: HtmlElement, title: str) -> str:
    """ "<strong>Headline</strong> Stunning": a bold headline with a teaser word after it."""
    for element in anchor.iterdescendants("strong", "b"):
        text = clean_title(headline.visible_text(element))
        if text != title and headline_like(text) and len(text) >= 0.6 * len(title):
            return text
    return ""


def _headline_pieces(pieces: list[str]) -> list[str]:
    """The pieces of a card's text that make its headline: no rank, date or caps kicker."""
    kept = [piece for piece in pieces if not _RANK_RE.match(piece) and not _TIME_RE.match(piece)]
    kept = [piece for piece in kept if not vocab.DATE_LINE_RE.match(piece)]
    if len(kept) >= 2 and _is_kicker(kept[0]):
        kept = kept[1:]
    kept = _without_kicker(kept)
    if len(kept) >= 2 and headline_like(kept[0]) and len(" ".join(kept[1:])) > 60:
        kept = kept[:1]  # headline, then its summary
    return kept


def _without_kicker(pieces: list[str]) -> list[str]:
    """ "Markenanwalt übt Kritik" ":" "Greta Thunberg will …": a kicker element closed by a
    colon (in it or in its own element), then the headline."""
    if len(pieces) < 2:
        return pieces
    first, rest = pieces[0], pieces[1:]
    if rest[0] in (":", "|", "–", "—", "-"):
        first, rest = first + ":", rest[1:]
    headline_text = " ".join(rest)
    if first.endswith(":") and len(first.split()) <= 6 and headline_like(headline_text):
        return rest
    return pieces


def _is_kicker(piece: str) -> bool:
    letters = [c for c in piece if c.isalpha()]
    return len(piece) <= 40 and len(letters) >= 2 and all(c.isupper() for c in letters)


def lead_in(text: str) -> str:
    """The "Read more:" / "Lire aussi :" in front of a promoted headline, or ""."""
    match = _LEAD_RE.match(text) or _CAPS_LEAD_RE.match(text)
    return match.group(0) if match else ""


def clean_title(text: str) -> str:
    text = squash(text)
    dated = _TRAILING_DATE_RE.sub("", text)
    if dated != text and headline_like(dated) and dated[-1] not in "-–—:|(":
        text = dated  # "BGH zu Kohl-Tagebüchern Dienstag, 10. November 2015"
    bracketed = _BRACKET_LEAD_RE.match(text)
    if bracketed:
        text = bracketed.group(2)
    for pattern in (_LEAD_RE, _CAPS_LEAD_RE):
        stripped = pattern.sub("", text, count=1)
        if stripped != text and headline_like(stripped):
            text = stripped
    return text.strip(" |·•–—-")


def headline_like(text: str) -> bool:
    """Several words: a headline, not "Home", "Sport", "Zen 3" or "Monday's"."""
    words = text.split()
    if _TIME_RE.match(text) or vocab.DATE_LINE_RE.match(text):
        return False
    if len(_CJK_RE.findall(text)) >= 6:
        return True
    return len(words) >= 3 or (len(words) == 2 and len(text) >= 16)


def is_label(anchor: HtmlElement) -> bool:
    """A section, tag or author link printed on a card ("Politics |", "By Jane Doe")."""
    if tokens(anchor) & _LABEL_TOKENS:
        return True
    parent = anchor.getparent()
    return (
        parent is not None
        and parent.tag not in ("li", "article")
        and bool(tokens(parent) & _LABEL_TOKENS)
    )


def _redirects_off_site(url: str) -> bool:
    """A click counter forwarding to a shop or a network ("/linktrack/?url=amazon…")."""
    return any(_is_service_host(core_urls.host(value)) for value in _carried_urls(url))


def _carries_page(page: RelatedPage, url: str) -> bool:
    """ "Send this page" / "print" services: a page of this site (this one, often under
    another address) carried in the query."""
    return any(page.is_own(value) or page.same_site(value) for value in _carried_urls(url))


def _carried_urls(url: str) -> list[str]:
    """The http(s) addresses in a URL's query that parse: a hostile page's
    "?u=http://[::1" is no address, and it must not stop the page from being read."""
    carried = []
    for _name, value in parse_qsl(urlsplit(url).query):
        if value.startswith(("http://", "https://")):
            try:
                urlsplit(value)
            except ValueError:
                continue
            carried.append(value)
    return carried


def in_tree(anchor: HtmlElement) -> bool:
    """Three list items deep: an archive tree (year > month > post), not a story list."""
    return sum(1 for ancestor in anchor.iterancestors() if ancestor.tag == "li") >= 3


def in_sentence(page: RelatedPage, anchor: HtmlElement) -> bool:
    """A word or phrase linked inside running text, not a link standing on its own.

    Paragraphs are <p> and the like, or a <div> when the words around the link run on
    into it ("Meghan <a>revealed in February</a> that …"). A link with no words right
    before or after it stands on its own, whatever prose its box holds."""
    if not _has_neighbour_text(anchor):
        return False
    for element in anchor.iterancestors():
        if element.tag in _INLINE_TAGS:
            continue
        if element.tag not in _PROSE_TAGS and not (element.tag == "div" and _runs_on(anchor)):
            return False
        own = page.text_len.get(anchor, 0)
        if page.prose(element) >= 10 and _starts_low(anchor):
            return True  # "… Meghan <a>revealed in February</a> that …"
        return page.prose(element) >= 40 and own < 0.6 * page.text_len.get(element, 0)
    return False


def _has_neighbour_text(anchor: HtmlElement) -> bool:
    node = anchor
    parent = node.getparent()
    while parent is not None and parent.tag in _INLINE_TAGS:
        node, parent = parent, parent.getparent()
    if parent is None:
        return False
    previous = node.getprevious()
    before = previous.tail if previous is not None else parent.text
    after = node.tail
    following = node.getnext()
    inline_after = following is not None and following.tag in _INLINE_TAGS
    return bool((before or "").strip() or (after or "").strip() or inline_after)


def _starts_low(anchor: HtmlElement) -> bool:
    """Lower case first: words of a sentence ("iPhone" and "eBay" start headlines)."""
    text = anchor.text_content().strip()
    return len(text) >= 2 and text[0].islower() and not text[1].isupper()


def _runs_on(anchor: HtmlElement) -> bool:
    """The sentence goes through the link: it starts in lower case, or the text just
    before it ends mid-sentence."""
    if _starts_low(anchor):
        return True
    previous = anchor.getprevious()
    before = (previous.tail if previous is not None else anchor.getparent().text) or ""
    return _MID_SENTENCE_RE.search(before) is not None
