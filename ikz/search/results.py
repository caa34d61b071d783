"""What the page and the API show: filtered hits, facets, snippets (autocomplete: suggest.py)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain

from django.db import connection

from ikz.core import versioned_cache
from ikz.core.exports import plain

from .adapters import KIND_LABELS
from .models import SearchDocument
from .passages import snippet
from .query import QueryPlan, plan_query
from .registry import public_keys
from .selectors import CANDIDATES, CLUSTER_DEPTH, Hit, query_weights, rank

LIST_FACETS = ("task_area", "legal_form", "regierungsbezirk")
FACET_LABELS = {
    "kind": "Art",
    "law": "Gesetz",
    "task_area": "Aufgabenbereich",
    "legal_form": "Rechtsform",
    "regierungsbezirk": "Regierungsbezirk",
    "year": "Jahr",
}


@dataclass
class ResultItem:
    external_id: str | None
    kind: str
    title: str
    url: str
    snippet: str
    score: float
    doc_id: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_json(self) -> dict:
        """Plain text, except the snippet: escaped HTML with <mark> (as the OpenAPI document says)."""
        return {
            **plain(
                {"external_id": self.external_id, "kind": self.kind, "title": self.title, "url": self.url}
            ),
            "snippet": self.snippet,
        }


@dataclass
class ResultPage:
    query: str
    plan: QueryPlan
    total: int  # hits that count (see RELEVANT_SHARE); at least this many when `more`
    items: list[ResultItem]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # name → (value, label, n)
    more: bool = False  # the candidates ran out before the relevant hits did: "mehr als {total}"
    weaker: bool = False  # further hits below the share, left out of the list and the counts
    # "Aus dem Portal": (heading, items) of the best hits per kind, shown above the list (page 1)
    groups: list[tuple[str, list[ResultItem]]] = field(default_factory=list)
    listed: int = 0  # hits in the paged list (total minus those in the groups)

    @property
    def suggestion(self) -> str:
        return self.plan.suggestion


FacetEntry = tuple[dict[str, list[str]], tuple[tuple[str, str], ...]]  # values by facet, (facet, value) pairs


def _facet_entry(meta: tuple) -> FacetEntry:
    values = _facet_values(meta)
    return values, tuple((name, v) for name, vals in values.items() for v in vals)


def _facet_index(ids: list[int]) -> dict[int, FacetEntry]:
    """doc id → its facet values, for `ids`. Kept per content version (ikz.core.versioned_cache; the
    index changes only by writes, which renew it): each document's row and JSON are read once, by
    the first results page that has it among its ~1,000 candidates, not on every page. Shared:
    never change what it returns."""
    known: dict[int, FacetEntry] = versioned_cache.get_or_build("search:facet-values", dict)
    missing = [i for i in ids if i not in known]
    for start in range(0, len(missing), 500):
        rows = SearchDocument.objects.filter(id__in=missing[start : start + 500])
        for row in rows.values_list("id", "kind", "law", "year", "facets"):
            known[row[0]] = _facet_entry(row[1:])
    return {i: known[i] for i in ids if i in known}


def _facet_values(meta: tuple) -> dict[str, list[str]]:
    kind, law, year, facets = meta
    values = {"kind": [kind], "law": [law] if law else [], "year": [str(year)] if year else []}
    for name in LIST_FACETS:
        values[name] = [str(v) for v in (facets or {}).get(name, [])]
    return values


def _items(plan: QueryPlan, hits: list[Hit]) -> list[ResultItem]:
    # Only the shown fields, as tuples: model instances (facets JSON and all) cost more here.
    docs = {}
    if hits:
        table = SearchDocument._meta.db_table
        marks = ",".join(["%s"] * len(hits))
        with connection.cursor() as cursor:
            # Plain SQL (the ORM cost more than the query); the whole text, because cutting it
            # in SQL (SUBSTR) costs PostgreSQL more than sending it.
            cursor.execute(
                f"SELECT id, external_id, kind, title, url, body, source, object_id FROM {table} WHERE id IN ({marks})",  # noqa: S608, E501
                [h.doc_id for h in hits],
            )
            rows = cursor.fetchall()
        # Second line of defence: an entry whose object is no longer public (a missed signal, a
        # task not yet run) is never shown, whatever the index says.
        visible = public_keys((row[6], row[7]) for row in rows)
        docs = {row[0]: row[1:6] for row in rows if (row[6], row[7]) in visible}
    weights = query_weights(plan)
    items = []
    for hit in hits:
        doc = docs.get(hit.doc_id)
        if doc is not None:
            external_id, kind, title, url, body = doc
            items.append(
                ResultItem(external_id, kind, title, url, snippet(body, weights), hit.score, hit.doc_id)
            )
    return items


# A hit counts – in "N Treffer", the facets and the list – when it scores at least this share of
# the best hit. Below it are texts that share a single, often minor word or a compound's part with
# the query ("Zweck" in the residence law for "Zweckverband"): listing and counting them made "944
# Treffer" out of a few dozen answers. They stay one click away (`everything`).
RELEVANT_SHARE = 0.3


def relevant_count(hits: Sequence[Hit]) -> int:
    """How many of `hits` (best first) reach RELEVANT_SHARE of the best."""
    if not hits:
        return 0
    floor = RELEVANT_SHARE * hits[0].score
    return next((i for i, hit in enumerate(hits) if hit.score < floor), len(hits))


# The ranked and filtered hits with their facet counts of the last few faceted searches, per
# content version: a popular query (a newsletter link) is ranked over its ~1,000 candidates once,
# not on every request. Bounded by entries (each holds up to CANDIDATES hits), not by versioned_cache's
# shared cap, so a crawler's queries cannot push other values out.
RANKED_ENTRIES = 50
_ranked = versioned_cache.VersionedCache(RANKED_ENTRIES)


def search_results(
    query: str,
    *,
    filters: dict[str, str] | None = None,
    offset: int = 0,
    limit: int = 10,
    with_facets: bool = False,
    everything: bool = False,
    portal_groups: bool = False,
) -> ResultPage:
    """The hits of `query`. The page (`with_facets`) lists and counts the relevant hits only, or
    all candidates with `everything`; the API's list is the best `limit` hits either way, its
    `total` the relevant ones among those ranked."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    rest = {k: v for k, v in filters.items() if k not in ("kind", "law")}
    if not (with_facets or rest):
        plan = plan_query(query)
        hits = rank(plan, kind=filters.get("kind"), law=filters.get("law"), candidates=offset + limit)
        n = relevant_count(hits)
        ranked = max(offset + limit, CLUSTER_DEPTH)  # rank() reads at least this many
        items = _visible_items(plan, hits, offset, limit)
        return ResultPage(query, plan, n, items, {}, more=n >= ranked, weaker=n < len(hits))
    plan, hits, facets, more, weaker = _ranked_cached(query, filters, rest, with_facets, everything)
    if not (portal_groups and with_facets) or "kind" in filters or "law" in filters:
        items = _visible_items(plan, hits, offset, limit)
        return ResultPage(query, plan, len(hits), items, facets, more=more, weaker=weaker, listed=len(hits))
    grouped = _portal_groups(hits)
    shown = {hit.doc_id for _label, group in grouped for hit in group}
    rest_hits = [hit for hit in hits if hit.doc_id not in shown]
    page_hits = rest_hits[offset : offset + limit]
    # One read for the groups and the page (the groups only on the first page).
    group_hits = [] if offset else [hit for _label, group in grouped for hit in group]
    found = {item.doc_id: item for item in _items(plan, group_hits + page_hits)}
    groups = (
        []
        if offset
        else [(label, [found[h.doc_id] for h in group if h.doc_id in found]) for label, group in grouped]
    )
    items = [found[h.doc_id] for h in page_hits if h.doc_id in found]
    return ResultPage(
        query, plan, len(hits), items, facets, more=more, weaker=weaker,
        groups=[(label, group) for label, group in groups if group], listed=len(rest_hits),
    )  # fmt: skip


