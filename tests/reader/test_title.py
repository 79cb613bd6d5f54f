"""The headline in the reading pane without the site's name glued to it.

Before the fix, 25 of 155 corpus pages showed a title such as "… | Caktus Group",
"… - CNET.de", "… | DW | 19.01.2020" or "SimplyScience - …".
"""

from __future__ import annotations

import pytest

from tui_news.reader.title import clean_title

CASES = [
    (
        "Testing Client-Side Applications with Django Post Mortem | Caktus Group",
        "Caktus Group",
        "https://www.caktusgroup.com/blog/2015/06/08/testing-client-side-applications-django/",
        "Testing Client-Side Applications with Django Post Mortem",
    ),
    (
        "Berlin confronts Germany's colonial past with new initiative | DW | 19.01.2020",
        "DW.COM",
        "https://www.dw.com/en/berlin-confronts-germanys-colonial-past/a-52052634",
        "Berlin confronts Germany's colonial past with new initiative",
    ),
    (
        "Beauty-Tipps, die jede Braut kennen sollte • crazy-julia.de",
        "crazy-julia.de",
        "https://crazy-julia.de/beauty-tipps-die-jede-braut-kennen-sollte/",
        "Beauty-Tipps, die jede Braut kennen sollte",
    ),
    (
        "Wellness Gesichtsbehandlung: Plaisir D’Aromes - INCURVY Plus-Size Fashion - BLOG",
        "INCURVY Plus-Size Fashion - BLOG",
        "https://www.incurvy.de/trends-grosse-groessen/wellness-gesichtsbehandlung/",
        "Wellness Gesichtsbehandlung: Plaisir D’Aromes",
    ),
    (
        "SimplyScience - Wie entsteht Erdöl?",
        "SimplyScience",
        "http://www.simplyscience.ch/teens-liesnach-archiv/articles/wie-entsteht-erdol.html",
        "Wie entsteht Erdöl?",
    ),
    (
        "Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs",
        "Die Engelbart-Galaxis",
        "https://scilogs.spektrum.de/engelbart-galaxis/die-ablehnung-der-gendersprache/",
        "Die Ablehnung der Gendersprache",
    ),
    (
        "Internationale Steuerberatung | Kanzlei Viehbacher",
        "viehbacher.com",
        "https://viehbacher.com/de/steuerrecht/internationale-steuerberatung",
        "Internationale Steuerberatung",
    ),
]

KEPT = [
    (
        "Hating Millennials - the prejudice you're allowed to boast about",
        "Boing Boing",
        "https://boingboing.net/2013/07/19/hating-millennials-the-prejud.html",
    ),
    (
        "Zhi Neng Xiang Nian Ni - Jam Hsiao Jing Teng (只能想念你 - 蕭敬騰)",
        "chineselyrics4u.com",
        "http://www.chineselyrics4u.com/2011/07/zhi-neng-xiang-nian-ni-jam-hsiao-jing.html",
    ),
    (
        "Letters: Coddling criminals | Undermining road | Tax dollars | Recount cost",
        "The Mercury News",
        "https://www.mercurynews.com/2023/01/16/letters-1119/",
    ),
    ("love-hina.ch News - News-Archiv", "love-hina.ch", "http://love-hina.ch/news/0409.html"),
    ("Apple | Mac", "Apple", "https://www.apple.com/mac/"),  # nothing would be left
    ("Little ground for optimism after US response on Ukraine, warns Moscow", "LBC", ""),
]


@pytest.mark.parametrize(("title", "sitename", "url", "want"), CASES)
def test_the_sites_name_leaves_the_headline(title: str, sitename: str, url: str, want: str) -> None:
    assert clean_title(title, sitename, url) == want


@pytest.mark.parametrize(("title", "sitename", "url"), KEPT)
def test_headlines_with_dashes_of_their_own_stay_whole(title: str, sitename: str, url: str) -> None:
    assert clean_title(title, sitename, url) == title
