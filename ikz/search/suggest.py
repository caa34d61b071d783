"""Autocomplete: what people mean, never word stems.

For a few typed letters the box offers, in this order: laws by abbreviation, Körperschaften by
name, titles of the portal's own content (projects, FAQ, checklists, templates, pages …), known
terms (the Redaktion's vocabulary and the task areas), titles of law sections with their law,
and last, if room is left, dictionary forms of the index's words ("Umsatz" offers
„Umsatzsteuer“, never the inflected „umsatzes“).

Titles are found through the index's title postings ("^term"): every typed word must stand in the
title, the last one as a prefix – so "Bauh" finds „Gemeinsamer Bauhof …“ and not a paragraph that
merely ranks well for a word beginning with "bauh".
"""

from urllib.parse import urlencode

from django.apps import apps
from django.db import connection

from ikz.core import versioned_cache

from .adapters import KIND_LABELS
from .analysis import TITLE_MARK, fold, is_stopword, lemma, stem, tokenize
from .models import SearchDocument, SearchPosting, SearchTerm, SearchWord
from .priors import law_names
from .registry import public_keys

SECTION_SOURCES = ("library.lawsection", "corpus.section")  # law sections: after portal content
MIN_PREFIX = 3  # letters of a single typed word before titles and terms are looked up
PREFIX_TERMS = 300  # title terms read per typed prefix, most frequent first
TITLE_ROWS = 80  # documents read per request, portal content first
# What each group may fill in the first pass; free places go to the groups in this order after.
QUOTAS = (("law", 2), ("municipality", 2), ("title", 3), ("term", 2), ("section", 2), ("word", 2))

CATEGORY = {
    "law": "Gesetz",
    "ruling": "Urteil",
    "literature": "Literatur",
    "checklist": "Checkliste",
    "template": "Muster",
    "material": "Öffentlichkeitsarbeit",
    "project": "Projekt",
    "faq": "Häufige Frage",
    "question": "Frage der Mitglieder",
    "newsletter": "Newsletter",
    "page": "Seite",
    "municipality": "Körperschaft",
    "service": "Service",
}


def _category(kind: str, source: str) -> str:
    if source in SECTION_SOURCES:
        return "Paragraf"
    return CATEGORY.get(kind) or KIND_LABELS.get(kind, kind)


def _search_url(text: str, **filters: str) -> str:
    return "/suche/?" + urlencode({**filters, "q": text})


def suggestions(query: str, *, limit: int = 8) -> list[dict]:
    """Up to `limit` suggestions {label, category, url}; an empty url means "search for the label"."""
    text = " ".join(query.split())[:100]
    if len(text) < 2:
        return []
    tokens = tokenize(text)
    if not tokens:
        return []
    groups: dict[str, list[dict]] = {
        "law": _laws(text),
        "municipality": _municipalities(text),
        "term": _terms(text, tokens),
        "word": [],
    }
    titles, sections = _titles(tokens)
    groups["title"], groups["section"] = titles, sections
    chosen = _fill(groups, limit)
    if len(chosen) < limit:
        groups["word"] = _words(tokens, head=" ".join(text.split()[:-1]))
        chosen = _fill(groups, limit)
    return chosen


def _fill(groups: dict[str, list[dict]], limit: int) -> list[dict]:
    """Quotas first, then free places in group order; one label (case-insensitive) once."""
    taken: dict[str, list[dict]] = {name: [] for name, _n in QUOTAS}
    seen: set[str] = set()
    count = 0
    for quota_pass in (True, False):
        for name, quota in QUOTAS:
            for item in groups.get(name, []):
                if count >= limit or (quota_pass and len(taken[name]) >= quota):
                    break
                key = item["label"].casefold()
                if key in seen:
                    continue
                seen.add(key)
                taken[name].append(item)
                count += 1
    return [item for name, _n in QUOTAS for item in taken[name]]


# Laws ----------------------------------------------------------------------------------------


def _law_names() -> tuple[str, ...]:
    """The laws in the index in alphabetical order – the ranking's list (priors.law_names), resorted."""
    return versioned_cache.get_or_build("search:suggest-laws", lambda: tuple(sorted(law_names())))


