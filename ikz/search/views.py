"""The results page /suche/, autocomplete suggestions and the JSON API /api/v1/search."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ikz.api.http import read_only_api
from ikz.core.params import int_param, parse_int

from .adapters import KIND_LABELS
from .openapi import MAX_LIMIT as API_MAX_LIMIT
from .openapi import openapi_document
from .query import MAX_QUERY_CHARS
from .results import FACET_LABELS, search_results
from .suggest import suggestions

PAGE_SIZE = 10
MAX_PAGES = 50
FILTERS = ("kind", "law", "task_area", "legal_form", "regierungsbezirk", "year")


def _filters(request: HttpRequest) -> dict[str, str]:
    return {
        name: request.GET.get(name, "").strip()[:200] for name in FILTERS if request.GET.get(name, "").strip()
    }


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS].strip()
    filters = _filters(request)
    number = int_param(request, "seite", 1, minimum=1, maximum=MAX_PAGES)
    # `search_query` fills the search boxes; only this view sets it (other views have their own `query`).
    context = {"query": query, "search_query": query, "filters": filters, "facet_labels": FACET_LABELS}
    if query:
        everything = request.GET.get("alle") == "1"
        result = search_results(
            query,
            filters=filters,
            offset=(number - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
            with_facets=True,
            everything=everything,
            portal_groups=True,
        )
        paginator = Paginator(range(min(result.listed, PAGE_SIZE * MAX_PAGES)), PAGE_SIZE)
        params = request.GET.copy()
        params.pop("seite", None)
        weaker = params.copy()
        weaker["alle"] = "1"
        context.update(
            result=result,
            everything=everything,
            weaker_url="?" + weaker.urlencode(),
            page_obj=paginator.get_page(number),
            base_query=params.urlencode(),
            facet_groups=[
                {
                    "name": name,
                    "label": FACET_LABELS[name],
                    "values": [
                        {"value": v, "label": label, "count": n, "active": filters.get(name) == v}
                        for v, label, n in result.facets.get(name, [])
                    ],
                }
                for name in FILTERS
                if result.facets.get(name)
            ],
            active_filters=[
                {"name": k, "label": FACET_LABELS[k], "value": KIND_LABELS.get(v, v) if k == "kind" else v}
                for k, v in filters.items()
            ],
        )
    return render(request, "search/search_page.html", context)


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "")[:200]
    return JsonResponse({"query": query, "suggestions": suggestions(query)})


def _error(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


@read_only_api
def api_search(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q")
    if query is None or not query.strip():
        return _error("Der Parameter „q“ (Suchtext) fehlt oder ist leer.")
    kind = request.GET.get("kind", "").strip()
    if kind and kind not in KIND_LABELS:
        return _error(f"Unbekannte Art „{kind[:40]}“. Erlaubt: {', '.join(KIND_LABELS)}.")
    limit = parse_int(request.GET.get("limit", "10"))
    if limit is None:
        return _error("Der Parameter „limit“ muss eine ganze Zahl sein.")
    if not 1 <= limit <= API_MAX_LIMIT:
        return _error(f"Der Parameter „limit“ muss zwischen 1 und {API_MAX_LIMIT} liegen.")
    query = query[:MAX_QUERY_CHARS]
    result = search_results(query, filters={"kind": kind}, limit=limit)
    body = {
        "query": query,
        "count": len(result.items),
        "total": result.total,
        "total_is_lower_bound": result.more,
        "results": [item.as_json() for item in result.items],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@read_only_api
def api_openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
