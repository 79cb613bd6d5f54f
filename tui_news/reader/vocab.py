"""The words news sites put over their "more stories" blocks, in a few languages.

A heading is matched whole (after `normalise`), so "Related" matches but a
crosshead such as "Related problems in the supply chain" does not. Exclusions win:
"Related topics" is a list of tag pages, "Sponsored stories" is advertising.
"""

from __future__ import annotations

import re

from tui_news.core.text import squash

_ANY = r".{1,40}"

_RELATED_PATTERNS = [
    # English
    r"(more |other )?related( (articles?|stories|story|content|coverage|news|posts?|links?"
    r"|reading|reads|videos?|items?|pages?))?( [-—–|/] .{1,20})?",
    rf"more on( {_ANY})?",
    rf"more (stories|news|articles|headlines|top stories|videos|reading|like this|to read"
    rf"|to explore|for you|from {_ANY}|in {_ANY}|{_ANY} (news|stories))",
    rf"(the )?latest( {_ANY})?",
    rf"most (read|popular|viewed|shared|commented|watched|emailed|recent)( {_ANY})?",
    rf"top (stories|news|headlines|articles|reads|picks)( {_ANY})?",
    rf"(trending|popular)( (now|today|stories|articles|news|posts|videos|this week|nationally"
    rf"|on {_ANY}|in {_ANY}))?",
    r"recommended( (for you|stories|articles|reading|reads))?",
    r"(you|we think you) (might|may|will|could|should) (also )?"
    r"(like|love|enjoy|want to read|be interested( in)?)",
    r"(in case )?you (might|may) have missed( it)?|in case you missed it|(more )?don'?t miss"
    r"|must reads?|editor'?s'? (picks?|choice|recommendations?)|staff picks|top picks",
    rf"(see|read|watch) (also|more|next)( {_ANY})?|also (read|see|on {_ANY}|in the news)"
    r"|further reading|what to read next|read this next|up next|next up",
    r"features( and analysis)?|in other news|other (stories|news)",
    rf"elsewhere on {_ANY}|recent (posts|articles|stories|news)|(more|latest) from the author",
    # "DW recommends", "Audios and videos on the topic", "The Uplift — Stories That Inspire"
    rf"{_ANY} recommends|we recommend|.{{0,30}} on (this|the) (topic|subject|story|issue)",
    r".{0,30}\b(stories|articles|headlines|reads|posts)\b.{0,30}",
    # German
    r"(ähnliche|verwandte|weitere|passende) (artikel|beiträge|nachrichten|meldungen|themen)",
    rf"mehr zum thema( {_ANY})?|zum thema|mehr (aus|von|zu|über) {_ANY}",
    r"lesen sie (auch|mehr|weiter)|(das|dieses) (thema )?könnte (sie|dich) (auch )?interessieren"
    rf"|(das )?(ist|war) auch interessant|auch interessant|(auch|mehr) (auf|bei) {_ANY}",
    r"meist ?gelesene?( (artikel|nachrichten))?|top[- ](artikel|news|themen|meldungen)"
    r"|(neueste|aktuelle|beliebte) (artikel|beiträge|nachrichten|meldungen)"
    r"|empfehlungen?( der redaktion)?",
    # French
    r"(à )?lire (aussi|également)|sur le même (sujet|thème)|à voir aussi|voir aussi"
    r"|articles? (similaires|liés|connexes|recommandés)|dans la même rubrique"
    r"|les plus (lus|populaires|partagés|commentés)|dernières (actualités|infos|nouvelles)"
    r"|vous (aimerez|pourriez) (aussi|également)( aimer)?|à la une",
    # Spanish, Italian, Portuguese, Dutch
    r"(también )?(te|le) (puede|podría) interesar|noticias relacionadas|relacionad[oa]s"
    r"|(artículos|contenidos?) relacionados?|lo más (leído|visto|popular)( .{1,20})?"
    r"|más (noticias|leídas|vistas|populares)( .{1,30})?|(lee|lea) (también|además)"
    r"|últimas noticias|te recomendamos",
    r"leggi anche|(articoli|notizie) correlat[ie]|(i )?più (letti|lette|visti|popolari)"
    r"|(ti )?potrebbe interessar(ti|e)|ultime notizie|correlati",
    r"leia (também|mais)|notícias relacionadas|(as )?mais lidas|veja também"
    r"|últimas notícias|lees (ook|meer)|meer nieuws|gerelateerde artikelen|meest gelezen",
]