PORTAL_PER_KIND = 2
PORTAL_MAX = 8
LAW_GROUP = "Recht der Zusammenarbeit"  # sections of the laws the portal's own texts cite (priors.py)


def _portal_groups(hits: Sequence[Hit]) -> list[tuple[str, list[Hit]]]:
    """The best hits of each kind of the portal's own content – and of the laws it cites – as
    groups, the group with the best hit first: what the portal says about the query stands above
    the long list of paragraphs, whatever their rank."""
    from .priors import current_priors

    ikz_laws = current_priors().ikz_laws()
    groups: dict[str, list[Hit]] = {}
    count = 0
    for hit in hits:
        if count >= PORTAL_MAX:
            break
        if hit.kind == "law":
            if hit.law not in ikz_laws:
                continue
            label = LAW_GROUP
        else:
            label = KIND_LABELS.get(hit.kind, hit.kind)
        group = groups.setdefault(label, [])
        if len(group) < PORTAL_PER_KIND:
            group.append(hit)
            count += 1
    if not any(label != LAW_GROUP for label in groups):
        return []  # only paragraphs: the plain list says it all
    return list(groups.items())


def _ranked_cached(
    query: str, filters: dict[str, str], rest: dict[str, str], with_facets: bool, everything: bool
) -> tuple:
    """`_ranked_with_facets`, kept per content version for the last RANKED_ENTRIES searches."""
    key = (query, tuple(sorted(filters.items())), with_facets, everything)
    return _ranked.get_or_build(
        key, lambda: _ranked_with_facets(query, filters, rest, with_facets, everything)
    )


