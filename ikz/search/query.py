"""Query analysis: from what a user typed to weighted index terms grouped by meaning.

Each content word of the query is a "concept" with its own stem (weight 1), the stems of its
compound parts, synonyms from the vocabulary and, for words the index does not know, the
nearest known word (one typo). Bounds keep hostile input cheap.
"""

import time
from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .analysis import TITLE_MARK, fold, is_stopword, stem, tokenize, whole_word_terms, word_terms
from .compounds import dictionary, split
from .models import SearchTerm, SearchWord
from .synonyms import MAX_KEY, synonym_table

MAX_QUERY_CHARS = 10_000
MAX_TOKENS = 200
MAX_CONCEPTS = 12
MAX_TERMS = 48
SYNONYM_WEIGHT = 0.7
FUZZY_WEIGHT = 0.9
FUZZY_MIN_LENGTH = 5
MAX_CORRECTIONS = 3
TITLE_BONUS = 0.3
UNKNOWN_KEY_BOOST = 1 / SYNONYM_WEIGHT
OOV_PART_WEIGHT = 1.0  # parts of a compound the index does not know (see _resolve)


@dataclass
class Concept:
    label: str  # the query word(s) as typed
    own: set[str] = field(default_factory=set)  # terms of the typed words themselves
    terms: dict[str, float] = field(default_factory=dict)

    def add(self, term: str, weight: float) -> None:
        term = term[:64]
        if weight > self.terms.get(term, 0.0):
            self.terms[term] = weight


@dataclass
class QueryPlan:
    text: str
    concepts: list[Concept]
    corrections: dict[str, str] = field(default_factory=dict)  # typed word → suggested word
    term_info: dict[str, tuple[int, int]] = field(default_factory=dict)  # term → (id, df)

    @property
    def suggestion(self) -> str:
        """The query with each misspelt word replaced, for "Meinten Sie …?"."""
        if not self.corrections:
            return ""
        words = self.text.split()
        out = []
        for word in words:
            key = tokenize(word)
            fixed = self.corrections.get(key[0]) if len(key) == 1 else None
            out.append(_cased(fixed, typed=word) if fixed else word)
        return " ".join(out)


# Endings that make a German noun ("Inobhutnahme", "Zuständigkeit", "Vereinbarung") and endings
# of adjectives, which the noun list and the compound splitter may take for nouns
# ("kommunal", "gemein|sam").
NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "nahme", "gabe", "tion", "taet", "ismus", "nis", "tum", "enz", "anz")  # fmt: skip
ADJECTIVE_ENDINGS = ("lich", "ig", "isch", "sam", "bar", "al", "iv", "haft", "los", "end", "ell")


def _is_noun(word: str) -> bool:
    """A German noun: not built like an adjective, and in the noun list, built with a noun
    ending, or a compound whose last part (its head) is a noun of more than three letters."""
    key = fold(word)
    if key.endswith(ADJECTIVE_ENDINGS):
        return False
    if key in dictionary() or (len(key) >= 6 and key.endswith(NOUN_ENDINGS)):
        return True
    parts = split(key)
    return bool(parts) and len(parts[-1][0]) > 3


def _cased(fixed: str, *, typed: str) -> str:
    """The corrected word as German writes it: the index keeps words in lower case, but
    "Meinten Sie Zweckverband?" – a noun, or any word the user typed with a capital."""
    if typed[:1].isupper() or _is_noun(fixed):
        return fixed[:1].upper() + fixed[1:]
    return fixed


def _add_text(concept: Concept, text: str, weight: float, *, parts: bool = True) -> None:
    words = [t for t in tokenize(text) if not is_stopword(t)]
    for token in words:
        for term, w in word_terms(token) if parts else whole_word_terms(token):
            concept.add(term, weight * w)


def _lookup(terms: set[str]) -> dict[str, tuple[int, int]]:
    info: dict[str, tuple[int, int]] = {}
    terms_list = sorted(terms)
    table = SearchTerm._meta.db_table
    # Plain SQL: this runs on every request, and building the ORM query cost more than running it.
    with connection.cursor() as cursor:
        for i in range(0, len(terms_list), 500):
            chunk = terms_list[i : i + 500]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT term, id, df FROM {table} WHERE term IN ({marks}) AND df > 0", chunk)  # noqa: S608
            info.update((t, (pk, df)) for t, pk, df in cursor.fetchall())
    return info


@cache
def _dictionary_buckets() -> dict[tuple[str, int], list[str]]:
    buckets: dict[tuple[str, int], list[str]] = {}
    for word in dictionary():
        buckets.setdefault((word[0], len(word)), []).append(word)
    return buckets


def _dictionary_correction(key: str) -> str | None:
    """A German noun one edit away (the noun list of the compound splitter): "anmeldefirst"
    → "anmeldefrist", whose parts the index knows even when the whole word is not in it."""
    buckets = _dictionary_buckets()
    for length in (len(key), len(key) - 1, len(key) + 1):
        for word in buckets.get((key[0], length), []):
            if OSA.distance(key, word, score_cutoff=1) <= 1:
                return word
    return None


WORD_CACHE_SECONDS = 60
_word_buckets: dict[tuple[str, int], tuple[float, list, list]] = {}


def _words_near(first: str, length: int) -> tuple[list[tuple[str, str, int]], list[str]]:
    """Indexed words with this first letter and a length within one of `length`.

    Held per process for a minute (like a search engine's in-memory term dictionary): a
    correction then costs no database round trip. Indexing in this process clears it; other
    processes see new words after at most WORD_CACHE_SECONDS."""
    now = time.monotonic()
    entry = _word_buckets.get((first, length))
    if entry is None or now - entry[0] >= WORD_CACHE_SECONDS:
        rows = SearchWord.objects.filter(first=first, length__gte=length - 1, length__lte=length + 1)
        words = list(rows.values_list("word", "display", "df"))
        if len(_word_buckets) >= 1000:
            _word_buckets.clear()
        entry = _word_buckets[(first, length)] = (now, words, [w for w, _, _ in words])
    return entry[1], entry[2]


