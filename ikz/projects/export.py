"""Open data: published projects as CSV and JSON, and the read-only JSON API (/api/v1/projects/).

The exports take the filters and the search term of the list at /projekte/ (the same query
parameters) and hold exactly the projects the list shows, in its order, across all its pages.
Both speak one vocabulary – the English snake_case keys of `project_data`; the CSV flattens the
lists (`CSV_COLUMNS`). The licence travels outside the data: in the JSON's `meta`, and for both
as an HTTP `Link: <…>; rel="license"` header, so the CSV's first line is its header.
"""

import io
import json

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from ikz.accounts.emails import absolute_url
from ikz.api.http import read_only_api
from ikz.core.exports import csv_writer, plain
from ikz.core.params import parse_int

from . import selectors
from .models import Project, ProjectParticipant

LICENCE = {
    "name": "Datenlizenz Deutschland – Zero – Version 2.0",
    "id": "dl-de/zero-2-0",
    "url": "https://www.govdata.de/dl-de/zero-2-0",
}
API_PAGE_SIZE = 50
# The JSON keys of `project_data`, lists joined with "|": participant_ags and participant_names
# run in the same order; lead_ags is the lead participant's AGS; as_of is the date the project was
# last confirmed as current (or the date of its source).
CSV_COLUMNS = ["id", "title", "summary", "task_areas", "legal_form", "phase", "start_date",
               "participant_ags", "participant_names", "lead_ags", "participants_count_per_source",
               "is_example", "as_of", "sources", "url"]  # fmt: skip


def _queryset():
    participants = ProjectParticipant.objects.select_related("municipality")
    return (
        Project.objects.published()
        .prefetch_related("task_areas", "sources", Prefetch("participants", queryset=participants))
        .order_by("pk")
    )


def project_data(project: Project) -> dict:
    """A project for open data: no contact details, an AGS for every participant in the register,
    text without markup (the one serialisation of a project for the API and both exports)."""
    return plain(
        {
            "id": project.pk,
            "title": project.title,
            "summary": project.summary,
            "situation": project.situation,
            "goals": project.goals,
            "benefits": project.benefits,
            "savings_eur": float(project.savings_eur) if project.savings_eur is not None else None,
            "savings_percent": float(project.savings_percent)
            if project.savings_percent is not None
            else None,
            "task_areas": [{"slug": a.slug, "name": a.name} for a in project.task_areas.all()],
            "legal_form": project.legal_form,
            "legal_form_label": project.get_legal_form_display(),
            "phase": project.phase or None,
            "start_date": project.start_date.isoformat() if project.start_date else None,
            "start_precision": project.start_precision,
            "participants": [
                {"ags": p.ags or None, "name": p.display_name, "role": p.role}
                for p in project.participants.all()
            ],
            "participants_count_per_source": project.participants_count,
            "is_example": project.is_example,
            "last_confirmed_at": project.last_confirmed_at.isoformat() if project.last_confirmed_at else None,
            "source_as_of": project.source_as_of or None,
            "sources": [{"url": s.url, "supports": s.supports} for s in project.sources.all()],
            "url": absolute_url(project.get_absolute_url()),
        }
    )


def list_query(request) -> dict[str, str]:
    """The list's filters and search term from a request, as /projekte/ reads them."""
    query = {name: request.GET.get(name, "").strip() for name in selectors.FACETS}
    query["q"] = request.GET.get("q", "").strip()[:200]
    query["sort"] = request.GET.get("sort", "")
    return {k: v for k, v in query.items() if v}


def _listed(query: dict[str, str]) -> list[Project]:
    """Exactly the projects /projekte/ shows for `query`, in its order (all pages)."""
    filters = {k: v for k, v in query.items() if k in selectors.FACETS}
    ids, _facets = selectors.project_search(filters=filters, q=query.get("q", ""), sort=query.get("sort", ""))
    by_id = {p.pk: p for p in _queryset().filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def _meta(count: int, query: dict[str, str]) -> dict:
    return {
        "licence": LICENCE,
        "publisher": "IKZ-Portal NRW",
        "generated": timezone.now().isoformat(),
        "filters": query,
        "count": count,
    }


def _file_response(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"; title="{LICENCE["id"]}"'
    return response


@read_only_api
def export_json_view(request):
    query = list_query(request)
    projects = [project_data(p) for p in _listed(query)]
    body = json.dumps(
        {"meta": _meta(len(projects), query), "projects": projects}, ensure_ascii=False, indent=1
    )
    return _file_response(body, "application/json; charset=utf-8", "ikz-projekte.json")


@read_only_api
def export_csv_view(request):
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for project in _listed(list_query(request)):
        d = project_data(project)
        parts = d["participants"]
        writer.writerow([
            d["id"], d["title"], d["summary"], "|".join(a["slug"] for a in d["task_areas"]), d["legal_form"],
            d["phase"] or "", d["start_date"] or "", "|".join(p["ags"] or "" for p in parts),
            "|".join(p["name"] for p in parts), next((p["ags"] for p in parts if p["role"] == "lead" and p["ags"]), ""),
            d["participants_count_per_source"] or "", "true" if d["is_example"] else "false",
            d["last_confirmed_at"] or d["source_as_of"] or "", "|".join(s["url"] for s in d["sources"]), d["url"],
        ])  # fmt: skip
    # The BOM tells spreadsheet programs the encoding; csv.DictReader skips it with utf-8-sig.
    return _file_response("\ufeff" + buffer.getvalue(), "text/csv; charset=utf-8", "ikz-projekte.csv")


@read_only_api
def api_list_view(request):
    paginator = Paginator(_queryset(), API_PAGE_SIZE)
    number = parse_int(request.GET.get("page", "1"), 0)
    if number < 1 or number > paginator.num_pages:
        return JsonResponse({"detail": "Diese Seite gibt es nicht."}, status=404)
    page = paginator.page(number)
    base = absolute_url(request.path)
    return JsonResponse(
        {
            "count": paginator.count,
            "next": f"{base}?page={number + 1}" if page.has_next() else None,
            "previous": f"{base}?page={number - 1}" if page.has_previous() else None,
            "licence": LICENCE,
            "results": [project_data(p) for p in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@read_only_api
def api_detail_view(request, pk: int):
    project = _queryset().filter(pk=pk).first()
    if project is None:
        return JsonResponse(
            {"detail": "Dieses Projekt gibt es nicht oder es ist nicht veröffentlicht."}, status=404
        )
    return JsonResponse(
        {**project_data(project), "licence": LICENCE}, json_dumps_params={"ensure_ascii": False}
    )
