"""Reading the index: ranked hits, facet counts and snippets for a query."""

import time
from dataclasses import dataclass, field

from django.db import connection

from .indexing import idf
from .models import SearchDocument, SearchPosting
from .passages import best_passage, coverage
from .query import QueryPlan, plan_query

PER_TERM = 2000  # postings read per term, best impact first
CANDIDATES = 1000
CONCEPT_REST = 0.3  # further terms of one concept (parts, synonyms) add this share
CLUSTER_BOOST = 0.4
CLUSTER_TOP = 10
CLUSTER_DEPTH = 50
PASSAGE_BOOST = 0.0
PRUNE = 0.15  # terms worth less than this share of their concept's best term are not read
REFERENCE_SHARE = 0.3  # what the best hit lends to the sections of its law it cites
REFERENCE_NORM = 0.5  # … split over its citations as 1 / n ** REFERENCE_NORM
PASSAGE_DEPTH = 30
PRIORS = True  # kind and law priors (priors.py)
PORTAL_REFERENCES = True  # a portal text as best hit lends to the sections it cites
PORTAL_REFERENCE_TOP = 3  # … and so do the next portal texts among the first PORTAL_REFERENCE_DEPTH hits
PORTAL_REFERENCE_DEPTH = 10
PORTAL_REFERENCE_SHARE = 0.3  # what each of them lends (0.45: dev +0.004, tune -0.005)
# Register-like kinds: hundreds of pages built from one template (427 Körperschaften, 38 contact
# pages) share their words, so one word ("Kreis", "Aufsicht", "Viersen" for "vier") lifts dozens
# of them alike. Past the first REGISTER_KEEP of a kind, each further one counts REGISTER_DECAY.
REGISTER_KINDS = ("municipality", "contact")
REGISTER_KEEP = 2
REGISTER_DECAY = 0.5
FACETS = ("kind", "task_area", "legal_form", "law", "regierungsbezirk", "year")

_stats: dict = {"at": 0.0, "n": 0}


def document_count() -> int:
    now = time.monotonic()
    if now - _stats["at"] > 10:
        _stats["n"] = SearchDocument.objects.count()
        _stats["at"] = now
    return _stats["n"]


@dataclass
class Hit:
    doc_id: int
    score: float
    law: str = ""
    cites: str = ""  # section numbers of its law that the text cites (see links.py)
    kind: str = ""


@dataclass
class SearchResult:
    plan: QueryPlan
    hits: list[Hit]
    documents: list[SearchDocument] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    total: int = 0


def _weighted_terms(plan: QueryPlan) -> list[tuple[int, float, int]]:
    """(term id, weight × idf, concept index) for every term the plan looks up."""
    n = max(document_count(), 1)
    out = []
    for ci, concept in enumerate(plan.concepts):
        factors = {}
        for term, weight in concept.terms.items():
            term_id, df = plan.term_info[term]
            factors[term_id] = weight * idf(df, n)
        best = max(factors.values(), default=0.0)
        out.extend((t, f, ci) for t, f in factors.items() if f >= PRUNE * best)
    return out


def _filters_sql(kind: str | None, law: str | None) -> tuple[str, list]:
    sql, params = "", []
    if kind:
        sql += " AND d.kind = %s"
        params.append(kind)
    if law:
        sql += " AND d.law = %s"
        params.append(law)
    return sql, params


# Best term per concept plus a share of the others (CONCEPT_REST), then concepts summed.
_RANKED = (
    "SELECT x.doc_id, x.score, d.law, d.cites, d.kind FROM ("
    "SELECT doc_id, SUM(cw) AS score FROM ({per_concept}) v "
    "GROUP BY doc_id ORDER BY score DESC, doc_id LIMIT %s"
    ") x JOIN {document} d ON d.id = x.doc_id ORDER BY x.score DESC, x.doc_id"
)


def _concept_score(w: str) -> str:
    return f"MAX({w}) + {CONCEPT_REST:.3f} * (SUM({w}) - MAX({w}))"


