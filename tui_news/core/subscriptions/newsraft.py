"""newsraft's feeds file, and how it is told from a newsboat urls file.

The two formats share their lines: an address, then words, `#` comments. They differ in
what a quoted word after the address is: newsraft's name of the feed (`URL "Name"`,
always quoted) or newsboat's tag (`URL "tag"`, quoted whenever newsboat or home-manager
writes the file; newsboat's title is `"~Title"`). Beyond that each has lines or words
the other never writes:

- newsraft: sections (`@ Name`), settings after a bare `<`, the update timers and item
  limits of its earlier versions (`[30]`, `{100}`), generator lines (`$(command)`);
- newsboat: `~` titles, `!`, `query:`/`exec:`/`filter:` lines, an unquoted word after an
  address, more than one word after it.

A file with none of these in which some address has one quoted word after it is
genuinely ambiguous: each format reads it in full, differently. It is read as newsraft's
when no two feeds share that word (a name is one feed's) and as newsboat's when two do
(a tag groups feeds), and the import says which reading it made and what the other
would have been.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui_news.core.subscriptions.quoted import quoted_words

NEWSRAFT = "newsraft feeds"
NEWSBOAT = "newsboat urls"
# newsraft before 0.19: a feed's or section's update timer and item limit.
_TIMER = re.compile(r"\[\d+\]|\{\d+\}")
_NEWSBOAT_ONLY_PREFIXES = ("query:", "exec:", "filter:")


@dataclass(frozen=True, slots=True)
class Dialect:
    """Which format a urls-like file is in, and the note an ambiguous one's reading gets."""

    name: str  # NEWSRAFT or NEWSBOAT
    note: str = ""

    @property
    def newsraft(self) -> bool:
        return self.name == NEWSRAFT


def feed_words(words: list[str]) -> list[str]:
    """The words after a newsraft feed line's address that are not its settings (after a
    bare `<`) nor an old-style timer or limit: at most its name."""
    if "<" in words:
        words = words[: words.index("<")]
    return [word for word in words if not _TIMER.fullmatch(word)]


def section_name(line: str) -> str:
    """A section line's name (`@ News [60] < reload-period 5` is News)."""
    name = line.removeprefix("@").split("<", 1)[0]
    return " ".join(word for word in name.split() if not _TIMER.fullmatch(word))


def dialect(lines: list[str]) -> Dialect:
    """newsraft's or newsboat's, by what the lines hold (the module's docstring)."""
    newsboat_only = False
    names: list[str] = []  # the one quoted word of each line that has one
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("@", "$(")):
            return Dialect(NEWSRAFT)
        try:
            words = quoted_words(line, comments=True)
        except ValueError:
            continue
        if not words or words[0].lower().startswith(_NEWSBOAT_ONLY_PREFIXES):
            newsboat_only = newsboat_only or bool(words)
            continue
        after = words[1:]
        if "<" in after or any(_TIMER.fullmatch(word) for word in after):
            return Dialect(NEWSRAFT)
        if len(after) > 1 or (after and not _quoted_after_address(line)):
            newsboat_only = True  # several words, or one unquoted: tags
        elif after and (after[0].startswith("~") or after[0] == "!"):
            newsboat_only = True
        elif after:
            names.append(after[0])
    if newsboat_only or not names:
        return Dialect(NEWSBOAT)
    shared = [word for word, count in Counter(names).items() if count > 1]
    if shared:
        return Dialect(
            NEWSBOAT,
            "read as a newsboat urls file: the quoted word after an address is a tag, as"
            f' "{shared[0]}" is on several feeds (newsraft would read it as the feed\'s name)',
        )
    return Dialect(
        NEWSRAFT,
        "read as a newsraft feeds file: the quoted word after an address is the feed's name"
        " (newsboat would read it as a tag)",
    )


def _quoted_after_address(line: str) -> bool:
    _, _, rest = line.partition(" ") if " " in line else line.partition("\t")
    return rest.lstrip().startswith('"')
