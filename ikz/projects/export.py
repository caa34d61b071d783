"""Open data: published projects as CSV and JSON, and the read-only JSON API (/api/v1/projects/)."""

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

from .models import Project, ProjectParticipant

LICENCE = {
    "name": "Datenlizenz Deutschland – Zero – Version 2.0",
    "id": "dl-de/zero-2-0",
    "url": "https://www.govdata.de/dl-de/zero-2-0",
}
API_PAGE_SIZE = 50
CSV_COLUMNS = ["id", "titel", "kurzbeschreibung", "aufgabenbereiche", "rechtsform", "phase", "beginn",
               "beteiligte_ags", "beteiligte_namen", "federfuehrend_ags", "zahl_beteiligte_laut_quelle",
               "beispiel", "stand", "quellen", "url"]  # fmt: skip


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


def _meta(count: int) -> dict:
    return {
        "licence": LICENCE,
        "publisher": "IKZ-Portal NRW",
        "generated": timezone.now().isoformat(),
        "count": count,
    }


@read_only_api
def export_json_view(request):
    projects = [project_data(p) for p in _queryset()]
    response = HttpResponse(
        json.dumps({"meta": _meta(len(projects)), "projects": projects}, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="ikz-projekte.json"'
    return response


@read_only_api
def export_csv_view(request):
    buffer = io.StringIO()
    buffer.write(f"# Lizenz: {LICENCE['name']} ({LICENCE['url']}); Quelle: IKZ-Portal NRW\n")
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for project in _queryset():
        d = project_data(project)
        parts = d["participants"]
        writer.writerow([
            d["id"], d["title"], d["summary"], "|".join(a["slug"] for a in d["task_areas"]), d["legal_form"],
            d["phase"] or "", d["start_date"] or "", "|".join(p["ags"] or "" for p in parts),
            "|".join(p["name"] for p in parts), next((p["ags"] for p in parts if p["role"] == "lead" and p["ags"]), ""),
            d["participants_count_per_source"] or "", "ja" if d["is_example"] else "nein",
            d["last_confirmed_at"] or d["source_as_of"] or "", "|".join(s["url"] for s in d["sources"]), d["url"],
        ])  # fmt: skip
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ikz-projekte.csv"'
    return response


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
