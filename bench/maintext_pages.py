"""The pages main-text quality is measured on, their reference texts, and the split.

Two sets from shared/corpus/pages:

- `readability/`: Mozilla Readability's test pages whose `source.html` is a whole real
  page (10,000 bytes or more; the smaller ones are Readability's synthetic cases). The
  reference body is Readability.js's own `expected.html` as text, corrected by hand
  where it is wrong (`tests/data/maintext/references.json`): a second opinion, made
  closer to truth, never our output.
- `trafilatura/`: trafilatura's evaluation pages, which carry snippets the text must and
  must not contain rather than a whole body (scored by bench/quality.py).

Every page belongs to a site, and every site to one part, `tuning` or `heldout`, by a
hash of its name (`part_of`): the rule was fixed, and the split written to
`tests/data/maintext/split.json`, before any extractor's output was looked at. Heuristics
are tuned on `tuning` only; `heldout` is measured, never tuned on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from tui_news.reader import urls

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "pages"
LABELS = REPO / "tests" / "data" / "maintext"
SPLIT_FILE = LABELS / "split.json"
REFERENCES_FILE = LABELS / "references.json"
NEWS_FILE = LABELS / "news-references.json"
FRESH_FILE = LABELS / "fresh-references.json"

WHOLE_PAGE_BYTES = 10_000
# One site in three is held out.
HELD_OUT_MODULUS = 3


def _words(names: str) -> frozenset[str]:
    return frozenset(names.split())


_TLDS = _words("com org net de uk fr at ch it es ie info io edu gov ca au br ar jp nz")
_BLOCKS = _words(
    """
    address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5
    h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
    """
)
_DROP = "//script | //style | //noscript | //template"


@dataclass(frozen=True, slots=True)
class Page:
    """A corpus page with a whole reference body."""

    key: str  # path under shared/corpus/pages, e.g. "readability/bbc-1"
    source: Path
    url: str
    site: str
    part: str
    reference: str


def part_of(site: str) -> str:
    """`heldout` for one site in HELD_OUT_MODULUS, by a hash no one can steer."""
    digest = hashlib.sha256(site.encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % HELD_OUT_MODULUS == 0 else "tuning"


def declared_url(source: bytes) -> str:
    """The page's own address (canonical link, else og:url), "" when it names none."""
    root = lxml_html.fromstring(source)
    found = root.xpath(
        "//link[contains(concat(' ', @rel, ' '), ' canonical ')]/@href"
        " | //meta[@property='og:url']/@content"
    )
    url = str(found[0]).strip() if found else ""
    if url.startswith("//"):
        url = "http:" + url
    return url if url.startswith(("http://", "https://")) else ""


def _site_from_name(stem: str, known: set[str]) -> str:
    """A site for a page that names no address: from its file or folder name."""
    labels = stem.replace("-", ".").split(".")
    for index, label in enumerate(labels[1:], start=1):
        if label in _TLDS:
            return urls.site("http://" + ".".join(labels[: index + 1]))
    first = re.sub(r"-\d+$", "", stem)
    matches = sorted(site for site in known if site.split(".")[0] == first)
    return matches[0] if matches else first


def readability_folders() -> list[Path]:
    root = CORPUS / "readability"
    return sorted(
        folder
        for folder in root.iterdir()
        if (folder / "source.html").exists()
        and (folder / "source.html").stat().st_size >= WHOLE_PAGE_BYTES
    )


def trafilatura_files() -> dict[str, str]:
    """Annotated trafilatura pages present on disk: corpus key → URL ("hard::…" kept)."""
    root = CORPUS / "trafilatura"
    found: dict[str, str] = {}
    for name, folder in (("evaldata.json", "cache"), ("evaldata-eval-news.json", "eval-news")):
        for url, item in json.loads((root / name).read_text(encoding="utf-8")).items():
            if (root / folder / item["file"]).exists():
                found.setdefault(f"trafilatura/{folder}/{item['file']}", url)
    return found


def build_split() -> dict[str, dict[str, str]]:
    """corpus key → {"site", "part"}, for every page either bench measures."""
    sites: dict[str, str] = {}
    for folder in readability_folders():
        url = declared_url((folder / "source.html").read_bytes())
        sites[f"readability/{folder.name}"] = urls.site(url) if url else ""
    for key, url in trafilatura_files().items():
        sites[key] = urls.site(url) if url.startswith("http") else ""
    known = {site for site in sites.values() if site}
    for key, site in sites.items():
        if not site:
            stem = key.rsplit("/", 1)[1].removesuffix(".html")
            sites[key] = _site_from_name(stem, known)
    return {key: {"site": site, "part": part_of(site)} for key, site in sorted(sites.items())}


