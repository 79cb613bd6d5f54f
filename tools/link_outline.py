"""A neutral outline of a page for labelling its related links by hand.

Prints, in document order, every heading, every prose paragraph (its length and first
words) and every link (its visible text, the texts of its parts, its resolved address),
with the markup around each run of links (tag, id, class, aria-label of the nearest
ancestors). Nothing here judges a link: the outline shows what is on the page, so the
labeller reads the blocks as a reader would, without the detector's opinion.

    python tools/link_outline.py PAGE.html URL [--all-prose]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urljoin

from lxml.html import HtmlElement

from tui_news.reader.extract import parse_html

_SKIP = {"script", "style", "noscript", "template", "svg"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _label(element: HtmlElement) -> str:
    parts = [str(element.tag)]
    if element.get("id"):
        parts.append("#" + element.get("id", "")[:30])
    classes = (element.get("class") or "").split()
    if classes:
        parts.append("." + ".".join(classes[:3])[:50])
    for attribute in ("aria-label", "data-testid", "title", "role"):
        if element.get(attribute):
            parts.append(f"[{attribute}={element.get(attribute, '')[:40]}]")
    return "".join(parts)


def _chain(element: HtmlElement, depth: int) -> str:
    labels = []
    for ancestor in list(element.iterancestors())[:depth]:
        if ancestor.tag in ("html", "body"):
            break
        labels.append(_label(ancestor))
    return " < ".join(labels)


def _words(text: str) -> str:
    return " ".join(text.split())


def _parts(anchor: HtmlElement) -> list[str]:
    texts = []
    for piece in anchor.itertext():
        folded = _words(piece)
        if folded:
            texts.append(folded)
    return texts


def _load(path: Path, url: str) -> tuple[HtmlElement, str]:
    # The reader's own parser, so the labels read the text as the reader decodes it.
    root = parse_html(path.read_bytes())
    for bad in list(root.iter(*_SKIP)):
        if bad.getparent() is not None:
            bad.drop_tree()
    base = root.xpath("//base/@href")
    return root, urljoin(url, str(base[0])) if base else url


def numbered_links(path: Path, url: str) -> dict[int, tuple[list[str], str]]:
    """The links as the outline numbers them: number -> (text parts, address)."""
    root, base_url = _load(path, url)
    links = [a for a in root.iter("a") if a.get("href")]
    return {
        number: (_parts(anchor), urljoin(base_url, anchor.get("href", "").strip()))
        for number, anchor in enumerate(links, start=1)
    }


def outline(path: Path, url: str, depth: int, all_prose: bool) -> None:
    root, base_url = _load(path, url)
    last_chain = None
    number = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _HEADINGS:
            print(f"\n== {element.tag.upper()} {_words(element.text_content())[:100]}")
            last_chain = None
        elif element.tag == "p" and not any(a.tag == "a" for a in element.iterancestors()):
            text = _words(element.text_content())
            if len(text.split()) >= 12 or (all_prose and text):
                links = len(element.findall(".//a"))
                print(f"   ¶ {len(text.split())}w {links}a: {text[:90]}")
                last_chain = None
        elif element.tag == "a" and element.get("href"):
            number += 1
            chain = _chain(element, depth)
            if chain != last_chain:
                print(f"  -- {chain}")
                last_chain = chain
            parts = _parts(element)
            href = urljoin(base_url, element.get("href", "").strip())
            title = element.get("title") or element.get("aria-label") or ""
            extra = f" {{title={title[:60]}}}" if title else ""
            print(f"  {number:4d} {' ¦ '.join(parts)[:160]}{extra}  -> {href}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("url")
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--all-prose", action="store_true")
    args = parser.parse_args()
    outline(args.page, args.url, args.depth, args.all_prose)


if __name__ == "__main__":
    main()
