"""Writing the index: one entry at a time (after a save) or in bulk (import, re-index)."""

import math
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Avg

from .analysis import TITLE_MARK, analyse, fold, is_stopword, stem, tokenize
from .documents import IndexEntry
from .links import section_references
from .models import SearchDocument, SearchPosting, SearchTerm, SearchWord
from .query import clear_word_cache

K1 = 1.2
B = 0.75
SCALE = 1000
BATCH = 2000
MAX_BODY = 200_000  # characters of a very long text that are indexed and kept for snippets


def entry_terms(entry: IndexEntry) -> tuple[Counter, float]:
    terms: Counter = Counter()
    for text, weight in entry.weighted_fields():
        if text:
            for term, tf in analyse(text[:MAX_BODY]).items():
                terms[term] += tf * weight
    length = sum(terms.values())
    for term, tf in analyse(entry.title).items():
        terms[TITLE_MARK + term[:63]] += tf
    return terms, length


def impacts(terms: Counter, length: float, avgdl: float) -> dict[str, int]:
    norm = K1 * (1 - B + B * length / max(avgdl, 1.0))
    # The "^term" copies stand for the title field alone: a title is short whatever the
    # length of the text below it, so they are not normalised by the body's length (BM25F
    # with b = 0 for the title field) – a long rule's heading counts as much as a short one's.
    return {
        t: max(1, min(32000, round(SCALE * tf * (K1 + 1) / (tf + (K1 if t[:1] == TITLE_MARK else norm)))))
        for t, tf in terms.items()
    }


def entry_words(entry: IndexEntry) -> set[str]:
    """Surface words (lower case, umlauts kept) for typo correction and autocomplete."""
    words = set()
    for text in (entry.title, entry.body[:MAX_BODY], entry.context):
        for token in tokenize(text):
            if token.isalpha() and 3 <= len(token) <= 60 and not is_stopword(token):
                words.add(token)
    return words


def _document_values(entry: IndexEntry, length: float) -> dict:
    return {
        "external_id": entry.external_id,
        "kind": entry.kind,
        "title": entry.title[:500],
        "url": entry.url[:500],
        "body": entry.body[:MAX_BODY],
        "law": entry.law[:60],
        "cites": " ".join(section_references(entry.body[:MAX_BODY], entry.law))[:100] if entry.law else "",
        "year": entry.year,
        "facets": entry.facets(),
        "length": length,
    }


def _term_ids(terms: Iterable[str], cache: dict[str, int] | None = None) -> dict[str, int]:
    cache = {} if cache is None else cache
    missing = [t[:64] for t in set(terms) if t not in cache]
    for i in range(0, len(missing), 900):
        chunk = missing[i : i + 900]
        SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in chunk], ignore_conflicts=True)
        cache.update(SearchTerm.objects.filter(term__in=chunk).values_list("term", "id"))
    return cache


def _refresh_df(term_ids: Iterable[int] | None = None) -> None:
    table, posting = SearchTerm._meta.db_table, SearchPosting._meta.db_table
    sql = f"UPDATE {table} SET df = (SELECT COUNT(*) FROM {posting} p WHERE p.term_id = {table}.id)"  # noqa: S608 - names from model meta
    with connection.cursor() as cursor:
        if term_ids is None:
            cursor.execute(sql)
            return
        ids = list(term_ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            cursor.execute(sql + f" WHERE id IN ({','.join(['%s'] * len(chunk))})", chunk)


def _add_words(counts: Counter) -> None:
    folded: dict[str, tuple[str, int]] = {}
    for word, n in counts.items():
        key = fold(word)
        folded[key] = (word, folded.get(key, ("", 0))[1] + n)
    rows = [SearchWord(word=k, display=w, first=k[0], length=len(k), df=n) for k, (w, n) in folded.items()]
    SearchWord.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    clear_word_cache()


def _insert_postings(rows: list[tuple[int, int, int]]) -> None:
    table = SearchPosting._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} (doc_id, term_id, impact) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} (doc_id, term_id, impact) VALUES (%s, %s, %s)", rows)  # noqa: S608


@transaction.atomic
def index_entry(entry: IndexEntry) -> SearchDocument:
    """Put one entry into the index, replacing its earlier version."""
    terms, length = entry_terms(entry)
    avgdl = SearchDocument.objects.aggregate(a=Avg("length"))["a"] or length or 1.0
    before = SearchDocument.objects.filter(source=entry.source, object_id=str(entry.object_id)).first()
    old_words = _document_words(before) if before else set()
    doc, _ = SearchDocument.objects.update_or_create(
        source=entry.source, object_id=str(entry.object_id), defaults=_document_values(entry, length)
    )
    old_ids = set(SearchPosting.objects.filter(doc_id=doc.id).values_list("term_id", flat=True))
    SearchPosting.objects.filter(doc_id=doc.id).delete()
    ids = _term_ids(terms)
    _insert_postings([(doc.id, ids[t[:64]], w) for t, w in impacts(terms, length, avgdl).items()])
    _refresh_df(old_ids | {ids[t[:64]] for t in terms})
    new_words = entry_words(entry)
    _prune_words(old_words - new_words)  # an edited title's old words
    _add_words(Counter(new_words))
    return doc