# Lists of topic pages by their heading; a list under it that holds real stories (a
# sure article address, a headline) is a story list all the same ("Weitere Themen").
_TOPIC_PATTERN = (
    r"((related|more|all|popular|trending|hot|key) )?(topics?|tags?|themen|schlagw[oö]rter"
    r"|keywords|categor(y|ies)|subjects?)\b.*|.*\b(topics|tags|themen|keywords|categories)"
    r"|(more|all) about .*|more about"
)
_EXCLUDED_PATTERNS = [
    _TOPIC_PATTERN,
    r".*\b(sponsor(ed)?|promoted|paid|partners?|advertorial)\b.*",
    r".*\b(around|from) the web\b.*|.*\bnewsletters?\b.*|share( this)?( .*)?|teilen",
    r"follow( us)?( .*)?|subscribe( .*)?|comments?|kommentare|commentaires",
    r"(see|view|show|load) all( .*)?|(view|show|load) more( .*)?|(read|see) more (comments|replies)"
    r"|continue reading|mehr anzeigen",
    r"lire la suite|weiterlesen|(filed|posted) (under|in)( .*)?|in this (story|article)",
]

# Labels on ad slots: noise inside a list, neither a heading nor the end of a block.
_AD_LABEL_RE = re.compile(
    r"(advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|ad|ads)",
    re.IGNORECASE,
)

_RELATED_RE = re.compile("(?:" + "|".join(_RELATED_PATTERNS) + ")", re.IGNORECASE)
_EXCLUDED_RE = re.compile("(?:" + "|".join(_EXCLUDED_PATTERNS) + ")", re.IGNORECASE)
_TOPIC_RE = re.compile(_TOPIC_PATTERN, re.IGNORECASE)
_OTHER_EXCLUDED_RE = re.compile("(?:" + "|".join(_EXCLUDED_PATTERNS[1:]) + ")", re.IGNORECASE)

# Headline text that is an action, not a story: "See more Latest World News".
_NOT_A_HEADLINE_RE = re.compile(
    r"^((see|view|show|read|load|browse|explore) (more|all|the latest|full)\b.*"
    r"|more( (stories|news|articles|videos|(from|in|on) .{0,25}))?|continue reading.*"
    r"|full (story|article|coverage).*|weiterlesen.*"
    r"|mehr( (zum thema|zu|zur|über|aus|von) .{0,30})?"
    r"|lire la suite.*|leer más.*|(sign|log) ?(in|up)\b.*|subscribe\b.*"
    r"|m[aá]s (noticias|art[ií]culos)|plus d'(articles|actualités|infos)"
    r"|weitere (nachrichten|artikel|meldungen)|altre notizie|mais not[ií]cias"
    r"|(mehr|weitere) infos?\b.*|hier (klicken|lesen|weiterlesen)\b.*|click here\b.*"
    r"|more info(rmation)?\b.*"
    r"|(previous|prev|next|older|newer) (chapter|post|article|story|page|entry|episode)s?)$",
    re.IGNORECASE,
)

# The text before a link in "MORE: <headline>" / "Related: <headline>" paragraphs.
INLINE_LEAD_IN_RE = re.compile(
    r"^\W*(read more|more|related|see also|also read|read also|recommended|watch|listen"
    r"|lesen sie auch|mehr zum thema|mehr dazu|lire aussi|à lire aussi|leer también"
    r"|lee también|leggi anche|leia também)\s*[:|›»>→\-–—]\s*$",
    re.IGNORECASE,
)

# Lead-ins of in-article "Read more: <link>" paragraphs.
LEAD_IN_RE = re.compile(
    r"^\W*(read more|read also|also read|more on (this|that)( story| topic)?|related"
    r"|(related|recommended) (reading|stories|articles|coverage)|see also|more on [^:]{1,40}"
    r"|read next|further reading|lesen sie (auch|mehr)|mehr zum thema|lire aussi"
    r"|à lire aussi|leer también|lee también|leggi anche|leia também"
    r"|(read|watch|listen)(?=\s*:))\s*[:.\-–—|]*\s*",
    re.IGNORECASE,
)

# Decoration after a heading ("Latest »", "More —", "Read more:").
_TRAILING = frozenset(" \t\n:|›»>→-–—•·")
# Brackets and quotes: the closers of each opener ("»Lesen Sie auch«" is German typography).
_PAIRS = {
    "[": "]",
    "(": ")",
    "{": "}",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "“": "”",
    "„": "“”",
    '"': '"',
    "'": "'",
    "「": "」",
    "『": "』",
    "【": "】",
    "《": "》",
    "〈": "〉",
}
_OPENERS_OF = {
    closer: {o for o, cs in _PAIRS.items() if closer in cs}
    for cs in _PAIRS.values()
    for closer in cs
}
# Signs that belong to the word they lead: "¿Qué…?", "#MeToo", "$5 deals", "@home".
_SIGNS = frozenset("¿¡#@$€£¥%&+")


