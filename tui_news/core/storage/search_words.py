"""What the search index reads of a text in any script, and the words a search asks for.

FTS5's tokenizer (`search_index.TOKENIZE`) splits words at what is not a letter, digit or
mark, folds case and drops Latin diacritics. What it cannot know of a script is done
here, alike to a story's words as they go in (`indexed`) and to a search's (`terms`):

- Chinese, Japanese, Korean, Thai, Lao, Khmer and Burmese put no space between words
  (Korean glues its particles on), so the tokenizer took a whole run for one word and
  "東京" did not find "東京都で地震". A run is indexed as its overlapping pairs of
  letters, then its last letter alone ("東京都" → "東京 京都 都"), as search engines
  index these scripts. A search for two letters or more asks for its pairs in a row (a
  phrase), one for a single letter for the pairs and last letters beginning with it:
  any part of a run is found. (A letter is a letter with its marks, as in Thai.)
- Arabic's vowel marks (harakat), its tatweel and the hamza on an alef, and Hebrew's
  points are written in some texts only: they are left out, so a word is found as it is
  spelt bare.
- Full-width Latin letters and digits, and half-width katakana, are read as their usual
  forms; the text is read composed (NFC: Korean written as jamo, Devanagari's nukta).

Text with none of these scripts (Latin, Greek, Cyrillic…) is searched as it always was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tui_news.core.text import words as word_list

# Scripts written without spaces between words (Han, kana and Hangul mix within a run).
_RUN_LETTERS = (
    "\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u3096"
    "\u3099-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3105-\u312f\u3131-\u318e\u31a0-\u31bf"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
    "\uf900-\ufaff\U0001b000-\U0001b16f\U00020000-\U0003134f"  # Chinese, Japanese, Korean
    "\u0e01-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59"  # Thai
    "\u0e81-\u0ebd\u0ec0-\u0ece\u0ed0-\u0ed9\u0edc-\u0edf"  # Lao
    "\u1780-\u17d3\u17d7\u17dc\u17dd\u17e0-\u17e9"  # Khmer
    "\u1000-\u1049\u1050-\u109f\ua9e0-\ua9fe\uaa60-\uaa7f"  # Burmese
)
_RUN_RE = re.compile(f"[{_RUN_LETTERS}]+")
# The marks among them (a letter's marks are part of it: Thai ที่ is one letter).
_RUN_MARKS_RE = re.compile(
    "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ece\u17b4-\u17d3"
    "\u17dd\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074"
    "\u1082-\u108d\u108f\u109a-\u109d\u3099\u309a\ua9e5\uaa7b-\uaa7d]"
)
# Marks written in some texts only: Hebrew points and cantillation, Arabic harakat,
# Quranic signs and the superscript alef; and the tatweel, which only stretches a word.
_OPTIONAL_MARKS_RE = re.compile(
    "[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08d3-\u08e1\u08e3-\u08ff]"
)
_HAMZA_ALEF_RE = re.compile("[\u0622\u0623\u0625\u0671]")
_ABJAD_RE = re.compile("[\u0591-\u08ff]")  # Hebrew, Arabic (Syriac, Thaana between)
# Full-width Latin letters and digits, half-width katakana and Hangul (not punctuation,
# which parts words in either form).
_WIDTH_FORMS_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffdc]+")
# Joiners inside an Indic word only shape its letters; elsewhere (Persian) a non-joiner
# parts two words, as before.
_INDIC_JOINER_RE = re.compile("(?<=[\u0900-\u0dff])[\u200c\u200d]")
# Any character one of the above may change; a text without one is left as it is.
_SPECIAL_RE = re.compile(
    "[\u0591-\u05c7\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u0900-\u0dff\uff01-\uffef"
    + _RUN_LETTERS
    + "]"
)
# Marks of no script in particular: the tokenizer parts words at those it does not
# drop (`search_index.TOKENIZE`), so a search's words are parted there too.
_GENERIC_MARKS = [(0x300, 0x36F), (0x483, 0x489), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF)]
_GENERIC_MARKS += [(0x20D0, 0x20FF), (0xFE20, 0xFE2F)]


def indexed(text: str) -> str:
    """`text` as the search index holds it."""
    if text.isascii() or _SPECIAL_RE.search(text) is None:
        return text
    return _RUN_RE.sub(_pairs_and_last, _normalized(text))


@dataclass(frozen=True, slots=True)
class Term:
    """One thing a search asks for: a word, a prefix, or pairs in a row (`phrase`), with
    what the index filled before schema 15 held instead (`before`), asked too so that
    the old index answers while the new one is built."""

    text: str
    prefix: bool = False
    before: str | None = None

    def query(self) -> str:
        """The term in FTS5's query language."""
        own = f'"{self.text}"' + ("*" if self.prefix else "")
        return own if self.before is None else f'({own} OR "{self.before}"*)'


