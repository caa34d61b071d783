"""The editable vocabulary (SearchSynonym) as a lookup table for query analysis."""

import time
from pathlib import Path

from .analysis import stem, tokenize

SEED_FILE = Path(__file__).parent / "data" / "synonyms_de.tsv"
TTL = 30.0  # seconds; an edit in the admin also clears the cache of the editing process
MAX_KEY = 4  # tokens

_cache: dict = {"at": 0.0, "table": {}}


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


def synonym_table() -> dict[tuple[str, ...], list[str]]:
    now = time.monotonic()
    if now - _cache["at"] > TTL:
        from .models import SearchSynonym

        rows = [(s.term, s.expansion_list(), s.two_way) for s in SearchSynonym.objects.all()]
        _cache["table"] = _build(rows)
        _cache["at"] = now
    return _cache["table"]


def clear_cache(*args, **kwargs) -> None:
    _cache["at"] = 0.0
