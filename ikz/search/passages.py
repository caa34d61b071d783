"""Passages of a hit: which paragraph covers the query best (for re-ranking) and the
highlighted snippet cut from it (HTML-escaped, matches in <mark>)."""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape

from .analysis import TITLE_MARK, is_stopword, word_terms

PARAGRAPH_RE = re.compile(r"\n\s*\n")
MAX_SCAN = 12_000  # characters of a long text that are looked at
SNIPPET_CHARS = 260


@dataclass
class Passage:
    start: int
    end: int
    coverage: float
    matches: list[tuple[int, int]]


_CHARS = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}
_FIRST = {"a": ("a", "ä"), "o": ("o", "ö"), "u": ("u", "ü"), "ss": ("ss", "ß")}


def _trie_pattern(stems: list[str]) -> str:
    """One pattern for many folded stems, prefixes shared ("gemeind|gemeinsam" →
    "gemein(?:d|sam)"), so the regex engine tries one branch per letter instead of one per
    stem. A folded "u" also matches "ü" (and a, o alike) and "ss" also "ß", so the text is
    searched as it is, without a translated copy per hit."""
    trie: dict = {}
    for stem in stems:
        node = trie
        i = 0
        while i < len(stem):
            unit = "ss" if stem.startswith("ss", i) else stem[i]
            node = node.setdefault(unit, {})
            i += len(unit)
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [_unit(unit) + build(child) for unit, child in sorted(node.items()) if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    # At the top every branch starts with a plain letter ("a…|ä…" rather than "[aä]…"): only
    # then does the regex engine skip ahead to the possible first letters instead of trying
    # the whole pattern at every position (about a quarter less time per text).
    top = []
    for unit, child in sorted(trie.items()):
        rest = build(child)  # never a bare alternation: safe to append
        top.extend(re.escape(first) + rest for first in _FIRST.get(unit, (unit,)))
    return "|".join(top)


def _unit(unit: str) -> str:
    if unit == "ss":
        return "(?:ss|ß)"
    return _CHARS.get(unit, re.escape(unit))


@lru_cache(maxsize=256)
def _candidate_re(stems: tuple[str, ...], flags: int = 0) -> re.Pattern:
    return re.compile(_trie_pattern(list(stems)), flags)


def _matches(text: str, weights: dict[str, tuple[int, float]]) -> list[tuple[int, int, int, float]]:
    """(start, end, concept, weight) of every word in text that carries a query term.

    A regex over the stems finds the few candidate words (stems are prefixes of the words, or
    of their parts); only those go through the analysis."""
    stems = tuple(sorted(t for t in weights if not t.startswith(TITLE_MARK) and len(t) >= 3))
    if not stems:
        return []
    out = []
    seen_end = -1
    n = len(text)
    low = text.lower()
    # The lower-cased text without IGNORECASE is searched ~2.5× faster; a rare character whose
    # lower case is longer ("İ") would shift the offsets, so such a text is searched as it is.
    if len(low) == n:
        found = _candidate_re(stems).finditer(low)
    else:
        found = _candidate_re(stems, re.IGNORECASE).finditer(text)
    for m in found:
        if m.start() < seen_end:
            continue  # a second stem inside a word already taken
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < n and text[end].isalnum():
            end += 1
        seen_end = end
        token = text[start:end].lower()
        if len(token) > 60 or is_stopword(token):
            continue
        best = None
        for term, w in word_terms(token):
            hit = weights.get(term)
            if hit and (best is None or hit[1] * w > best[1]):
                best = (hit[0], hit[1] * w)
        if best:
            out.append((start, end, best[0], best[1]))
    return out


def best_passage(text: str, weights: dict[str, tuple[int, float]]) -> Passage:
    text = text[:MAX_SCAN]
    matches = _matches(text, weights)
    bounds = [0] + [m.end() for m in PARAGRAPH_RE.finditer(text)] + [len(text)]
    best = Passage(0, min(len(text), SNIPPET_CHARS), 0.0, [])
    i = 0
    for start, end in zip(bounds, bounds[1:], strict=False):
        covered: dict[int, float] = {}
        spans = []
        while i < len(matches) and matches[i][0] < end:
            s, e, concept, w = matches[i]
            if s >= start:
                covered[concept] = max(covered.get(concept, 0.0), w)
                spans.append((s, e))
            i += 1
        coverage = sum(covered.values())
        if coverage > best.coverage:
            best = Passage(start, end, coverage, spans)
    return best


def coverage(text: str, weights: dict[str, tuple[int, float]]) -> float:
    covered: dict[int, float] = {}
    for _s, _e, concept, w in _matches(text, weights):
        covered[concept] = max(covered.get(concept, 0.0), w)
    return sum(covered.values())


def snippet(text: str, weights: dict[str, tuple[int, float]]) -> str:
    """About SNIPPET_CHARS characters around the best passage's first matches, escaped."""
    passage = best_passage(text, weights)
    if passage.matches:
        first = passage.matches[0][0]
        start = max(passage.start, first - 60)
    else:
        start = 0
    end = min(len(text), start + SNIPPET_CHARS)
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space < end + 30 else end
    out, pos = [], start
    for s, e in passage.matches:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    html = " ".join("".join(out).split())
    return ("… " if start > 0 else "") + html + (" …" if end < len(text) else "")
