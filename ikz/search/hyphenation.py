"""Soft hyphens at the joints of long German compounds, for titles on narrow screens.

CSS `hyphens: auto` needs a hyphenation dictionary in the browser, which many Chromium builds do
not ship; a heading then breaks "Bundesdatenschutzg|esetz" (overflow-wrap) without a hyphen.
A soft hyphen (U+00AD) at each joint the compound splitter finds – "Bundes·datenschutz·gesetz" –
lets every browser break there, with a visible hyphen, and is invisible otherwise.
"""

import re

from .compounds import _fold, split

SOFT_HYPHEN = "\u00ad"
MIN_LENGTH = 12  # shorter words fit on any screen
_WORD_RE = re.compile(r"[^\W\d_]+")


def _joints(word: str) -> list[int]:
    """Positions in `word` where a compound part begins (never at the start)."""
    origin: list[int] = []  # folded position → position in word ("ä" folds to two letters)
    for i, char in enumerate(word):
        origin.extend([i] * len(_fold(char)))
    folded = _fold(word)
    if len(folded) != len(origin):
        return []  # a letter whose lower case changes length: leave the word alone
    return [origin[start] for _part, start in split(folded) if start > 0]


def hyphenate(text: str) -> str:
    """`text` with soft hyphens at the compound joints of its long words."""

    def word(match: re.Match) -> str:
        w = match.group(0)
        if len(w) < MIN_LENGTH:
            return w
        out, last = [], 0
        for joint in _joints(w):
            out.append(w[last:joint])
            last = joint
        out.append(w[last:])
        return SOFT_HYPHEN.join(out)

    return _WORD_RE.sub(word, text or "")
