"""A hash of every field of the Article extracted from each corpus and test page.

For checking that a change to the reader leaves its output byte-identical: run it before
and after, diff the two listings. Pages: shared/corpus/pages (trafilatura's and
Readability's source pages), with the URL the quality benches give them ("" as in
bench/text_quality.py, and the labelled URL of bench/related_quality.py where the page has
one), and tests/data/pages/*.html (with "" and with a made-up URL).

    python tools/article_hashes.py > before.txt   # ... change ...
    python tools/article_hashes.py | diff before.txt -
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tui_news.reader.extract import NotHtmlError, extract_article  # noqa: E402

SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "pages"
LABELS = REPO / "tests" / "data" / "pages" / "labels" / "related.json"
CRAFTED = REPO / "tests" / "data" / "pages"


def pages() -> list[tuple[str, Path, str]]:
    """(name, path, url) for every extraction to hash."""
    labelled = json.loads(LABELS.read_text(encoding="utf-8"))["pages"]
    found: list[tuple[str, Path, str]] = []
    corpus = sorted(CORPUS.glob("trafilatura/*/*.html")) + sorted(
        CORPUS.glob("readability/*/source.html")
    )
    for path in corpus:
        name = str(path.relative_to(CORPUS))
        found.append((name, path, ""))
        if name in labelled:
            found.append((name, path, labelled[name]["url"]))
    for path in sorted(CRAFTED.glob("*.html")):
        found.append((path.name, path, ""))
        found.append((path.name, path, "https://example.test/a/b"))
    return found


def digest(path: Path, url: str) -> str:
    try:
        article = extract_article(path.read_bytes(), url)
    except NotHtmlError as error:
        return f"error {error}"
    return hashlib.sha256(repr(article).encode("utf-8")).hexdigest()[:16]


def main() -> None:
    for name, path, url in pages():
        print(f"{digest(path, url)}  {name}  {url}")


if __name__ == "__main__":
    main()