def _postings_sql(term: str, kind: str | None, law: str | None) -> tuple[str, list]:
    """The best PER_TERM postings of the term `term` (a placeholder or a column)."""
    posting, document = SearchPosting._meta.db_table, SearchDocument._meta.db_table
    filters, params = _filters_sql(kind, law)
    join = f" JOIN {document} d ON d.id = p.doc_id" if filters else ""
    sql = f"SELECT p.doc_id, p.impact FROM {posting} p{join} WHERE p.term_id = {term}{filters} ORDER BY p.impact DESC LIMIT {PER_TERM}"  # noqa: S608
    return sql, params


def _score_sql(
    terms: list[tuple[int, float, int]], kind: str | None, law: str | None, candidates: int
) -> tuple[str, list]:
    """One statement that reads the best PER_TERM postings of every query term and sums them.

    Only integers, table names and %s placeholders go into the text; user input never does."""
    if connection.vendor == "postgresql":
        return _score_sql_lateral(terms, kind, law, candidates)
    inner, filter_params = _postings_sql("%s", kind, law)
    parts, params = [], []
    for i, (term_id, factor, ci) in enumerate(terms):
        parts.append(
            f"SELECT doc_id, {ci} AS c, impact * CAST(%s AS DOUBLE PRECISION) AS w FROM ({inner}) t{i}"  # noqa: S608
        )
        params.extend([factor, term_id, *filter_params])
    union = " UNION ALL ".join(parts)
    per_concept = f"SELECT doc_id, c, {_concept_score('w')} AS cw FROM ({union}) u GROUP BY doc_id, c"  # noqa: S608
    document = SearchDocument._meta.db_table
    return _RANKED.format(per_concept=per_concept, document=document), [*params, candidates]


def _score_sql_lateral(
    terms: list[tuple[int, float, int]], kind: str | None, law: str | None, candidates: int
) -> tuple[str, list]:
    """PostgreSQL: the same ranking with the terms passed as arrays and read through a LATERAL
    join. The statement text no longer grows with the query, so planning stays at a fixed,
    small cost (about 0.7 ms less per request than the UNION form over 16 terms)."""
    lateral, filter_params = _postings_sql("q.term_id", kind, law)
    terms_table = "unnest(%s::bigint[], %s::float8[], %s::int[]) AS q(term_id, f, c)"
    per_concept = f"SELECT t.doc_id, q.c, {_concept_score('t.impact * q.f')} AS cw FROM {terms_table} CROSS JOIN LATERAL ({lateral}) t GROUP BY t.doc_id, q.c"  # noqa: S608
    arrays = [[t for t, _f, _c in terms], [f for _t, f, _c in terms], [c for _t, _f, c in terms]]
    document = SearchDocument._meta.db_table
    return _RANKED.format(per_concept=per_concept, document=document), [
        *arrays,
        *filter_params,
        candidates,
    ]


def rank(
    plan: QueryPlan, *, kind: str | None = None, law: str | None = None, candidates: int = CANDIDATES
) -> list[Hit]:
    """Hits best first; `candidates` bounds how many (facets need many, the API few)."""
    terms = _weighted_terms(plan)
    if not terms:
        return []
    sql, params = _score_sql(terms, kind, law, max(candidates, CLUSTER_DEPTH))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        hits = [
            Hit(doc_id, float(score), law, cites, kind)
            for doc_id, score, law, cites, kind in cursor.fetchall()
        ]
    if PRIORS:
        hits = _prior_boost(hits)
    if REGISTER_DECAY < 1 and kind not in REGISTER_KINDS:
        hits = _register_decay(hits)
    if CLUSTER_BOOST:
        hits = _cluster_boost(hits)
    if REFERENCE_SHARE and hits and hits[0].law and hits[0].cites:
        hits = _reference_boost(hits, kind=kind)
    elif PORTAL_REFERENCES and hits and hits[0].kind != "law" and kind in (None, "", "law"):
        hits = _portal_reference_boost(hits, law=law)
    if PASSAGE_BOOST:
        hits = _passage_rerank(plan, hits)
    return hits


