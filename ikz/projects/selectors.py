"""Reads of the projects app: the faceted list, project details, related content, exports."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from ikz.core.collation import collated, sort_key
from ikz.core.taxonomy import LegalForm, TaskArea
from ikz.municipalities.models import Level, Municipality, MunicipalityType, Regierungsbezirk

from .models import Phase, Project, ProjectParticipant

FACETS = ["task_area", "legal_form", "phase", "regierungsbezirk", "kreis", "municipality", "year"]
FACET_LABELS = {
    "task_area": "Aufgabenbereich",
    "legal_form": "Rechtsform",
    "phase": "Phase",
    "regierungsbezirk": "Regierungsbezirk",
    "kreis": "Kreis oder kreisfreie Stadt",
    "municipality": "Beteiligte Körperschaft",
    "year": "Beginn (Jahr)",
}
MUNICIPALITY_FACET_LIMIT = 15


@dataclass
class ProjectFacts:
    """What the facets need to know about one published project."""

    pk: int
    title: str
    text: str
    sort_date: str
    values: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    selected: str = ""

    @property
    def selected_label(self) -> str:
        return next((v.label for v in self.values if v.selected), self.selected)


def _kreis_key(m: Municipality) -> str:
    """The Kreis-level unit a participant belongs to: its Kreis, or itself if kreisfrei or a Kreis."""
    if m.level == Level.KREIS or m.type == MunicipalityType.KREISFREIE_STADT or m.kreis is None:
        return m.ags
    return m.kreis.ags


def published_facts() -> list[ProjectFacts]:
    areas = {a.pk: a for a in TaskArea.objects.all()}
    participants = ProjectParticipant.objects.select_related("municipality__kreis")
    projects = Project.objects.published().prefetch_related(
        "task_areas", Prefetch("participants", queryset=participants)
    )
    facts = []
    for p in projects:
        top = set()
        for area in p.task_areas.all():
            top.add(area.slug)
            if area.parent_id and area.parent_id in areas:
                top.add(areas[area.parent_id].slug)
        munis = [pp.municipality for pp in p.participants.all() if pp.municipality_id]
        text = " ".join([p.title, p.summary, p.situation, p.goals, p.benefits, p.lessons_learned]).lower()
        facts.append(
            ProjectFacts(
                pk=p.pk,
                title=p.title.lower(),
                text=text + " " + " ".join(m.short_name.lower() for m in munis),
                sort_date=p.start_date.isoformat() if p.start_date else "",
                values={
                    "task_area": top,
                    "legal_form": {p.legal_form},
                    "phase": {p.phase} if p.phase else set(),
                    "regierungsbezirk": {m.regierungsbezirk for m in munis},
                    "kreis": {_kreis_key(m) for m in munis},
                    "municipality": {m.ags for m in munis},
                    "year": {str(p.start_date.year)} if p.start_date else set(),
                },
            )
        )
    return facts


def _matches(fact: ProjectFacts, filters: dict[str, str], *, skip: str = "") -> bool:
    return all(value in fact.values[name] for name, value in filters.items() if name != skip and value)


def _terms(q: str) -> list[str]:
    return [t for t in re.split(r"\W+", q.lower()) if len(t) > 1]


def _score(fact: ProjectFacts, terms: list[str]) -> int:
    return sum(3 * fact.title.count(t) + fact.text.count(t) for t in terms)


def _labels(name: str, values: set[str]) -> dict[str, str]:
    if name == "task_area":
        return dict(TaskArea.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "legal_form":
        return {v: str(LegalForm(v).label) for v in values if v in LegalForm.values}
    if name == "phase":
        return {v: str(Phase(v).label) for v in values if v in Phase.values}
    if name == "regierungsbezirk":
        return {v: Regierungsbezirk(v).label for v in values if v in Regierungsbezirk.values}
    if name in ("kreis", "municipality"):
        return {m.ags: m.display_name for m in Municipality.objects.filter(ags__in=values)}
    return {v: v for v in values}


def _order(name: str, values: list[FacetValue]) -> list[FacetValue]:
    if name == "task_area":
        order = {
            slug: i for i, slug in enumerate(TaskArea.objects.top_level().values_list("slug", flat=True))
        }
        return sorted(values, key=lambda v: (order.get(v.value, 999), sort_key(v.label)))
    if name == "legal_form":
        return sorted(values, key=lambda v: LegalForm.values.index(v.value))
    if name == "phase":
        return sorted(values, key=lambda v: Phase.values.index(v.value))
    if name == "year":
        return sorted(values, key=lambda v: v.value, reverse=True)
    if name == "municipality":
        top = sorted(values, key=lambda v: (-v.count, sort_key(v.label)))[:MUNICIPALITY_FACET_LIMIT]
        top += [v for v in values if v.selected and v not in top]
        return sorted(top, key=lambda v: sort_key(v.label))
    return sorted(values, key=lambda v: sort_key(v.label))


def project_search(*, filters: dict[str, str], q: str = "", sort: str = ""):
    """(ordered project ids, facets): each facet's counts apply every other filter, not its own."""
    facts = published_facts()
    terms = _terms(q)
    if terms:
        facts = [f for f in facts if all(t in f.text for t in terms)]
    facets = []
    for name in FACETS:
        counts: Counter = Counter()
        for fact in facts:
            if _matches(fact, filters, skip=name):
                counts.update(fact.values[name])
        selected = filters.get(name, "")
        if selected:
            counts.setdefault(selected, 0)
        labels = _labels(name, set(counts))
        values = [FacetValue(v, labels.get(v, v), c, v == selected) for v, c in counts.items() if v in labels]
        facets.append(Facet(name, FACET_LABELS[name], _order(name, values), selected))
    hits = [f for f in facts if _matches(f, filters)]
    if terms and sort != "date":
        hits.sort(key=lambda f: (-_score(f, terms), sort_key(f.title)))
    elif sort == "title":
        hits.sort(key=lambda f: sort_key(f.title))
    else:
        hits.sort(key=lambda f: sort_key(f.title))
        hits.sort(key=lambda f: f.sort_date, reverse=True)
    return [f.pk for f in hits], facets


def projects_by_ids(ids: list[int]) -> list[Project]:
    projects = Project.objects.filter(pk__in=ids).prefetch_related(
        "task_areas",
        Prefetch("participants", queryset=ProjectParticipant.objects.select_related("municipality")),
    )
    by_id = {p.pk: p for p in projects}
    return [by_id[i] for i in ids if i in by_id]


def related_projects(project: Project, *, limit: int = 5) -> list[Project]:
    area_ids = {a.pk for a in project.task_areas.all()} | {
        a.parent_id for a in project.task_areas.all() if a.parent_id
    }
    if not area_ids:
        return []
    return list(
        Project.objects.published()
        .exclude(pk=project.pk)
        .filter(
            task_areas__in=TaskArea.objects.filter(pk__in=area_ids)
            | TaskArea.objects.filter(parent_id__in=area_ids)
        )
        .distinct()
        .order_by("-start_date", collated("title"))[:limit]
    )


def projects_of_user(user) -> list[Project]:
    """Projects of the person's Körperschaften and their own drafts, newest first."""
    from .permissions import member_municipality_ids

    ids = member_municipality_ids(user)
    return list(
        (
            Project.objects.filter(participants__municipality_id__in=ids)
            | Project.objects.filter(created_by=user)
        )
        .distinct()
        .order_by("-pk")
    )