def terms(text: str, *, prefix_from: int) -> list[Term]:
    """What a search for `text` asks for: every word, a word of `prefix_from` letters or
    more as a prefix (so is a single letter of a run, see above)."""
    return list(_terms(text, prefix_from))


@lru_cache(maxsize=64)
def _terms(text: str, prefix_from: int) -> tuple[Term, ...]:
    # Composed before it is parted into words: a mark typed as its own character
    # (a Vietnamese keyboard, a paste from macOS) would end a word mid-letter.
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if text.isascii() or _SPECIAL_RE.search(text) is None:
        return tuple(Term(word, len(word) >= prefix_from) for word in word_list(text))
    found: list[Term] = []
    for word in _words(text):
        spelt = _normalized(word)
        start = 0
        for run in _RUN_RE.finditer(spelt):
            found += _plain(spelt[start : run.start()], prefix_from)
            found.append(_run_term(run))
            start = run.end()
        found += _plain(spelt[start:], prefix_from)
    return tuple(found)


def _plain(part: str, prefix_from: int) -> list[Term]:
    """A word, or the part of one between runs (already a word: `_words`)."""
    return [Term(part, len(part) >= prefix_from)] if part else []


def _run_term(run: re.Match[str]) -> Term:
    letters = _letters(run.group())
    if len(letters) == 1:
        return Term(letters[0], prefix=True)
    before = run.group() if len(letters) > 2 else None  # two: the pair is the old word
    return Term(" ".join(_pairs(letters)), before=before)


def _words(text: str) -> list[str]:
    """The words of a search: runs of letters, digits and the marks of a script (a
    Devanagari vowel sign is part of its word, where Python's `\\w` ends one)."""
    found: list[str] = []
    word: list[str] = []
    for char in text:
        if char.isalnum() or char == "_" or _script_mark(char):
            word.append(char)
        elif word:
            found.append("".join(word))
            word = []
    if word:
        found.append("".join(word))
    return found


def _script_mark(char: str) -> bool:
    if not unicodedata.category(char).startswith("M"):
        return False
    code = ord(char)
    return not any(low <= code <= high for low, high in _GENERIC_MARKS)


def _normalized(text: str) -> str:
    text = _WIDTH_FORMS_RE.sub(lambda forms: unicodedata.normalize("NFKC", forms.group()), text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\u200c" in text or "\u200d" in text:
        text = _INDIC_JOINER_RE.sub("", text)
    if _ABJAD_RE.search(text):
        text = _HAMZA_ALEF_RE.sub("\u0627", _OPTIONAL_MARKS_RE.sub("", text))
    return text


def _pairs_and_last(run: re.Match[str]) -> str:
    letters = _letters(run.group())
    return " " + " ".join([*_pairs(letters), letters[-1]]) + " "


def _letters(run: str) -> list[str] | str:
    """A run's letters, each with the marks that follow it."""
    if _RUN_MARKS_RE.search(run) is None:
        return run
    letters: list[str] = []
    for char in run:
        if letters and unicodedata.category(char).startswith("M"):
            letters[-1] += char
        else:
            letters.append(char)
    return letters


def _pairs(letters: list[str] | str) -> list[str]:
    if isinstance(letters, str):  # one character a letter: slices are quicker
        return [letters[at : at + 2] for at in range(len(letters) - 1)]
    return [first + second for first, second in pairwise(letters)]
