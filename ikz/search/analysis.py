"""The German analysis pipeline, used alike when indexing and when querying.

text → NFKC + case folding → word tokens → (lemma by simplemma) → umlaut/ß folding
("Gebühren" and "Gebuehren" both become "gebuehren") → Snowball German stem; compounds are
split (see compounds.py) and their parts are indexed beside the whole word. Synonyms and
fuzzy matching happen at query time (query.py) on top of the same functions.
"""

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

import simplemma
import Stemmer

from .compounds import compound_parts

DATA = Path(__file__).parent / "data"
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORD = 60
PART_WEIGHT = 0.5  # a compound part counts half a word
TITLE_MARK = "^"  # prefix of the title-only copy of a term

_stemmer = Stemmer.Stemmer("german")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "á": "a"})


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def fold(word: str) -> str:
    """ä→ae, ö→oe, ü→ue, ß→ss: the spelling people type without a German keyboard."""
    return word.lower().translate(_UMLAUTS)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits) of `text`, umlauts kept."""
    return [w for w in WORD_RE.findall(normalise(text)) if len(w) <= MAX_WORD]


@cache
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "stopwords_de.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words | {fold(w) for w in words})


def is_stopword(token: str) -> bool:
    return token in stopwords()


_UNFOLD = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))


@lru_cache(maxsize=500_000)
def lemma(token: str) -> str:
    """The dictionary form, trying umlauts for "ae/oe/ue" spellings simplemma does not know."""
    if token.isdigit() or len(token) < 4:
        return token
    if not simplemma.is_known(token, lang="de") and any(a in token for a, _ in _UNFOLD):
        candidate = token
        for a, b in _UNFOLD:
            candidate = candidate.replace(a, b)
        if simplemma.is_known(candidate, lang="de"):
            token = candidate
    return simplemma.lemmatize(token, lang="de").lower()


@lru_cache(maxsize=500_000)
def stem(token: str) -> str:
    """The index term of one token: its folded Snowball stem."""
    if token.isdigit():
        return token
    return _stemmer.stemWord(fold(token.lower()))


LEMMA_WEIGHT = 0.5  # lower-case lemmatising guesses wrong now and then ("Anlagen" → anliegen)


@lru_cache(maxsize=500_000)
def whole_word_terms(token: str) -> tuple[tuple[str, float], ...]:
    """(term, weight): the token's stem and, if different, the stem of its lemma."""
    own = stem(token)
    terms = {own: 1.0}
    if not token.isdigit():
        by_lemma = _stemmer.stemWord(fold(lemma(token)))
        if by_lemma != own and len(by_lemma) >= 3:
            terms[by_lemma] = LEMMA_WEIGHT
    return tuple(terms.items())


@lru_cache(maxsize=500_000)
def word_terms(token: str) -> tuple[tuple[str, float], ...]:
    """(term, weight) for one non-stop token: its stem, the stem of its lemma ("verpflichtet"
    → verpflichten) and the stems of its compound parts."""
    terms = dict(whole_word_terms(token))
    for part in compound_parts(fold(token)):
        term = _stemmer.stemWord(part)
        if len(term) >= 3 and term not in terms:
            terms[term] = PART_WEIGHT
    return tuple(terms.items())


def analyse(text: str) -> Counter:
    """Weighted term frequencies of a text (index time)."""
    counts: Counter = Counter()
    stops = stopwords()
    for token in tokenize(text):
        if token in stops:
            continue
        for term, weight in word_terms(token):
            counts[term] += weight
    return counts