def _ranked_with_facets(
    query: str, filters: dict[str, str], rest: dict[str, str], with_facets: bool, everything: bool
) -> tuple:
    """(plan, hits, facets, more, weaker) of a faceted or filtered search: all CANDIDATES ranked,
    filtered by the facet filters in `rest`, cut to the relevant ones unless `everything`, counted
    for the facets. Shared: never change what it returns."""
    plan = plan_query(query)
    facets: dict[str, list[tuple[str, str, int]]] = {}
    ranked = rank(plan, kind=filters.get("kind"), law=filters.get("law"), candidates=CANDIDATES)
    entries = _facet_index([h.doc_id for h in ranked])
    hits = [
        h
        for h in ranked
        if h.doc_id in entries and all(v in entries[h.doc_id][0][k] for k, v in rest.items())
    ]
    n = len(hits) if everything else relevant_count(hits)
    weaker = n < len(hits)
    more = n == len(hits) and len(ranked) >= CANDIDATES  # the candidates ended before the hits did
    hits = hits[:n]
    if with_facets:
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_LABELS}
        pairs = Counter(chain.from_iterable(entries[hit.doc_id][1] for hit in hits))
        for (name, v), count in pairs.items():
            counts[name][v] = count
        for name, found in counts.items():
            ordered = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
            if name == "year":
                ordered = sorted(found.items(), reverse=True)
            label = KIND_LABELS.get if name == "kind" else (lambda v, d=None: v)
            facets[name] = [(v, label(v, v), count) for v, count in ordered[:30]]
    return plan, tuple(hits), facets, more, weaker


def _visible_items(plan: QueryPlan, hits: Sequence[Hit], offset: int, limit: int) -> list[ResultItem]:
    """The page of results; hits dropped as not public are made up from the following ones."""
    items: list[ResultItem] = []
    start = offset
    while len(items) < limit and start < len(hits):
        chunk = hits[start : start + limit - len(items)]
        items.extend(_items(plan, chunk))
        start += len(chunk)
    return items