def _laws(text: str) -> list[dict]:
    low = text.casefold()
    return [
        {"label": law, "category": "Gesetz", "url": _search_url(law, law=law)}
        for law in _law_names()
        if law.casefold().startswith(low)
    ][:3]


# Körperschaften ------------------------------------------------------------------------------


def _municipalities(text: str) -> list[dict]:
    if not apps.is_installed("ikz.municipalities") or len(text) < MIN_PREFIX:
        return []
    from ikz.municipalities.names import search_variants
    from ikz.municipalities.selectors import municipality_list

    rows = list(municipality_list(query=text)[:10])
    variants = search_variants(text)

    def starts(m) -> bool:  # the name itself begins with what was typed ("Hück" → Hückeswagen)
        return any(v for v in search_variants(m.short_name) if any(v.startswith(t) for t in variants))

    rows.sort(key=lambda m: (not starts(m), len(m.short_name)))
    return [
        {"label": m.display_name, "category": "Körperschaft", "url": m.get_absolute_url()} for m in rows[:3]
    ]


# Titles --------------------------------------------------------------------------------------


def _prefixes(token: str) -> set[str]:
    """Prefixes a title term of a word beginning with `token` may start with. Terms are stems
    with ae/oe/ue written a/o/u ("Öffentliche" → "offent"), and a stem may be shorter than what
    was typed ("öffentl"): the folded letters, the same as Snowball writes them, that cut by up to
    three letters (a suffix the stemmer takes off), and the stem of the whole word. Titles that
    only share the cut prefix are dropped afterwards (`_titles`)."""
    folded = fold(token)
    plain = folded
    for pair, single in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        plain = plain.replace(pair, single)
    out = {folded, plain, stem(token)}
    out.update(plain[:n] for n in range(max(MIN_PREFIX, len(plain) - 3), len(plain)))
    return {p for p in out if len(p) >= 2}


