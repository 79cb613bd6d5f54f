"""The page's own pictures: which images are the article's, their captions, where they go.

An image counts when it is not decoration (an icon, logo, spacer, a tiny image, one
marked presentational) and not another story's thumbnail (inside a link, a `nav`,
`aside` or footer), and when something says what it shows: the caption of its
figure, else alt text of at least two words that is not a file name.

Where it goes is told by its neighbours: the nearest text blocks (paragraphs, headings,
list items, quotes) before and after it in the page. A picture is placed in the
extracted text (`place`) only where both were kept as article text, so a thumbnail in
a rail or under the article never is; the lead photo, nearest above the first
paragraph, goes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.etree import SubElement, _Element
from lxml.html import HtmlElement

from tui_news.core.text import fold, squash
from tui_news.reader import markdown, urls
from tui_news.reader.pictures import Picture, label

MAX_CAPTION = 280
MIN_SIDE = 80  # pixels: smaller images are icons and spacers, not pictures

_URL_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-url", "src")
_SET_ATTRIBUTES = ("data-srcset", "srcset")
_TEXT_BLOCKS = ("p", "head", "item", "quote", "code")  # in trafilatura's tree
_CHROME = frozenset(("a", "nav", "footer", "aside", "button", "form"))
_BLOCKS = frozenset(("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"))
_DECORATION_RE = re.compile(
    r"logo|icon|avatar|sprite|spacer|pixel|badge|emoji|gravatar|placeholder|blank\.", re.I
)
_FILE_NAME_RE = re.compile(r"^\S+\.(jpe?g|png|gif|webp|avif|svg)$", re.I)
_GENERIC_ALT = frozenset(("image", "photo", "picture", "img", "foto", "bild", "thumbnail"))
# A caption's own paragraph is no neighbour of the picture it describes.
_CAPTION_CLASS_RE = re.compile("caption|credit", re.I)
_CAPTIONS = ".//figcaption | .//*[contains(@class, 'caption')] | .//*[@itemprop='caption']"
# "Image caption", "Caption:" before the caption proper (BBC's hidden screen-reader labels).
_LEAD_LABEL_RE = re.compile(
    r"^(image|photo|picture|media)\s+(caption|copyright)\s*:?\s*|^caption\s*:\s*", re.I
)
_CREDIT = r"(picture|photo|image|foto|bild|credit|source|illustration)s?\s*(:|by\b)"
# "Photo by Jane Doe", "(Bild: Hersteller)", "Credit Harry Campbell": a credit, not a caption.
_CREDIT_ONLY_RE = re.compile(rf"^\W*({_CREDIT}|credit\b)", re.I)
# "… Picture: PA", "… | Photo: Jane Doe", "… Credit: STR/AFP", "… © Ivo Mayr / Correctiv",
# "…Credit Kirsten Luce for The New York Times".
_TRAILING_CREDIT_RE = re.compile(
    rf"(\s*[.(\[|–—-]\s*{_CREDIT}[^.]*[)\]]?|\s+credit\s*:.*|\s*[(\[]?©.*"
    r"|\.?Credit(Credit)?[A-Z].*)\s*$",
    re.I,
)
# "… in Paris Benoit Tessier/Reuters": a photographer and an agency, unbracketed.
_TRAILING_AGENCY_RE = re.compile(r"(\s+[A-Z][\w.'-]*){2}/[A-Z][\w. ]*$")
# "(Brendan Smialowski/AP)", "(Getty Images)": the photographer or agency in brackets.
_CREDIT_BRACKETS_RE = re.compile(
    r"\s*[(\[][^()\[\]]*(/|\b(AP|AFP|Reuters|Getty|EPA|PA|dpa|Shutterstock|Alamy|iStock)\b)"
    r"[^()\[\]]*[)\]]\s*$"
)


KEY_LENGTH = 50
LEAD_REACH = 10  # text blocks (a dateline, a share bar) between a lead photo and the text


@dataclass(frozen=True, slots=True)
class Placed:
    """A picture and where it is among the page's text blocks."""

    picture: Picture
    after: int  # index of the first text block after it (len(keys) at the very end)
    below_headline: bool  # the page's h1 came before it
    story: HtmlElement | None  # its nearest `article` or `main` ancestor


