"""The headline without the site's name that pages glue to their <title>.

"… | Caktus Group", "… - CNET.de", "… | DW | 19.01.2020", "SimplyScience - …": the
reading pane shows the site on its own line, so the headline should not repeat it. A
segment goes only when it names the site (its name, or a label of its host); a headline
with dashes of its own ("Hating Millennials - the prejudice …") stays whole.
"""

from __future__ import annotations

import re

from tui_news.core import urls as core_urls
from tui_news.core.text import fold

_SEPARATOR_RE = re.compile(r"\s+(?:[|•»·]|::|[-–—])\s+")
_DATE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_MAX_SEGMENT = 60


def clean_title(title: str, sitename: str, url: str) -> str:
    """`title` without a leading or trailing segment that names the site."""
    names = _names(sitename, url)
    if not names[0] and not names[1]:
        return title
    cleaned = title
    for _ in range(3):  # "Headline | DW | 19.01.2020": date, then site
        shorter = _strip_once(cleaned, sitename, names)
        if shorter == cleaned:
            break
        cleaned = shorter
    return cleaned if len(cleaned.split()) >= 2 else title


def _strip_once(title: str, sitename: str, names: tuple[str, list[str]]) -> str:
    if sitename:
        for glue in (" | ", " - ", " – ", " — ", " • ", " » "):
            if title.endswith(glue + sitename):  # "… - INCURVY Plus-Size Fashion - BLOG"
                return title[: -len(glue + sitename)].rstrip()
    separators = list(_SEPARATOR_RE.finditer(title))
    if not separators:
        return title
    if _DATE_RE.match(title[separators[-1].end() :].strip()):
        return title[: separators[-1].start()].rstrip()
    for separator in reversed(separators):  # "… » SciLogs - Wissenschaftsblogs"
        if _names_site(title[separator.end() :], names):
            return title[: separator.start()].rstrip()
    first = separators[0]
    if _names_site(title[: first.start()], names):
        return title[first.end() :].lstrip()
    return title


def _names(sitename: str, url: str) -> tuple[str, list[str]]:
    """(the squashed site name, the host's own labels) — what a site segment can say."""
    host = core_urls.bare_host(url)
    labels = [fold(label) for label in host.split(".")[:-1] if label]
    return fold(sitename), [label for label in labels if label]


def _names_site(segment: str, names: tuple[str, list[str]]) -> bool:
    if len(segment) > _MAX_SEGMENT:
        return False
    squashed = fold(segment)
    if not squashed:
        return False
    site, labels = names
    if site and len(site) >= 2 and (squashed.startswith(site) or site.startswith(squashed)):
        return True
    return any(
        squashed == label
        or (len(label) >= 4 and squashed.startswith(label))
        or (len(label) >= 6 and label in squashed)
        for label in labels
    )