def load_split() -> dict[str, dict[str, str]]:
    data = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    pages: dict[str, dict[str, str]] = data["pages"]
    return pages


def write_split() -> None:
    pages = build_split()
    note = (
        "Main-text quality split, by site: part = heldout when int(sha256(site)[:8], 16) % "
        f"{HELD_OUT_MODULUS} == 0, else tuning. Written by bench/maintext_pages.py before any "
        "extractor output was looked at; tune on tuning only."
    )
    text = json.dumps({"note": note, "pages": pages}, indent=1, ensure_ascii=False)
    SPLIT_FILE.write_text(text + "\n", encoding="utf-8")


def text_of(markup: bytes | str, drop: tuple[str, ...] = ()) -> str:
    """Visible text of an HTML fragment, a line per block, without the `drop` XPaths."""
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")  # Readability writes UTF-8, undeclared
    root = lxml_html.fromstring(markup)
    for xpath in (_DROP, *drop):
        for element in root.xpath(xpath):
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def load_references() -> dict[str, dict[str, Any]]:
    if not REFERENCES_FILE.exists():
        return {}
    data = json.loads(REFERENCES_FILE.read_text(encoding="utf-8"))
    pages: dict[str, dict[str, Any]] = data["pages"]
    return pages


def reference_body(expected: bytes, fix: dict[str, Any]) -> str:
    """Readability's expected text with the hand corrections of `fix` applied."""
    captions = {
        line
        for caption in lxml_html.fromstring(expected.decode("utf-8")).iter("figcaption")
        for line in text_of(lxml_html.tostring(caption, encoding="unicode")).split("\n")
    }
    return corrected(text_of(expected).split("\n"), fix, captions)


def corrected(lines: list[str], fix: dict[str, Any], captions: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """`lines` cut as `fix` says: keep (line ranges), drop_ranges, drop (lines, "re:" patterns)."""
    if "keep" in fix:
        wanted = {index for first, last in fix["keep"] for index in range(first, last + 1)}
        lines = [line if index in wanted else "" for index, line in enumerate(lines)]
    for first, last in fix.get("drop_ranges", ()):
        for index in range(first, last + 1):
            lines[index] = ""
    exact = {str(item) for item in fix.get("drop", ()) if not str(item).startswith("re:")}
    patterns = [
        re.compile(str(item)[3:]) for item in fix.get("drop", ()) if str(item).startswith("re:")
    ]
    kept = [
        line
        for line in lines
        if line
        and line not in captions
        and line not in exact
        and not any(pattern.fullmatch(line) for pattern in patterns)
    ]
    return "\n".join(kept)


def readability_pages() -> list[Page]:
    """Every whole Readability article page with its hand-corrected reference body."""
    split = load_split()
    corrections = load_references()
    pages = []
    for folder in readability_folders():
        key = f"readability/{folder.name}"
        fix = corrections.get(key, {})
        if fix.get("exclude"):
            continue
        source = folder / "source.html"
        pages.append(
            Page(
                key=key,
                source=source,
                url=declared_url(source.read_bytes()),
                site=split[key]["site"],
                part=split[key]["part"],
                reference=reference_body((folder / "expected.html").read_bytes(), fix),
            )
        )
    return pages


def news_pages(labels_file: Path = NEWS_FILE) -> list[Page]:
    """trafilatura's news pages given a hand-made reference body (news-references.json)."""
    from tui_news.reader.extract import parse_html

    split = load_split()
    labels = json.loads(labels_file.read_text(encoding="utf-8"))["pages"]
    pages = []
    for key, fix in sorted(labels.items()):
        source = CORPUS / key
        root = parse_html(source.read_bytes())
        body = root.getroottree().xpath(fix["body"])[0]
        lines = text_of(lxml_html.tostring(body, encoding="unicode")).split("\n")
        reference = corrected(lines, fix)
        site, part = split[key]["site"], split[key]["part"]
        pages.append(Page(key, source, "", site, part, reference))
    return pages


def fresh_pages() -> list[Page]:
    """Pages of sites in neither set, labelled as a second held-out set (fresh-references.json)."""
    return news_pages(FRESH_FILE)


def fresh_keys() -> frozenset[str]:
    return frozenset(json.loads(FRESH_FILE.read_text(encoding="utf-8"))["pages"])


def all_pages() -> list[Page]:
    return readability_pages() + news_pages() + fresh_pages()


if __name__ == "__main__":
    write_split()
