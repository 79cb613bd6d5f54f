"""Related-link quality: precision and recall on hand-labelled real pages, per split.

Labels are in tests/data/pages/labels/related.json: for each page, every link to another
story in a related / more / latest / most-read block (or an in-text "Read more" list),
labelled by reading the HTML, before the detector ran on the page. The pages are split
by site into a tuning part and a held-out part by `split_of`, a rule fixed before any
detector output was seen: sites the detector had already been tuned on stay in tuning,
the others are held out when the first byte of sha256(site) is divisible by 3.

A third part, "fresh", was labelled after the held-out part had been looked at once
(by accident, in the middle of tuning): 24 pages from sites no other part has, chosen
before any detector output as the first 24 of the corpus's unlabelled sites in
sha256(site) order. It stands in for the held-out part as the unseen measure.

Two more parts, "tuning2" and "fresh2", were labelled after the held-out and fresh parts
had been measured (62 pages from 62 sites no other part has, 16 with no related links).
Before the detector ran on any of them, their 45 candidate sites were split at random:
sorted, shuffled by random.Random(20261206), the first 23 to tuning2 (may be looked at
and tuned on), the other 22 to fresh2 (measured once at the end, never looked into).
Some drawn sites were not labelled in the end (a listing page, an empty script shell,
time); the draw is kept as drawn. After the first tuning on tuning2, 22 more pages from
22 more new sites were labelled the same way, split by a second draw (seed 20261207, the
first 11 of the shuffled sorted sites to tuning2, the other 11 to fresh2) before the
detector ran on any of them.

A last round, in session 5 while the detector was being rewritten (tuned on tuning and
tuning2 only), labelled corpus pages no part had, by page, from tools/link_outline.py's
outline before any detector ran on them: "fresh3" (FRESH3_PAGES), pages of sites in
neither tuning part (new sites, more pages of heldout, fresh and fresh2 sites), to judge
the rewritten detector once at the end; and "tuning3" (TUNING3_PAGES), more pages of
tuning sites, tuning material. The page lists are in bench/related_late_pages.py. The
detector became a model trained on tuning, tuning2 and tuning3 (tools/train_related.py,
judged meanwhile by leaving sites out of its training, never by the unseen parts); all
four unseen parts were then measured once, fresh3 for the first time.

Scores are micro-averaged over links: a found link is a hit when its URL is a labelled
one (scheme, "www." and a final slash ignored). Headline agreement counts, among the
hits, titles equal to the label after whitespace folding.

    /work/venv/bin/python bench/related_quality.py [--split tuning] [--show-misses]

Never tune on the held-out part after measuring it: label new pages instead.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.related_late_pages import FRESH3_PAGES, TUNING3_PAGES  # noqa: E402
from tui_news.reader import urls  # noqa: E402
from tui_news.reader.article import RelatedLink  # noqa: E402

SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
CORPUS_PAGES = SHARED / "corpus" / "pages"
LABELS = REPO / "tests" / "data" / "pages" / "labels" / "related.json"
SPLITS = ("tuning", "heldout", "fresh", "tuning2", "fresh2", "fresh3", "tuning3")
# Parts whose misses are never looked at.
UNSEEN = frozenset(["heldout", "fresh", "fresh2", "fresh3"])

# Sites whose pages the detector was tuned on before this set existed (the earlier
# related-uk / related-heldout labels): they can only ever be tuning material.
PREVIOUSLY_TUNED = frozenset(
    [
        "abc7news",
        "bbc",
        "cbsnews",
        "dailymail",
        "dw",
        "independent",
        "msn",
        "nationalgeographic",
        "standard",
        "telegraph",
        "theguardian",
        "theintercept",
        "wired",
    ]
)

# Labelled after the first look at the held-out part (see the module's docstring).
FRESH_SITES = frozenset(
    [
        "befifty",
        "boingboing",
        "computerbase",
        "ebrosia",
        "franceculture",
        "iloveponysmag",
        "jolie",
        "knowtechie",
        "landwirt",
        "lemire",
        "majkaswelt",
        "mixed",
        "moritz-meyer",
        "politische-bildung-brandenburg",
        "psl",
        "reuters",
        "sauvonsluniversite",
        "skateboardmsm",
        "spreeblick",
        "stackoverflow",
        "sueddeutsche",
        "threatpost",
        "vice",
        "viehbacher",
    ]
)

# The seeded draws over the second labelling round's candidate sites (see the docstring).
TUNING2_SITES = frozenset(
    [
        "archiveofourown",
        "brigitte",
        "chip",
        "correctiv",
        "erp-news",
        "faz",
        "futurezone",
        "gmw",
        "gofeminin",
        "google",
        "gregoryszorc",
        "incurvy",
        "kulu-media",
        "lwn",
        "nature",
        "pcgamer",
        "qq",
        "scmp",
        "simplyscience",
        "spektrum",
        "telemedicus",
        "womencantalksports",
        "zeit",
    ]
)
FRESH2_SITES = frozenset(
    [
        "basicthinking",
        "caktusgroup",
        "changelog",
        "github",
        "ietf",
        "internet-law",
        "laviedesidees",
        "luxuriousmagazine",
        "meedia",
        "mercurynews",
        "modepilot",
        "ndr",
        "netzpolitik",
        "phys",
        "rnz",
        "speicherguide",
        "spiegel",
        "theplanetarypress",
        "vancouversun",
        "webmd",
        "wikimediafoundation",
        "youth",
    ]
)

# The second draw (seed 20261207) over 22 more sites, after the detector had been tuned
# on the first tuning2 pages and before it ran on any of these.
TUNING2_MORE_SITES = frozenset(
    [
        "cdu-fraktion-erfurt",
        "daringfireball",
        "demokratiewebstatt",
        "die-partei",
        "franziska-elea",
        "lady50plus",
        "luxuryhaven",
        "novalanalove",
        "rechtambild",
        "royalroad",
        "soundofscience",
    ]
)
FRESH2_MORE_SITES = frozenset(
    [
        "adac",
        "bmjv",
        "crazy-julia",
        "creativecommons",
        "gruen-digital",
        "jovelstefan",
        "piratenpartei-mv",
        "pluralsight",
        "python",
        "sonntag-sachsen",
        "wikipedia",
    ]
)

Detector = Callable[[bytes, str], list[RelatedLink]]


def site_key(url: str) -> str:
    """The site a page belongs to: its registrable domain without the suffix
    (news.bbc.co.uk and www.bbc.com are both "bbc")."""
    return urls.site(url).split(".")[0]


def split_of(site: str) -> str:
    """The part a site's pages belong to, from the site name alone."""
    if site in TUNING2_SITES or site in TUNING2_MORE_SITES:
        return "tuning2"
    if site in FRESH2_SITES or site in FRESH2_MORE_SITES:
        return "fresh2"
    if site in FRESH_SITES:
        return "fresh"
    if site in PREVIOUSLY_TUNED:
        return "tuning"
    return "heldout" if hashlib.sha256(site.encode()).digest()[0] % 3 == 0 else "tuning"