class Catalogue:
    """Every picture of a page in reading order, and the page's text blocks around them."""

    def __init__(self, root: HtmlElement, base: str) -> None:
        self.placed: list[Placed] = []
        self.keys: list[str] = []  # text blocks, in reading order
        self._blocks: list[HtmlElement] = []
        captions = {
            block for figure in root.iter("figure", "figcaption") for block in figure.iter(*_BLOCKS)
        }
        headline_seen = False
        for element in root.iter("h1", "img", *_BLOCKS):
            if element.tag == "h1":
                headline_seen = True
            elif element.tag == "img":
                picture = _picture(element, base)
                if picture is not None:
                    placed = Placed(picture, len(self.keys), headline_seen, _story(element))
                    self.placed.append(placed)
            elif element not in captions and not _CAPTION_CLASS_RE.search(
                element.get("class") or ""
            ):
                key = block_key(element.text_content())
                if key:
                    self.keys.append(key)
                    self._blocks.append(element)

    def neighbours(self, placed: Placed) -> tuple[str, str]:
        """The keys of the text blocks just before and just after a picture ("" for none)."""
        before = self.keys[placed.after - 1] if placed.after > 0 else ""
        after = self.keys[placed.after] if placed.after < len(self.keys) else ""
        return before, after

    def lead(self, first_key: str) -> Picture | None:
        """The picture nearest above the article's first paragraph, if it is the story's.

        It is when the page's headline (`h1`) came before it, or when it shares an
        `article` or `main` element with that paragraph: a site's banner does neither.
        """
        if first_key not in self.keys:
            return None
        first = self.keys.index(first_key)
        story = _story(self._blocks[first])
        found: Picture | None = None
        for placed in self.placed:
            if first - LEAD_REACH <= placed.after <= first and (
                placed.below_headline or (story is not None and placed.story is story)
            ):
                found = placed.picture
        return found


def block_key(text: str) -> str:
    """How a text block is recognised in the page and in the extracted text: its start."""
    return squash(text.lstrip()[: 4 * KEY_LENGTH].replace("\xad", ""))[:KEY_LENGTH]


def _picture(image: HtmlElement, base: str) -> Picture | None:
    """The picture an `img` shows, or None for decoration and other stories' thumbnails."""
    if any(ancestor.tag in _CHROME for ancestor in image.iterancestors()):
        return None
    if image.get("role") == "presentation" or image.get("aria-hidden") == "true":
        return None
    if _too_small(image.get("width")) or _too_small(image.get("height")):
        return None
    address = next(filter(None, (_address(image, name, base) for name in _ADDRESSES)), "")
    marks = " ".join(str(image.get(name) or "") for name in ("src", "class", "id"))
    if not address or _DECORATION_RE.search(f"{marks} {_file_name(address)}"):
        return None
    caption = figure_caption(image) or _alt_caption(image.get("alt") or image.get("title"))
    return Picture(caption, address) if caption else None


_ADDRESSES = (*_URL_ATTRIBUTES, *_SET_ATTRIBUTES)


def _address(image: HtmlElement, name: str, base: str) -> str:
    value = (image.get(name) or "").strip()
    if name in _SET_ATTRIBUTES:  # "a.jpg 480w, b.jpg 960w": the first candidate
        value = value.split(",")[0].strip().split(" ")[0]
    return urls.resolve(value, base)