def _portal_reference_boost(hits: list[Hit], *, law: str | None) -> list[Hit]:
    """The sections the portal's answers among the first hits cite ("nach § 2b UStG", "§ 23 Abs. 5
    GkG NRW") gain a share of their scores, as a law's own citations do in `_reference_boost`: the
    portal's answer names the rule it rests on, which rarely repeats the user's words. The best hit
    lends first; up to PORTAL_REFERENCE_TOP portal texts among the first PORTAL_REFERENCE_DEPTH
    hits lend, so that the rule several answers agree on ("§ 108 GWB" behind the FAQ on Inhouse-
    Vergabe, on private members and on the GmbH) rises above a rule one answer mentions."""
    from .links import cited_sections
    from .priors import law_names

    lenders = [h for h in hits[:PORTAL_REFERENCE_DEPTH] if h.kind != "law"][: max(1, PORTAL_REFERENCE_TOP)]
    if not lenders or lenders[0] is not hits[0]:
        return hits
    bodies = dict(SearchDocument.objects.filter(id__in=[h.doc_id for h in lenders]).values_list("id", "body"))
    names = law_names()
    shares: dict[tuple[str, str], float] = {}
    for lender in lenders:
        cited = [(abbr, n) for abbr, n in cited_sections(bodies.get(lender.doc_id) or "", names)]
        cited = [(abbr, n) for abbr, n in cited if not law or abbr == law]
        for key in cited:
            share = PORTAL_REFERENCE_SHARE * lender.score / len(cited) ** REFERENCE_NORM
            shares[key] = shares.get(key, 0.0) + share
    if not shares:
        return hits
    document = SearchDocument._meta.db_table
    where = " OR ".join(["(law = %s AND title LIKE %s)"] * len(shares))
    params = [v for abbr, n in shares for v in (abbr, f"§ {n} %")]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, law, kind, title FROM {document} WHERE {where}", params)  # noqa: S608
        found = cursor.fetchall()
    by_id = {hit.doc_id: hit for hit in hits}
    for doc_id, doc_law, doc_kind, title in found:
        number = title.removeprefix("§ ").split(" ", 1)[0]
        share = shares.get((doc_law, number), 0.0)
        if not share:
            continue
        if doc_id in by_id:
            by_id[doc_id].score += share
        else:
            hits.append(Hit(doc_id, share, doc_law, kind=doc_kind))
    hits.sort(key=lambda h: (-h.score, h.doc_id))
    return hits


def _prior_boost(hits: list[Hit]) -> list[Hit]:
    """Each hit times the prior of its kind and law (priors.py): the portal's answers before the
    federal paragraphs that merely share the words."""
    from .priors import current_priors

    priors = current_priors()
    for hit in hits:
        hit.score *= priors.factor(hit.kind, hit.law)
    hits.sort(key=lambda h: (-h.score, h.doc_id))
    return hits


def _register_decay(hits: list[Hit]) -> list[Hit]:
    """Past the first REGISTER_KEEP hits of a register-like kind, the others of that kind lose
    weight: a list of 30 district supervision pages with equal scores tells the user nothing the
    first two do not, and pushes the FAQ or the rule behind them off the first page."""
    seen: dict[str, int] = {}
    changed = False
    for hit in hits:
        if hit.kind in REGISTER_KINDS:
            seen[hit.kind] = seen.get(hit.kind, 0) + 1
            if seen[hit.kind] > REGISTER_KEEP:
                hit.score *= REGISTER_DECAY
                changed = True
    if changed:
        hits.sort(key=lambda h: (-h.score, h.doc_id))
    return hits


def query_weights(plan: QueryPlan) -> dict[str, tuple[int, float]]:
    """term → (concept, weight × idf): what a word in a text is worth for this query."""
    n = max(document_count(), 1)
    weights: dict[str, tuple[int, float]] = {}
    for ci, concept in enumerate(plan.concepts):
        for term, weight in concept.terms.items():
            _id, df = plan.term_info[term]
            value = weight * idf(df, n)
            if value > weights.get(term, (0, 0.0))[1]:
                weights[term] = (ci, value)
    return weights


