"""What names a box of links: its aria-label, a heading just before it, or its first
heading (one the page shows).

The related-links features ask it of the half-dozen nearest ancestors of every link, and
looking for an element's first heading by walking everything inside it walked the
page's largest boxes again and again (a tenth of the feature time). Each element's first
shown heading is found instead in one pass over the page's headings.
"""

from __future__ import annotations

from lxml.html import HtmlElement

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def link_text(anchor: HtmlElement) -> str:
    """The link's visible words, spaces folded."""
    return " ".join(" ".join(anchor.itertext()).split())


class BoxHeadings:
    """The headings that name the boxes of one page, which must not change meanwhile."""

    def __init__(self, root: HtmlElement, hidden: set[HtmlElement]) -> None:
        self._hidden = hidden
        # element → the first heading inside it, in page order, that is not hidden
        self._first: dict[HtmlElement, HtmlElement] = {}
        for heading in root.iter(*HEADINGS):
            if heading in hidden:
                continue
            for ancestor in heading.iterancestors():
                if ancestor in self._first:
                    break  # and so are all above it, by an earlier heading
                self._first[ancestor] = heading
        self._names: dict[HtmlElement, str] = {}

    def name(self, element: HtmlElement) -> str:
        """The box's aria-label, the heading just before it, or its own first heading."""
        found = self._names.get(element)
        if found is None:
            found = self._names[element] = self._own_name(element)
        return found

    def _own_name(self, element: HtmlElement) -> str:
        label = element.get("aria-label") or ""
        if label:
            return label
        hops = 0
        for before in element.itersiblings(preceding=True):
            if hops >= 2:
                break
            if not isinstance(before.tag, str) or before in self._hidden:
                continue
            if before.tag in HEADINGS:
                return link_text(before)
            inner = self._first.get(before)
            if inner is not None:
                return link_text(inner)
            hops += 1
        inner = self._first.get(element)
        return link_text(inner) if inner is not None else ""