def _term_ids(prefixes: set[str]) -> list[int]:
    table = SearchTerm._meta.db_table
    ranges = " OR ".join(["(term >= %s AND term < %s)"] * len(prefixes))
    params: list = []
    for p in sorted(prefixes):
        params.extend([TITLE_MARK + p, TITLE_MARK + p + "\uffff"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE df > 0 AND ({ranges}) ORDER BY df DESC, id LIMIT {PREFIX_TERMS}",  # noqa: S608
            params,
        )
        return [row[0] for row in cursor.fetchall()]


def _exact_term_ids(token: str) -> list[int]:
    wanted = [TITLE_MARK + t for t in {stem(token), fold(token)}]
    return list(SearchTerm.objects.filter(term__in=wanted, df__gt=0).values_list("id", flat=True))


def _titles(tokens: list[str]) -> tuple[list[dict], list[dict]]:
    """(portal titles, law-section titles) in which every typed word stands, the last as prefix."""
    words = [t for t in tokens[:-1] if not is_stopword(t)]
    last = tokens[-1]
    if len(last) < MIN_PREFIX and not words:
        return [], []
    prefixes = _prefixes(last)
    if not prefixes:
        return [], []
    groups = [_exact_term_ids(w) for w in words]
    groups.append(_term_ids(prefixes))
    if not all(groups):
        return [], []
    posting, document = SearchPosting._meta.db_table, SearchDocument._meta.db_table
    conditions, params = [], []
    for ids in groups:
        conditions.append(
            f"d.id IN (SELECT p.doc_id FROM {posting} p WHERE p.term_id IN ({','.join(['%s'] * len(ids))}))"  # noqa: S608
        )
        params.extend(ids)
    sql = (
        f"SELECT d.id, d.kind, d.title, d.url, d.source, d.object_id FROM {document} d "  # noqa: S608
        f"WHERE {' AND '.join(conditions)} "
        f"ORDER BY CASE WHEN d.source IN ({','.join(['%s'] * len(SECTION_SOURCES))}) THEN 1 ELSE 0 END, "
        "LENGTH(d.title), d.id "
        f"LIMIT {TITLE_ROWS}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *SECTION_SOURCES])
        rows = cursor.fetchall()
    visible = public_keys((row[4], row[5]) for row in rows)
    rows = [row for row in rows if (row[4], row[5]) in visible]
    typed = fold(last)
    # What was typed stands in the title – at a word's start (first) or inside a compound ("hof" in
    # "Bauhof") –, give or take two letters of an ending ("kündigu" in "kündigen"); a title that
    # only shares a shorter stem prefix ("offen…" for "öffentl") is dropped.
    core = typed[:-2] if len(typed) >= 6 else typed
    rows = [row for row in rows if core in fold(row[2])]

    def word_start(title: str) -> bool:
        return any(fold(w).startswith(typed) for w in tokenize(title))

    rows.sort(key=lambda row: (row[4] in SECTION_SOURCES, not word_start(row[2]), len(row[2]), row[0]))
    portal, sections = [], []
    for _id, kind, title, url, source, _object_id in rows:
        item = {"label": title, "category": _category(kind, source), "url": url or _search_url(title)}
        (sections if source in SECTION_SOURCES else portal).append(item)
    return portal, sections


# Known terms ---------------------------------------------------------------------------------


def _vocabulary() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(folded label, its folded words, label) of the Redaktion's vocabulary – terms and their
    meanings of up to four words – and the task areas."""

    def build():
        from .models import SearchSynonym

        labels: dict[str, str] = {}
        for term, expansions in SearchSynonym.objects.values_list("term", "expansions"):
            for label in [term, *expansions.split(";")]:
                label = " ".join(label.split())
                if 2 <= len(label) <= 60 and len(label.split()) <= 4:
                    labels.setdefault(fold(label), label)
        if apps.is_installed("ikz.core"):
            from ikz.core.taxonomy import TaskArea

            for name in TaskArea.objects.values_list("name", flat=True):
                labels.setdefault(fold(name), name)
        return tuple(
            (key, tuple(fold(w) for w in tokenize(label)), label) for key, label in sorted(labels.items())
        )

    return versioned_cache.get_or_build("search:suggest-vocabulary", build)


def _meanings(typed: str) -> set[str]:
    """The meanings the Redaktion gave a vocabulary entry typed in full."""
    from .synonyms import key_of, synonym_table

    return set(synonym_table().get(key_of(typed), [])) if typed else set()


def _terms(text: str, tokens: list[str]) -> list[dict]:
    typed = fold(" ".join(tokens))
    last = fold(tokens[-1])
    if len(typed) < MIN_PREFIX:
        return []
    found = []
    vocabulary = _vocabulary()
    meanings = _meanings(typed)
    for key, words, label in vocabulary:
        if key == typed:
            continue
        if label in meanings:  # "AöR" → „Anstalt des öffentlichen Rechts“
            found.append((0, 0, label))
        elif key.startswith(typed):
            found.append((0, len(key), label))
        elif len(tokens) == 1 and any(w.startswith(last) for w in words[1:]):
            found.append((1, len(key), label))
    found.sort()
    return [{"label": label, "category": "Suchbegriff", "url": ""} for _r, _n, label in found[:4]]


# Words of the index --------------------------------------------------------------------------


def _words(tokens: list[str], *, head: str) -> list[dict]:
    """Dictionary forms of the index's words that begin with the last typed word: "Umsatz" →
    „Umsatzsteuer“; inflected forms („umsatzes“) count for their lemma, which must itself be a
    word of the index, and the typed word itself is not offered."""
    from .query import _cased

    last = tokens[-1]
    prefix = fold(last)
    if len(prefix) < MIN_PREFIX:
        return []
    rows = (
        SearchWord.objects.filter(word__gte=prefix, word__lt=prefix + "\uffff")
        .order_by("-df", "word")
        .values_list("display", flat=True)[:30]
    )
    lemmas = []
    for display in rows:
        base = lemma(display)
        if fold(base).startswith(prefix) and fold(base) != prefix and base not in lemmas:
            lemmas.append(base)
    # A lemma found in at least two texts: a word glued to the next by a missing blank is no term.
    known = set(
        SearchWord.objects.filter(word__in=[fold(w) for w in lemmas], df__gte=2).values_list(
            "word", flat=True
        )
    )
    return [
        {"label": f"{head} {_cased(w, typed=last)}".strip(), "category": "Suchbegriff", "url": ""}
        for w in lemmas
        if fold(w) in known
    ][:3]