def figure_caption(image: HtmlElement) -> str:
    """The caption of the figure an image sits in ("" when none).

    A `figure` up to four levels up, or a parent or grandparent holding only this image.
    """
    for depth, ancestor in enumerate(image.iterancestors()):
        if depth > 3:
            break
        figure = ancestor.tag == "figure"
        if not figure and (depth > 1 or len(ancestor.xpath(".//img")) != 1):
            continue
        texts = (clean_caption(str(node.text_content())) for node in ancestor.xpath(_CAPTIONS))
        caption = next((text for text in texts if text), "")
        if caption or figure:
            return caption
    return ""


def _alt_caption(alt: str | None) -> str:
    """Alt text worth reading: words, not a file name, "image" or a lone keyword."""
    text = clean_caption(alt or "")
    if _FILE_NAME_RE.match(text) or text.lower() in _GENERIC_ALT or len(text.split()) < 2:
        return ""
    return text


def clean_caption(text: str) -> str:
    """One line, without labels and photo credits, at most MAX_CAPTION characters."""
    text = squash(text.replace("\xad", ""))
    text = _LEAD_LABEL_RE.sub("", text)
    for pattern in (_TRAILING_CREDIT_RE, _CREDIT_BRACKETS_RE, _TRAILING_AGENCY_RE):
        shorter = pattern.sub("", text).strip()
        if len(shorter.split()) >= 2:
            text = shorter
    text = text.strip(" |-–—:")
    if _CREDIT_ONLY_RE.match(text) or len(text.split()) < 2:
        return ""  # a credit, or a lone name or keyword, says nothing of the picture
    if len(text) > MAX_CAPTION:
        text = text[:MAX_CAPTION].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _too_small(value: str | None) -> bool:
    try:
        return 0 < int(str(value).strip().removesuffix("px")) < MIN_SIDE
    except ValueError:
        return False


def _file_name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1].lower()


def _story(element: HtmlElement) -> HtmlElement | None:
    """Its nearest `article` or `main` ancestor (held, so lxml keeps one proxy for it)."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main"):
            return ancestor
    return None


# -- in the extracted text (trafilatura's tree) -----------------------------------------


def place(body: _Element, catalogue: Catalogue, *, title: str = "") -> None:
    """Add a picture line for the lead photo and for each in-text picture, each once.

    A caption already shown, or one that only repeats the headline (alt text set to the
    article's title on every image), adds nothing.
    """
    blocks: dict[str, _Element] = {}
    for element in body.iter(*_TEXT_BLOCKS):
        found = block_key("".join(element.itertext()).replace(markdown.QUOTE_START, ""))
        top = _top_block(body, element)
        if found and top is not None:
            blocks.setdefault(found, top)
    first = next(iter(blocks), "")
    headline = fold(title, sep=" ")
    shown: set[str] = set()

    def worth_showing(picture: Picture) -> bool:
        caption = fold(picture.caption, sep=" ")
        if picture.url in shown or caption in shown or (headline and headline in caption):
            return False
        shown.update((picture.url, caption))
        return True

    lead = catalogue.lead(first)
    if lead is not None and not worth_showing(lead):
        lead = None
    lines_after: dict[int, _Element] = {}
    for placed in catalogue.placed:
        before, after = catalogue.neighbours(placed)
        if placed.picture is lead or before not in blocks or after not in blocks:
            continue
        if worth_showing(placed.picture):
            anchor = blocks[before]
            line = _line(body, placed.picture)
            lines_after.get(id(anchor), anchor).addnext(line)
            lines_after[id(anchor)] = line
    if lead is not None:
        body.insert(0, _line(body, lead))


def _top_block(body: _Element, element: _Element) -> _Element | None:
    """The child of `body` that holds `element`."""
    node: _Element | None = element
    while node is not None and node.getparent() is not body:
        node = node.getparent()
    return node


def _line(body: _Element, picture: Picture) -> _Element:
    """A paragraph holding one link: "[Photo: caption]" to the image (plain when no web URL)."""
    line = body.makeelement("p", {})
    if urls.resolve(picture.url, ""):
        SubElement(line, "ref", {"target": picture.url}).text = label(picture.caption)
    else:
        line.text = label(picture.caption)
    return line