def _document_words(doc: SearchDocument) -> set[str]:
    return entry_words(IndexEntry(doc.source, doc.object_id, doc.kind, doc.title, body=doc.body))


def _prune_words(words: set[str]) -> None:
    """Drop typo-correction and autocomplete words that no document holds any more: a withdrawn
    project's name must not be offered as a completion. A word lives while the term of the word
    itself (its stem) is still in some document; compound parts do not keep it."""
    if not words:
        return
    own = {word: stem(word) for word in words}
    alive: set[str] = set()
    terms = sorted(set(own.values()))
    for i in range(0, len(terms), 900):
        chunk = terms[i : i + 900]
        alive.update(SearchTerm.objects.filter(term__in=chunk, df__gt=0).values_list("term", flat=True))
    gone = sorted({fold(w) for w, term in own.items() if term not in alive})
    for i in range(0, len(gone), 900):
        SearchWord.objects.filter(word__in=gone[i : i + 900]).delete()
    clear_word_cache()


@transaction.atomic
def delete_entry(source: str, object_id: str) -> None:
    doc = SearchDocument.objects.filter(source=source, object_id=str(object_id)).first()
    if doc is None:
        return
    words = _document_words(doc)
    old_ids = set(SearchPosting.objects.filter(doc_id=doc.id).values_list("term_id", flat=True))
    SearchPosting.objects.filter(doc_id=doc.id).delete()
    doc.delete()
    _refresh_df(old_ids)
    _prune_words(words)


def delete_source(source: str | None) -> None:
    docs = SearchDocument.objects.all() if source is None else SearchDocument.objects.filter(source=source)
    if source is None:
        SearchPosting.objects.all().delete()
        SearchWord.objects.all().delete()
        clear_word_cache()
        SearchTerm.objects.all().delete()
    else:
        ids = list(docs.values_list("id", flat=True))
        for i in range(0, len(ids), 900):
            SearchPosting.objects.filter(doc_id__in=ids[i : i + 900]).delete()
    docs.delete()


def index_bulk(entries: Iterable[IndexEntry], *, replace_source: str | None = "", progress=None) -> int:
    """Index many entries fast. replace_source: a source key (or None for everything) whose
    old entries are dropped first; "" keeps what is there (entries are then new)."""
    if replace_source != "":
        with transaction.atomic():
            delete_source(replace_source)
    avgdl = SearchDocument.objects.aggregate(a=Avg("length"))["a"]
    term_cache: dict[str, int] = {}
    words: Counter = Counter()
    total = 0
    batch: list[IndexEntry] = []

    def flush() -> None:
        nonlocal avgdl, total
        analysed = [entry_terms(e) for e in batch]
        if avgdl is None:
            avgdl = sum(length for _, length in analysed) / len(analysed)
        with transaction.atomic():
            docs = SearchDocument.objects.bulk_create(
                [
                    SearchDocument(source=e.source, object_id=str(e.object_id), **_document_values(e, length))
                    for e, (_, length) in zip(batch, analysed, strict=True)
                ]
            )
            ids = _term_ids({t for terms, _ in analysed for t in terms}, term_cache)
            rows = []
            for doc, (terms, length) in zip(docs, analysed, strict=True):
                rows.extend((doc.id, ids[t[:64]], w) for t, w in impacts(terms, length, avgdl).items())
            _insert_postings(rows)
        for e in batch:
            words.update(entry_words(e))
        total += len(batch)
        if progress:
            progress(total)
        batch.clear()

    for entry in entries:
        batch.append(entry)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    with transaction.atomic():
        _refresh_df()
        _add_words(words)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # VACUUM sets the visibility map, without which the postings index cannot be read
        # index-only (a 86k-section index was 10× slower before it).
        with connection.cursor() as cursor:
            for model in (SearchPosting, SearchDocument, SearchTerm, SearchWord):
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
    return total


def idf(df: int, n: int) -> float:
    # A document count read earlier than the term's df (cached per process, the index grew since)
    # must not turn the weight negative: a term is never rarer than in all documents.
    n = max(n, df)
    return math.log(1 + (n - df + 0.5) / (df + 0.5))
