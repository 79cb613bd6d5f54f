"""The pages of the related-link set labelled last, in session 5, by part.

They were chosen by page, not by site, and labelled by hand from tools/link_outline.py's
outline before any detector ran on them (bench/related_quality.py's docstring says how):
fresh3 pages come from sites in neither tuning part and judge the rewritten detector once;
tuning3 pages are more pages of tuning sites.
"""

from __future__ import annotations

FRESH3_PAGES = frozenset(
    [
        "readability/001/source.html",
        "readability/cnet-svg-classes/source.html",
        "readability/ebb-org/source.html",
        "readability/hukumusume/source.html",
        "readability/keep-tabular-data/source.html",
        "readability/lazy-image-1/source.html",
        "readability/lifehacker-working/source.html",
        "readability/medium-1/source.html",
        "readability/medium-2/source.html",
        "readability/medium-3/source.html",
        "readability/table-style-attributes/source.html",
        "readability/v8-blog/source.html",
        "readability/webmd-1/source.html",
        "readability/webmd-2/source.html",
        "readability/wikipedia-2/source.html",
        "readability/wikipedia-3/source.html",
        "readability/wikipedia-4/source.html",
        "readability/wikipedia/source.html",
        "trafilatura/cache/austria.info.radfahren.html",
        "trafilatura/cache/blog.wordpress.com.diverse.html",
        "trafilatura/cache/buchperlen.wordpress.com.html",
        "trafilatura/cache/chineselyrics4u.com.zhineng.html",
        "trafilatura/cache/cnet.de.schutz.html",
        "trafilatura/cache/creativecommons.at.faircoin.html",
        "trafilatura/cache/denkanstoos.com.2012.html",
        "trafilatura/cache/heise.de.lithium.html",
        "trafilatura/cache/kulinariaathome.com.mandelplätzchen.html",
        "trafilatura/cache/love-hina.ch.0409.html",
        "trafilatura/cache/otto.de.twoforfashion.html",
        "trafilatura/cache/plentylife.blogspot.pamela-reif.html",
        "trafilatura/cache/schleifen.ucoz.de.briefe.html",
        "trafilatura/cache/shingon-reiki.de.schamanismus.html",
        "trafilatura/cache/stuttgart.de.html",
        "trafilatura/cache/theverge.com.ios13.html",
        "trafilatura/cache/wehranlage-horka.de.887.html",
    ]
)
TUNING3_PAGES = frozenset(
    [
        "readability/bbc-1/source.html",
        "readability/bug-1255978/source.html",
        "readability/cnn/source.html",
        "readability/ehow-2/source.html",
        "readability/firefox-nightly-blog/source.html",
        "readability/medicalnewstoday/source.html",
        "readability/telegraph/source.html",
        "readability/videos-2/source.html",
        "readability/wapo-2/source.html",
        "trafilatura/cache/dw.com.uncork.html",
        "trafilatura/cache/salon.com.emissions.html",
    ]
)
