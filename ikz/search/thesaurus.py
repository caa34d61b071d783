"""OpenThesaurus as the base of the search's synonyms, weighted so that it does not flood a query.

The data is the text export of OpenThesaurus (LGPL 2.1+, version and provenance in
data/OPENTHESAURUS.md): one synset per line, its words separated by ";", each word possibly
followed by labels in parentheses – "abdüsen (ugs.)", "Kernfission (fachspr.)",
"Zeitspanne (Hauptform)" – or carrying context in parentheses – "(von etwas) fortfahren".

How a synset becomes weighted expansions of a word (the parameters were chosen on the dev set;
docs/search.md has the measurements):
- Only nouns and noun phrases (written with a capital) take part: verb and adjective synsets
  ("bekommen", "erledigen") mix senses that official texts keep apart.
- Words with a register label official texts do not use (colloquial, vulgar, dated, regional,
  foreign …) are never expansions; they stay keys: whoever types "Bücherei" or "Kameraüberwachung"
  is led to "Bibliothek" and "Videoüberwachung", never the other way round.
- A word labelled figurative or ironic in a synset ("Anwalt (einer Sache) (fig.)") gets nothing
  from that synset.
- A word in several synsets is ambiguous ("Kommune": Gemeinde, Wohngemeinschaft): each sense
  weighs 1/senses; words with more than MAX_SENSES senses get no expansions at all.
- A large synset is vague: its members weigh (SIZE_REFERENCE / size) ** 0.5 (at most 1); synsets
  above MAX_SYNSET words are not used.
- Per word at most MAX_EXPANSIONS, the heaviest first ("Hauptform" first among equals, then fewer
  words); below MIN_WEIGHT an expansion is dropped.
The weight multiplies the synonym weight of query planning; the Redaktion's vocabulary
(SearchSynonym, weight 1) stays on top and comes first (synonyms.synonym_table).
"""

import gzip
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .analysis import is_stopword, tokenize

DATA_FILE = Path(__file__).parent / "data" / "openthesaurus_de.txt.gz"

WEIGHT = 0.8  # the thesaurus as a whole, against the Redaktion's vocabulary (1.0)
MAX_SENSES = 3
MAX_SYNSET = 12
SIZE_REFERENCE = 4
MAX_EXPANSIONS = 6
MIN_WEIGHT = 0.2

# Labels (lower case, without the dot) of words that laws and administrations do not write.
UNOFFICIAL = frozenset(
    {
        "ugs",
        "derb",
        "vulg",
        "fig",
        "abwertend",
        "ironisch",
        "scherzhaft",
        "salopp",
        "spruch",
        "veraltet",
        "veraltend",
        "selten",
        "jargon",
        "jugendsprache",
        "szenesprache",
        "gaunersprache",
        "verhüllend",
        "schimpfwort",
        "historisch",
        "poetisch",
        "regional",
        "österr",
        "schweiz",
        "süddt",
        "norddeutsch",
        "ruhrdt",
        "berlinerisch",
        "bayr",
        "schwäbisch",
        "sächsisch",
        "rheinisch",
        "westfälisch",
        "hessisch",
        "mitteldeutsch",
        "ostdeutsch",
        "westdeutsch",
        "engl",
        "franz",
        "lat",
        "ital",
        "span",
        "variabel",
    }
)
# A word so labelled in a synset is used there in a sense nobody searches for.
FIGURATIVE = frozenset(
    {"fig", "ironisch", "scherzhaft", "abwertend", "derb", "vulg", "spruch", "verhüllend", "schimpfwort"}
)
MAIN_FORM = "hauptform"
NEUTRAL = frozenset({MAIN_FORM, "fachspr", "geh", "abkürzung", "weibl", "männl"})

_LABELS = re.compile(r"\s*\(([^()]*)\)\s*$")
_CONTEXT = re.compile(r"\([^()]*\)")

Key = tuple[str, ...]


def parse_word(raw: str) -> tuple[str, frozenset[str]]:
    """ "abdüsen (ugs.)" → ("abdüsen", {"ugs"}); context in parentheses is dropped."""
    text = raw.strip()
    labels: frozenset[str] = frozenset()
    match = _LABELS.search(text)
    if match:
        parts = frozenset(p.strip().rstrip(".").lower() for p in match.group(1).split(","))
        if parts <= UNOFFICIAL | NEUTRAL:
            labels = parts
            text = text[: match.start()]
    text = _CONTEXT.sub(" ", text).replace("...", " ").replace("…", " ")
    return " ".join(text.split()), labels


def read_synsets(path: Path = DATA_FILE) -> list[list[tuple[str, frozenset[str]]]]:
    """The synsets of the file, each a list of (word, labels) with at least two words."""
    synsets = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            words = [parse_word(w) for w in line.rstrip("\n").split(";")]
            words = [(t, labels) for t, labels in words if t and any(c.isalpha() for c in t)]
            if len(words) > 1:
                synsets.append(words)
    return synsets


def _usable(text: str) -> bool:
    """A noun or noun phrase with at least one word that is not a stop word."""
    return text[:1].isupper() and any(not is_stopword(t) for t in tokenize(text))


def build(synsets, key_of: Callable[[str], Key], max_key: int) -> dict[Key, list[tuple[str, float]]]:
    """Key (the stems of a word, as the vocabulary compares them) → [(expansion, weight)]."""
    senses: dict[Key, set[int]] = {}
    keyed = []
    for n, synset in enumerate(synsets):
        members = []
        for text, labels in synset:
            if not _usable(text):
                continue
            key = key_of(text)
            if key and len(key) <= max_key:
                members.append((key, text, labels))
                if not labels & FIGURATIVE:
                    senses.setdefault(key, set()).add(n)
        keyed.append(members)
    options: dict[Key, dict[str, tuple[float, int, int]]] = {}
    for members in keyed:
        size = len(members)
        if size < 2 or size > MAX_SYNSET:
            continue
        vagueness = min(1.0, (SIZE_REFERENCE / size) ** 0.5)
        for key, _text, labels in members:
            if labels & FIGURATIVE or len(senses[key]) > MAX_SENSES:
                continue
            weight = WEIGHT * vagueness / len(senses[key])
            if weight < MIN_WEIGHT:
                continue
            mine = options.setdefault(key, {})
            for other_key, other, other_labels in members:
                if other_key == key or other_labels & UNOFFICIAL:
                    continue
                rank = (weight, 0 if MAIN_FORM in other_labels else 1, len(other_key))
                if other not in mine or mine[other][0] < weight:
                    mine[other] = rank
    table = {}
    for key, found in options.items():
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][1], kv[1][2], kv[0]))
        table[key] = [(text, round(rank[0], 3)) for text, rank in ranked[:MAX_EXPANSIONS]]
    return table


@cache
def thesaurus_table() -> dict[Key, list[tuple[str, float]]]:
    """Built once per process on the first search that needs it (~2 s CPU); {} without the file."""
    from .synonyms import MAX_KEY, key_of

    if not DATA_FILE.exists():
        return {}
    return build(read_synsets(), key_of, MAX_KEY)
