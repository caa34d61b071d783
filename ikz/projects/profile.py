"""The cooperation profile of a Körperschaft: its projects, partners, reach and task areas."""

from collections import Counter

from django.db.models import Prefetch

from ikz.core.collation import collated, sort_key
from ikz.municipalities.selectors import HEAVY_FIELDS
from ikz.municipalities.svglabels import ambiguous_names

from .maps import network, participants_map
from .models import Project, ProjectParticipant


def cooperation_profile(municipality) -> dict:
    participants = ProjectParticipant.objects.select_related("municipality").defer(
        *(f"municipality__{name}" for name in HEAVY_FIELDS)
    )
    projects = list(
        Project.objects.published()
        .filter(participants__municipality=municipality)
        .distinct()
        .prefetch_related("task_areas", Prefetch("participants", queryset=participants))
        .order_by("-start_date", collated("title"))
    )
    partner_counts: Counter = Counter()
    partner_by_ags = {}
    areas: Counter = Counter()
    for project in projects:
        for p in project.participants.all():
            if p.municipality_id and p.municipality_id != municipality.pk:
                partner_counts[p.municipality.ags] += 1
                partner_by_ags[p.municipality.ags] = p.municipality
        for area in project.task_areas.all():
            areas[area.name] += 1
    partners = [
        (partner_by_ags[ags], n)
        for ags, n in sorted(
            partner_counts.items(), key=lambda kv: (-kv[1], sort_key(partner_by_ags[kv[0]].short_name), kv[0])
        )
    ]
    reach = None
    ambiguous = ambiguous_names() if partners else set()
    if partners:
        reach = participants_map(
            highlighted=[m for m, _n in partners],
            current=municipality,
            map_id="kooperationskarte",
            title=f"Karte: wohin die Kooperationen von {municipality.display_name} reichen",
            legend_current=f"Schraffiert, dick umrandet: {municipality.display_name}",
            legend_partner="Gepunktet: Partner aus gemeinsamen Projekten",
            list_note="die Liste der Partner",
            ambiguous=ambiguous,
        )
    return {
        "municipality": municipality,
        "projects": projects,
        "partners": partners,
        "task_areas": sorted(areas.items(), key=lambda kv: (-kv[1], kv[0])),
        "network": network(centre=municipality, partners=partners, ambiguous=ambiguous) if partners else None,
        "reach_map": reach,
    }
