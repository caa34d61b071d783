"""The editable vocabulary (SearchSynonym) on top of OpenThesaurus, as a lookup table for query analysis."""

import time
from collections.abc import Mapping
from pathlib import Path

from django.conf import settings

from .analysis import stem, tokenize
from .thesaurus import thesaurus_table

SEED_FILE = Path(__file__).parent / "data" / "synonyms_de.tsv"
TTL = 30.0  # seconds; an edit in the admin also clears the cache of the editing process
MAX_KEY = 4  # tokens

_cache: dict = {"at": 0.0, "table": {}}
Key = tuple[str, ...]


def key_of(text: str) -> tuple[str, ...]:
    """Stems, so that "kommunale" meets the entry "kommunal" and "Kitas" the entry "Kita"."""
    return tuple(stem(t) for t in tokenize(text))


def seed_rows() -> list[tuple[str, list[str], bool]]:
    """(term, expansions, two_way) from the shipped file: term<TAB>exp; exp[<TAB>two_way]."""
    rows = []
    for line in SEED_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        expansions = [e.strip() for e in cols[1].split(";") if e.strip()]
        rows.append((cols[0].strip(), expansions, len(cols) > 2 and cols[2].strip() == "2"))
    return rows


def vocabulary_seed(model=None) -> int:
    """Create the shipped entries that are missing (never overwrites an edited entry)."""
    if model is None:
        from .models import SearchSynonym as model
    existing = set(model.objects.values_list("term", flat=True))
    rows = []
    for term, expansions, two_way in seed_rows():
        if term not in existing:
            existing.add(term)
            rows.append(model(term=term, expansions="; ".join(expansions), two_way=two_way))
    model.objects.bulk_create(rows)
    clear_cache()
    return len(rows)


def _build(rows) -> dict[tuple[str, ...], list[str]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for term, expansions, two_way in rows:
        key = key_of(term)
        if not key or len(key) > MAX_KEY:
            continue
        table.setdefault(key, []).extend(e for e in expansions if e not in table.get(key, []))
        if two_way:
            for expansion in expansions:
                back = key_of(expansion)
                if back and len(back) <= MAX_KEY:
                    table.setdefault(back, []).append(term)
    return table


class Meaning(str):
    """An expansion with the weight of its source: 1 for the Redaktion's vocabulary, less for
    OpenThesaurus (thesaurus.py). Query planning multiplies its synonym weight by it."""

    weight = 1.0


def meaning(text: str, weight: float) -> Meaning:
    m = Meaning(text)
    m.weight = weight
    return m


class Vocabulary(Mapping):
    """The Redaktion's vocabulary on top of the thesaurus, merged per key when asked (the
    thesaurus has ~50,000 keys; merging them all every TTL would cost more than a search).
    For a key both know: the Redaktion's meanings first, then the thesaurus' other ones."""

    def __init__(self, own: dict[Key, list[str]], base: dict[Key, list[tuple[str, float]]]):
        self.own, self.base = own, base

    def __getitem__(self, key: Key) -> list[str]:
        mine = self.own.get(key)
        theirs = self.base.get(key)
        if mine is None and theirs is None:
            raise KeyError(key)
        merged: list[str] = list(mine or [])
        seen = {m.lower() for m in merged}
        merged += [meaning(text, w) for text, w in theirs or [] if text.lower() not in seen]
        return merged

    def __contains__(self, key) -> bool:
        return key in self.own or key in self.base

    def __iter__(self):
        yield from self.own
        yield from (k for k in self.base if k not in self.own)

    def __len__(self) -> int:
        return len(self.own) + sum(1 for k in self.base if k not in self.own)


def synonym_table() -> Vocabulary:
    now = time.monotonic()
    if now - _cache["at"] > TTL:
        from .models import SearchSynonym

        rows = [(s.term, s.expansion_list(), s.two_way) for s in SearchSynonym.objects.all()]
        _cache["table"] = _build(rows)
        _cache["at"] = now
    base = thesaurus_table() if getattr(settings, "SEARCH_THESAURUS", True) else {}
    return Vocabulary(_cache["table"], base)


def clear_cache(*args, **kwargs) -> None:
    _cache["at"] = 0.0