def split_of_page(name: str, site: str) -> str:
    """The part a labelled page belongs to: fresh3 and tuning3 by page, the others by site."""
    if name in FRESH3_PAGES or name in TUNING3_PAGES:
        return "fresh3" if name in FRESH3_PAGES else "tuning3"
    return split_of(site)


def link_key(url: str) -> str:
    """A URL as compared: no scheme, no "www.", no final slash, and no tracking parameters
    or fragment: the reader drops those from every link (`urls.clean`), so a label that
    keeps them (`?utm_source=…`) names the same story."""
    parts = urlsplit(urls.clean(url))
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"


@dataclass(frozen=True, slots=True)
class LabelledPage:
    name: str
    url: str
    site: str
    split: str
    related: tuple[RelatedLink, ...]

    @property
    def path(self) -> Path:
        return CORPUS_PAGES / self.name


@dataclass(slots=True)
class Tally:
    found: int = 0
    wanted: int = 0
    hits: int = 0
    same_title: int = 0
    pages: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.wanted += other.wanted
        self.hits += other.hits
        self.same_title += other.same_title
        self.pages += other.pages
        self.misses.extend(other.misses)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.wanted if self.wanted else 1.0

    @property
    def title_agreement(self) -> float:
        return self.same_title / self.hits if self.hits else 1.0

    def line(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} headlines={self.title_agreement:.3f}"
            f" ({self.pages} pages, {self.wanted} labelled, {self.found} found,"
            f" {self.hits} right)"
        )


def load_labels(path: Path = LABELS) -> list[LabelledPage]:
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = []
    for name, page in data["pages"].items():
        related = tuple(RelatedLink(r["group"], r["title"], r["url"]) for r in page["related"])
        pages.append(LabelledPage(name, page["url"], page["site"], page["split"], related))
    return pages


def detect(html: bytes, url: str) -> list[RelatedLink]:
    """What the reader shows: related links as `extract_article` finds them."""
    from tui_news.reader.extract import parse_html
    from tui_news.reader.related import find_related

    root = parse_html(html)
    base = root.xpath("//base/@href")
    return find_related(root, url, base_href=str(base[0]) if base else None)


def _fold(text: str) -> str:
    return " ".join(text.split())


def score_page(page: LabelledPage, detector: Detector = detect) -> Tally:
    found = {link_key(link.url): link for link in detector(page.path.read_bytes(), page.url)}
    wanted = {link_key(link.url): link for link in page.related}
    tally = Tally(found=len(found), wanted=len(wanted), pages=1)
    for key, link in found.items():
        label = wanted.get(key)
        if label is None:
            tally.misses.append(f"{page.name}: extra [{link.group}] {link.title!r} {link.url}")
            continue
        tally.hits += 1
        if _fold(label.title) == _fold(link.title):
            tally.same_title += 1
        else:
            tally.misses.append(f"{page.name}: title {link.title!r} for {label.title!r}")
    for key, label in wanted.items():
        if key not in found:
            tally.misses.append(f"{page.name}: missed [{label.group}] {label.title!r} {label.url}")
    return tally


def score(pages: Iterable[LabelledPage], detector: Detector = detect) -> Tally:
    total = Tally()
    for page in pages:
        total.add(score_page(page, detector))
    return total


def report(*, splits: Iterable[str] = SPLITS, show_misses: bool = False) -> None:
    pages = load_labels()
    sites = {page.site for page in pages}
    print(f"related links: {len(pages)} labelled pages from {len(sites)} sites")
    for split in splits:
        tally = score(page for page in pages if page.split == split)
        print(f"  {split:8s} {tally.line()}")
        if show_misses and split not in UNSEEN:  # never read the unseen parts' misses
            for miss in tally.misses:
                print(f"    {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if args.show_misses and UNSEEN & set(args.split or SPLITS):
        parser.error("--show-misses only on tuning parts: name them with --split")
    report(splits=args.split or SPLITS, show_misses=args.show_misses)


if __name__ == "__main__":
    main()