def clear_word_cache() -> None:
    _word_buckets.clear()


def correct(token: str) -> str | None:
    """The most frequent indexed word within one edit (incl. a swap) of `token`, if any."""
    key = fold(token)
    if len(key) < FUZZY_MIN_LENGTH or not key.isalpha() or key in dictionary():
        return None  # a correct German noun the index lacks is not a typo
    words, keys = _words_near(key[0], len(key))
    # rapidfuzz compares in C; only the few words within one edit come back to Python.
    close = process.extract(key, keys, scorer=OSA.distance, score_cutoff=1, limit=None)
    best = max(((words[i][2], words[i][1] or words[i][0]) for w, _d, i in close if w != key), default=None)
    return best[1] if best else (_dictionary_correction(key) or _completion(key))


def _completion(key: str) -> str | None:
    """A word cut short ("Inobhut"): the most frequent indexed word it begins."""
    if len(key) < 5:
        return None
    rows = SearchWord.objects.filter(word__gt=key, word__lt=key + "\uffff").order_by("-df", "word")
    found = rows.values_list("display", flat=True).first()
    return found or None


def plan_query(text: str) -> QueryPlan:
    text = (text or "")[:MAX_QUERY_CHARS]
    tokens = tokenize(text)[:MAX_TOKENS]
    folded = [stem(t) for t in tokens]
    table = synonym_table()
    concepts: list[Concept] = []
    i = 0
    while i < len(tokens) and len(concepts) < MAX_CONCEPTS:
        matched = 0
        for size in range(min(MAX_KEY, len(tokens) - i), 0, -1):
            if tuple(folded[i : i + size]) in table:
                matched = size
                break
        if matched:
            label = " ".join(tokens[i : i + matched])
            concept = Concept(label)
            _add_text(concept, label, 1.0)
            own = set(concept.terms)
            expansions = table[tuple(folded[i : i + matched])]
            for expansion in expansions[:8]:
                n_words = max(1, len([t for t in tokenize(expansion) if not is_stopword(t)]))
                source = getattr(expansion, "weight", 1.0)  # OpenThesaurus < Redaktion (synonyms.py)
                _add_text(concept, expansion, SYNONYM_WEIGHT * source / n_words**0.5, parts=False)
            concept.own = own
            concepts.append(concept)
            i += matched
            continue
        token = tokens[i]
        i += 1
        if is_stopword(token):
            continue
        concept = Concept(token)
        _add_text(concept, token, 1.0)
        concepts.append(concept)
    plan = QueryPlan(text=text, concepts=concepts)
    _resolve(plan)
    return plan


def _resolve(plan: QueryPlan) -> None:
    """Look the terms up; for unknown words try one typo away; drop what the index lacks."""
    all_terms = {t for c in plan.concepts for t in c.terms}
    # One round trip for the terms and their title-only twins ("^term", see indexing).
    plan.term_info = _lookup(all_terms | {TITLE_MARK + t[:63] for t in all_terms})
    extra: set[str] = set()
    attempts = 0
    for concept in plan.concepts:
        tokens = tokenize(concept.label)
        if len(tokens) != 1 or stem(tokens[0]) in plan.term_info or attempts >= MAX_CORRECTIONS:
            continue
        attempts += 1  # each attempt reads a slice of the vocabulary: bound them
        fixed = correct(tokens[0])
        if not fixed and OOV_PART_WEIGHT:
            # A correct compound the index lacks ("Schallschutzentschädigung"): its parts are
            # all the evidence there is, so they count as much as the word itself would.
            whole = dict(whole_word_terms(tokens[0]))
            for term, _w in word_terms(tokens[0]):
                if term not in whole:
                    concept.add(term, OOV_PART_WEIGHT)
        if fixed:
            plan.corrections[tokens[0]] = fixed
            for term, w in word_terms(fixed):
                concept.add(term, FUZZY_WEIGHT * w)
                extra.add(term[:64])
    if extra:
        extra |= {TITLE_MARK + t[:63] for t in extra}
        plan.term_info.update(_lookup(extra - set(plan.term_info)))
    for concept in plan.concepts:
        known = any(t in plan.term_info for t in concept.own) or concept.label in plan.corrections
        if concept.own and UNKNOWN_KEY_BOOST and not known:
            # The typed words ("jPöR", "BgA") never occur in the texts: the vocabulary's
            # meanings are then the only way to the documents and stand in for the word.
            for term in list(concept.terms):
                concept.terms[term] = min(1.0, concept.terms[term] * UNKNOWN_KEY_BOOST)
    budget = MAX_TERMS
    for concept in plan.concepts:
        kept = sorted(
            (
                (w, t)
                for t, w in concept.terms.items()
                if t in plan.term_info and not t.startswith(TITLE_MARK)
            ),
            reverse=True,
        )
        kept = kept[: max(1, budget // max(1, len(plan.concepts)))]
        concept.terms = {t: w for w, t in kept}
    plan.concepts = [c for c in plan.concepts if c.terms]
    if TITLE_BONUS:
        # "^term" postings hold title words only: a match there counts extra (see indexing).
        titled = {TITLE_MARK + t[:63]: (c, w) for c in plan.concepts for t, w in c.terms.items()}
        for term, (concept, weight) in titled.items():
            if term in plan.term_info:
                concept.terms[term] = weight * TITLE_BONUS
