"""The partner finder: ranked suggestions, each with the reasons it was suggested.

Order of the criteria (weights fall in this order): a shared border, similar size and
structure, existing cooperation in the task area, an open partner request in it. Only units
of the same level are compared (Gemeinden with Gemeinden, Kreise with Kreis-level units), and
only within reach (centres at most REACH_KM apart) unless they cooperate or search already.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Q

from ikz.core.collation import sort_key
from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Level, Municipality

from .models import PartnerRequest, Project

REACH_KM = 30
W_NEIGHBOUR = 100
W_SECOND_RING = 25
W_SIZE = 40  # times the population ratio (smaller / larger)
W_TYPE = 10
W_COOPERATING = 20
W_REQUEST = 15


@dataclass
class Suggestion:
    municipality: Municipality
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    requests: list[PartnerRequest] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)


def _distance_km(a: Municipality, b: Municipality) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    dx = (a.lon - b.lon) * 111.3 * math.cos(math.radians((a.lat + b.lat) / 2))
    dy = (a.lat - b.lat) * 111.3
    return math.hypot(dx, dy)


def _area_ids(task_area: TaskArea) -> set[int]:
    ids = {task_area.pk} | set(task_area.children.values_list("pk", flat=True))
    if task_area.parent_id:
        ids.add(task_area.parent_id)
    return ids


def _same_level(municipality: Municipality):
    if municipality.is_kreis_level:
        return Municipality.objects.kreis_level()
    return Municipality.objects.gemeinden()


def partner_suggestions(
    *, municipality: Municipality, task_area: TaskArea, limit: int = 10
) -> list[Suggestion]:
    level = Level.KREIS if municipality.level == Level.KREIS else Level.GEMEINDE
    neighbours = {
        n.pk: n.neighbour_links.count() for n in Municipality.objects.neighbours_of(municipality, level=level)
    }
    second_ring = set(
        Municipality.objects.filter(neighbour_of__municipality_id__in=neighbours, neighbour_of__level=level)
        .exclude(pk=municipality.pk)
        .values_list("pk", flat=True)
    )
    area_ids = _area_ids(task_area)
    cooperating: dict[int, list[Project]] = {}
    for project in (
        Project.objects.published()
        .filter(task_areas__in=area_ids)
        .distinct()
        .prefetch_related("participants")
    ):
        for p in project.participants.all():
            if p.municipality_id:
                cooperating.setdefault(p.municipality_id, []).append(project)
    requests: dict[int, list[PartnerRequest]] = {}
    for request in PartnerRequest.objects.filter(closed_at__isnull=True, task_area_id__in=area_ids):
        requests.setdefault(request.municipality_id, []).append(request)

    candidates = _same_level(municipality).exclude(pk=municipality.pk).select_related("kreis")
    results = []
    for other in candidates:
        distance = _distance_km(municipality, other)
        near = (
            other.pk in neighbours
            or other.pk in second_ring
            or (distance is not None and distance <= REACH_KM)
        )
        if not (near or other.pk in cooperating or other.pk in requests):
            continue
        s = Suggestion(other)
        if other.pk in neighbours:
            s.score += W_NEIGHBOUR
            s.reasons.append("Nachbar mit gemeinsamer Grenze")
        elif other.pk in second_ring:
            s.score += W_SECOND_RING
            s.reasons.append("Nachbar eines Nachbarn")
        if municipality.population and other.population:
            ratio = min(municipality.population, other.population) / max(
                municipality.population, other.population
            )
            s.score += W_SIZE * ratio
            if ratio >= 0.5:
                s.reasons.append(f"ähnliche Größe ({other.population:,} Einwohner)".replace(",", "."))
        if other.type == municipality.type:
            s.score += W_TYPE
            s.reasons.append(f"gleiche Art ({other.get_type_display()})")
        if other.pk in cooperating:
            s.score += W_COOPERATING
            s.projects = cooperating[other.pk]
            s.reasons.append(f"kooperiert bereits im Bereich {task_area.name}")
        if other.pk in requests:
            s.score += W_REQUEST
            s.requests = requests[other.pk]
            s.reasons.append(f"sucht selbst Partner im Bereich {task_area.name}")
        if distance is not None:
            s.score += max(0.0, 5 * (1 - distance / REACH_KM))
        results.append(s)
    results.sort(key=lambda s: (-s.score, sort_key(s.municipality.short_name)))
    return results[:limit]


def open_requests(*, task_area: TaskArea | None = None, exclude_municipality=None):
    qs = PartnerRequest.objects.filter(closed_at__isnull=True).select_related("municipality", "task_area")
    if task_area is not None:
        qs = qs.filter(Q(task_area_id__in=_area_ids(task_area)))
    if exclude_municipality is not None:
        qs = qs.exclude(municipality=exclude_municipality)
    return qs