def _passage_rerank(plan: QueryPlan, hits: list[Hit]) -> list[Hit]:
    """Hits whose best paragraph (or title) covers more of the query rise: the words of a
    question usually stand together in the rule that answers it."""
    if len(plan.concepts) < 2:
        return hits
    weights = query_weights(plan)
    ideal = sum(
        max((w for c, w in weights.values() if c == ci), default=0.0) for ci in range(len(plan.concepts))
    )
    head = hits[:PASSAGE_DEPTH]
    texts = dict(SearchDocument.objects.filter(id__in=[h.doc_id for h in head]).values_list("id", "body"))
    titles = dict(SearchDocument.objects.filter(id__in=[h.doc_id for h in head]).values_list("id", "title"))
    for hit in head:
        passage = best_passage(texts.get(hit.doc_id, ""), weights).coverage
        title = coverage(titles.get(hit.doc_id, ""), weights)
        hit.score *= 1 + PASSAGE_BOOST * max(passage, title) / (ideal or 1.0)
    head.sort(key=lambda h: (-h.score, h.doc_id))
    return head + hits[PASSAGE_DEPTH:]


def _cluster_boost(hits: list[Hit]) -> list[Hit]:
    """Sections of the law that dominates the top hits gain a little: the neighbouring rule or
    the definition usually sits in the same law (cluster hypothesis)."""
    head = hits[:CLUSTER_DEPTH]
    mass: dict[str, float] = {}
    for hit in head[:CLUSTER_TOP]:
        if hit.law:
            mass[hit.law] = mass.get(hit.law, 0.0) + hit.score
    total = sum(h.score for h in head[:CLUSTER_TOP]) or 1.0
    for hit in head:
        if hit.law:
            hit.score *= 1 + CLUSTER_BOOST * mass.get(hit.law, 0.0) / total
    head.sort(key=lambda h: (-h.score, h.doc_id))
    return head + hits[CLUSTER_DEPTH:]


def _reference_boost(hits: list[Hit], *, kind: str | None) -> list[Hit]:
    """The sections the best hit cites in its own law ("im Sinne des § 99") gain a share of its
    score, split over the citations: a rule and the definition or procedure it depends on belong
    together, although the definition rarely repeats the user's words. The citations are read
    at index time (`SearchDocument.cites`)."""
    top = hits[0]
    numbers = top.cites.split()
    document = SearchDocument._meta.db_table
    titles = " OR ".join(["title LIKE %s"] * len(numbers))
    kind_sql = " AND kind = %s" if kind else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {document} WHERE law = %s AND id <> %s{kind_sql} AND ({titles})",  # noqa: S608
            [top.law, top.doc_id, *([kind] if kind else []), *(f"§ {n} %" for n in numbers)],
        )
        cited = [doc_id for (doc_id,) in cursor.fetchall()][: len(numbers)]
    share = REFERENCE_SHARE * top.score / len(numbers) ** REFERENCE_NORM
    by_id = {hit.doc_id: hit for hit in hits}
    for doc_id in cited:
        if doc_id in by_id:
            by_id[doc_id].score += share
        else:
            hits.append(Hit(doc_id, share, top.law, kind=top.kind))
    hits.sort(key=lambda h: (-h.score, h.doc_id))
    return hits


def search(text: str, *, kind: str | None = None, law: str | None = None) -> SearchResult:
    plan = plan_query(text)
    hits = rank(plan, kind=kind, law=law)
    return SearchResult(plan=plan, hits=hits, total=len(hits))


def documents_for(hits: list[Hit]) -> list[SearchDocument]:
    by_id = SearchDocument.objects.in_bulk([h.doc_id for h in hits])
    return [by_id[h.doc_id] for h in hits if h.doc_id in by_id]
