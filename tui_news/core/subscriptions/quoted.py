"""The words of a newsboat or newsraft line: blank-separated, double quotes group.

newsboat's urls file and config and newsraft's feeds file quote alike; one reading of
them keeps the formats' tests of each other (newsraft.py) in step with their parsers.
"""

from __future__ import annotations


def quoted_words(line: str, *, comments: bool = False) -> list[str]:
    """The blank-separated words of a newsboat line: double quotes group, a backslash
    escapes inside them, and with `comments` a "#" outside a word ends the line.
    Raises ValueError for an unterminated quote."""
    words: list[str] = []
    current: list[str] = []
    in_word = quoted = False
    chars = iter(line)
    for char in chars:
        if quoted:
            if char == "\\":
                current.append(next(chars, ""))
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = in_word = True
        elif comments and char == "#" and not in_word:
            break
        elif char.isspace():
            if in_word:
                words.append("".join(current))
                current, in_word = [], False
        else:
            current.append(char)
            in_word = True
    if quoted:
        raise ValueError("unterminated quote")
    if in_word:
        words.append("".join(current))
    return words