# Newsletter and sign-up boxes that CMSs drop into the middle of an article.
PROMO_HEADING_RE = re.compile(
    r"\bnewsletters?\b|^(sign up|subscribe|get (our|the) .{0,30}(email|newsletter))\b"
    r"|^newsletter|^(jetzt )?(anmelden|abonnieren)\b",
    re.IGNORECASE,
)
PROMO_TEXT_RE = re.compile(
    r"\b(sign(ing)? up|subscribe|unsubscribe|newsletters?|e-?mail|inbox|anmelden|abonnieren)\b",
    re.IGNORECASE,
)


# The site speaking to the reader about itself, first or last: letters, newsletters,
# corrections, standards, advertising disclosures.
PROMPT_RE = re.compile(
    r"\b(submit|send|write) (your|a|us a) letter\b|\bletters? to the editor\b"
    r"|\bwrite to (us|letters@)|\bwe(['’]d| would| want)( like)? to hear (what you think|from you)"
    r"|\btrust principles\b|^our standards:"
    r"|\bthis (post|article|page) (contains|may contain) (references to products|affiliate links)"
    r"|\bwe may (receive|earn) (compensation|a commission)\b"
    r"|\bsign up (for|to) (our|the) .{0,40}newsletter\b"
    r"|\bsubscribe to (our|the) .{0,40}(newsletter|podcast|channel)\b"
    r"|^mit unserem newsletter\b|\bnewsletter (abonnieren|bestellen)\b"
    r"|\bpuede escribirnos\b|\bescr[íi]b(anos|enos|irnos)\b"
    r"|\bpokud jste v článku zaznamenali chybu\b"
    r"|\bif you(['’]re| are) (on|using) the .{1,40} app\b|^click here to (watch|listen|read)\b"
    # The site's rights notice: "Copyright 2023 … All rights reserved.", "【…未经授权，不得转载…】"
    r"|^\W*(copyright\b|©)|\ball rights reserved\b|\breprinted (here )?(by|with) permission\b"
    r"|\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b"
    r"|未经授权|版权所有",
    re.IGNORECASE,
)

# A sign-up line set anywhere in the text: "Sign up for the free daily newsletter!"
SIGNUP_RE = re.compile(
    r"^\W*(sign up|subscribe|register) (for|to) .{0,60}\bnewsletters?\b.{0,60}$", re.IGNORECASE
)

# A picture's credit or caption line: "Photo Credit: …", "(Credit: …)", "Beitragsbild: …",
# or a caption that ends on its agency, "… Bild: dpa".
CREDIT_RE = re.compile(
    r"^\W*(featured image|top image|header image|lead image) by\b"
    r"|^\W*(photo|image|picture|pic|foto|bild|beitragsbild|titelbild|header image|featured image"
    r"|top image|cover image|illustration|credit)s?(\s+(credits?|illustrative|source|quelle"
    r"|\(cc\)))?\s*:|(^|[.!?]\s)\s*(photo|foto|bild|image|credit)s?\s*:\s*[^.:]{1,40}$",
    re.IGNORECASE,
)

# Comment, share and follow widgets that land in the text as a lone line.
WIDGET_RE = re.compile(
    r"(blog )?comments powered by \w+|join the (conversation|discussion)|(view|show|leave a)"
    r" comments?|\d+ comments?|follow( us)?( on \w+| @\w+)?|(share|teilen|partager|compartir)"
    r"( (this|on|auf|sur|en|via)( \w+)?)?( (article|story|post|beitrag))?"
    r"|(jump|skip) to( main)? (navigation|search|content)|zum inhalt springen"
    r"|continue reading( the main story)?",
    re.IGNORECASE,
)

# A line that is only a date (and time): the header shows the date already.
_MONTH = r"[^\W\d_]{3,10}\.?"
DATE_LINE_RE = re.compile(
    rf"^((\w+,? )?({_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}}\.? {_MONTH} \d{{4}}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"([ ,|-]+(um |at )?\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?| uhr)?( [a-z]{2,4})?)?)$",
    re.IGNORECASE,
)

