"""The author and site lines as a reader expects them: a person's name, a site's name.

trafilatura builds authors from whatever a page's byline markup holds, so labels
("Autor john"), the tail of a dateline ("CBS News February 24" loses its digits) and
host names ("www.medianotions.de" → "Www Medianotions De") come through as names; and
a page's copyright line can become its site name. Every rule here errs towards keeping
text: a real name may be left a little odd, but it is never blanked.
"""

from __future__ import annotations

import re

from tui_news.core import urls as core_urls
from tui_news.core.text import fold, word_set
from tui_news.reader import urls

# Labels that never start a name. "Autor/in" reaches us split: "Autor; In Korinna Hennig".
_LABEL_RE = re.compile(
    r"^(?:(?:view )?all (?:posts|articles|stories) (?:by|von)"
    r"|(?:written|posted|published|words|verfasst|geschrieben|ein beitrag) (?:by|von)"
    r"|autor(?:in|en|innen|\s*[/;:*]\s*in(?:nen)?)?|authors?|by|par|por|écrit par|escrito por)"
    r"(?![\w'’-])[\s:;,.–—-]*",
    re.IGNORECASE,
)
# Particles that are also parts of surnames ("Di Stefano", "Von Miller", "De La Cruz"):
# a label only when a whole name of two words or more follows.
_PARTICLE_RE = re.compile(r"^(?:von|van|di|de|da|du)\s+", re.IGNORECASE)
_SURNAME_PARTICLES = word_set("von van der den de da di du la le del della des dos do zu")

# Trailing words of a dateline. Months that are also surnames or first names ("Brian
# May", "Bille August", "Victoria Abril") go only when the rest names the site.
_DATE_WORDS = word_set(
    """
    january february september october november december feb sep sept oct nov dec
    januar februar märz oktober dezember février juin juillet août septembre octobre
    novembre décembre enero febrero junio septiembre octubre noviembre diciembre
    gennaio febbraio giugno luglio settembre ottobre dicembre
    monday tuesday wednesday thursday saturday sunday
    updated published posted aktualisiert veröffentlicht
    """
)
_NAME_MONTHS = word_set(
    "march april may june july august jan mar apr jun jul aug juni juli mai mars janvier "
    "avril marzo abril mayo julio agosto aprile maggio friday"
)
# Words that make a site name an organisation's rather than a person's (a personal blog
# named "Moritz Meyer" keeps its author "Moritz Meyer").
_ORGANISATION_WORDS = word_set(
    """
    the news press post times daily weekly magazine magazin blog online media group
    foundation stiftung verlag zeitung redaktion network tv radio journal review report
    herald tribune observer guardian economist today world inc gmbh ltd llc team staff
    """
)

_COPYRIGHT_RE = re.compile(r"^(?:\d{4}\s*)?(?:copyright\b|©|\(c\))", re.IGNORECASE)
_COPYRIGHT_LEAD_RE = re.compile(
    r"^(?:(?:copyright|©|\(c\)|\d{4}(?:\s*[-–]\s*\d{4})?|by|all rights reserved)[\s.,:;]*)+",
    re.IGNORECASE,
)
_RIGHTS_RE = re.compile(
    r"[\s.,;:|–-]*(?:all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|tutti i diritti riservati)\.?\s*$",
    re.IGNORECASE,
)
_LEGAL_FORM_RE = re.compile(
    r"\s+(?:GmbH|gGmbH|GbR|Inc|Ltd|LLC|AG|KG|plc|S\.A|SAS|SARL|S\.L|Co)\b.*$", re.IGNORECASE
)
_MAX_SITENAME = 60


def clean_author(author: str, sitename: str, url: str) -> str:
    """`author` ("A; B" for several) without labels, dateline tails and site names."""
    site = _site_names(sitename, url)
    if not author or fold(author) in site:  # "SPIEGEL ONLINE; Hamburg; Germany"
        return ""
    kept: list[str] = []
    for part in _strip_label(author).split(";"):
        name = _clean_part(part.strip(), site)
        if name and name not in kept:
            kept.append(name)
    return "; ".join(kept)


def clean_sitename(name: str) -> str:
    """The owner named in a copyright line ("© 2020 X. All rights reserved" → "X"), or ""
    when it names nobody; any other site name as it is."""
    if not _COPYRIGHT_RE.match(name):
        return name
    owner = _RIGHTS_RE.sub("", _COPYRIGHT_LEAD_RE.sub("", name))
    owner = re.split(r",|\s\|\s|\.\s", owner, maxsplit=1)[0]
    owner = _LEGAL_FORM_RE.sub("", owner).strip(" .,;:-–")
    return owner if len(owner) <= _MAX_SITENAME else ""


def _clean_part(name: str, site: set[str]) -> str:
    name = _strip_label(name)
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _DATE_WORDS:
        words.pop()
    name = " ".join(words)
    if _is_site(name, site):
        return ""
    if (
        len(words) > 1
        and words[-1].lower() in _NAME_MONTHS
        and _is_site(" ".join(words[:-1]), site)
    ):
        return ""  # "CBS News May"
    return name


def _strip_label(name: str) -> str:
    rest = _LABEL_RE.sub("", name, count=1)
    if rest == name:
        particle = _PARTICLE_RE.match(name)
        following = name[particle.end() :].split() if particle else []
        if len(following) < 2 or following[0].lower() in _SURNAME_PARTICLES:
            return name
        rest = " ".join(following)
    return rest.title() if rest.islower() else rest  # "Autor john" → "John"


def _is_site(name: str, site: set[str]) -> bool:
    words = name.split()
    if words and words[0].lower() in ("www", "www."):  # "Www Medianotions De"
        return True
    return name.lower().startswith("www.") or fold(name) in site


def _site_names(sitename: str, url: str) -> set[str]:
    """What an author line that merely names the site squashes to."""
    host = core_urls.host(url)
    try:
        domain = urls.site(url)
    except ValueError:  # a hostile URL has no site to compare with
        domain = ""
    names = {fold(host), fold(domain)}
    if not _personal(sitename):
        names.add(fold(sitename))
    names.discard("")
    return names


def _personal(sitename: str) -> bool:
    """Whether a site name reads like a person's name: two or three capitalised words."""
    words = sitename.split()
    return 2 <= len(words) <= 3 and all(
        word[:1].isupper() and word.isalpha() and word.lower() not in _ORGANISATION_WORDS
        for word in words
    )