# A cookie-consent banner: the site speaking about its own cookies.
COOKIE_RE = re.compile(
    r"^(we|this (web)?site|our (web)?site|this page|diese (web)?seite|auf (unserer|dieser)"
    r" (website|webseite|seite)|wir|nous|ce site)\b.{0,80}\bcookies?\b.{0,200}"
    r"\b(use[sd]?|verwende[nt]?|nutz(en|t)|accept|agree|consent|akzeptier\w*|einverstanden"
    r"|zustimm\w*|datenschutz\w*|privacy|utilis\w+)\b",
    re.IGNORECASE,
)


# What a paywall or a script-only page says instead of the article.
GATE_TEXT_RE = re.compile(
    r"^((subscribe|sign in|log in|register)\b.{0,40}\b(continue|keep) reading|already a subscriber"
    r"|you need to enable javascript|(please )?(enable|turn on|activate) javascript"
    r"|javascript (is )?(required|disabled))",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Heading text as matched and shown: one line, straight apostrophes, without the
    decoration around it ("» Latest —", "• Related:", a frame of brackets or quotes
    around the whole of it) but with every character of its words ("[Video] Latest",
    "(Un)related", "«Brexit» : le point", "¿Qué leer?", "#MeToo")."""
    text = squash(text.replace("\u2019", "'").replace("\u2018", "'"))
    if not text or (text[0].isalnum() and text[-1] not in _TRAILING):
        return text  # most headings and links: nothing around them
    for _ in range(3):  # "[ «Related» ]": a frame in a frame
        text = _trim(text)
        if len(text) < 2 or not _framed(text):
            break
        text = text[1:-1]
    return text


def _trim(text: str) -> str:
    # Each search once (remembered), so that a hostile page's 50,000 brackets cost no
    # more than a scan.
    last: dict[str, int] = {}
    start = 0
    while start < len(text) and not _starts_words(text, start, last):
        start += 1
    end = len(text)
    first: dict[str, int] = {}
    while end > start and text[end - 1] in _TRAILING:
        for opener in _OPENERS_OF.get(text[end - 1], ()):
            if opener not in first:
                first[opener] = text.find(opener, start)
        if any(start <= first[o] < end - 1 for o in _OPENERS_OF.get(text[end - 1], ())):
            break  # the closing quote of "Le «Brexit»"
        end -= 1
    return text[start:end]


def _starts_words(text: str, index: int, last: dict[str, int]) -> bool:
    """Is the character at `index` the first of the heading's words, not decoration?
    (`last`: where each closing bracket or quote last appears, as found)"""
    char = text[index]
    if char.isalnum():
        return True
    if char in _SIGNS:
        return text[index + 1 : index + 2].isalnum()
    for closer in _PAIRS.get(char, ""):
        if closer not in last:
            last[closer] = text.rfind(closer)
        if last[closer] > index:
            return True
    return False


def _framed(text: str) -> bool:
    """Is the whole text one pair of brackets or quotes ("[Related]", "«Lire aussi»")?"""
    closers = _PAIRS.get(text[0])
    if closers is None or text[-1] not in closers:
        return False
    opener = text[0]
    depth = 0
    for index, char in enumerate(text):
        if char in closers and (depth > 1 or opener not in closers or index > 0):
            depth -= 1
            if depth == 0:
                return index == len(text) - 1
        elif char == opener:
            depth += 1
    return False


def is_related_heading(text: str) -> bool:
    """Is `text` the heading of a related-links block?"""
    plain = normalise(text)
    if not plain or len(plain) > 60:
        return False
    return _RELATED_RE.fullmatch(plain) is not None and not _EXCLUDED_RE.fullmatch(plain)


def is_excluded_heading(text: str) -> bool:
    """Headings that close a block without opening one (tags, sharing, sponsored…)."""
    plain = normalise(text)
    return bool(plain) and _EXCLUDED_RE.fullmatch(plain) is not None


def is_topics_heading(text: str) -> bool:
    """ "Topics", "Weitere Themen": excluded unless the list under it is of stories."""
    plain = normalise(text)
    return _TOPIC_RE.fullmatch(plain) is not None and not _OTHER_EXCLUDED_RE.fullmatch(plain)


def is_ad_label(text: str) -> bool:
    return _AD_LABEL_RE.fullmatch(normalise(text)) is not None


def lead_in(text: str) -> str | None:
    """The "Read more" of a "Read more: <headline>" paragraph or card, if `text` starts so."""
    match = LEAD_IN_RE.match(text)
    return normalise(match.group(0)) if match else None


def is_action_text(text: str) -> bool:
    """Link text that is a button ("See more …", "Read more"), not a headline."""
    return _NOT_A_HEADLINE_RE.match(normalise(text)) is not None
