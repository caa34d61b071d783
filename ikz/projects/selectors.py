"""Reads of the projects app: the faceted list, project details, related content, exports."""

import hashlib
import re
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, Func, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import ExtractYear
from django.template.loader import render_to_string

from ikz.core import versioned_cache
from ikz.core.collation import collated, sort_key
from ikz.core.params import parse_int
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


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""  # set by the view (dataclasses.replace): search results are shared


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    selected: str = ""
    remove_url: str = ""

    @property
    def selected_label(self) -> str:
        return next((v.label for v in self.values if v.selected), self.selected)


# --- What the list searches, orders and labels with, built once per content version -------------


@dataclass(frozen=True)
class ProjectText:
    """What the free-text search and the order of the list need to know about a published project."""

    title: str  # lower case
    text: str  # title, texts and the participants' names, lower case
    sort_date: str  # ISO date of the start, "" if unknown


def _text_index_build() -> dict[int, ProjectText]:
    names: dict[int, list[str]] = {}
    rows = ProjectParticipant.objects.filter(project__live=True, municipality__isnull=False)
    for project_id, short_name in rows.order_by("project_id", "sort_order", "pk").values_list(
        "project_id", "municipality__short_name"
    ):
        names.setdefault(project_id, []).append(short_name.lower())
    index = {}
    fields = ("pk", "title", "summary", "situation", "goals", "benefits", "lessons_learned", "start_date")
    for pk, title, *texts, start in Project.objects.published().order_by().values_list(*fields):
        text = " ".join([title, *texts]).lower()
        index[pk] = ProjectText(
            title=title.lower(),
            text=text + " " + " ".join(names.get(pk, [])),
            sort_date=start.isoformat() if start else "",
        )
    return index


def text_index() -> dict[int, ProjectText]:
    """pk → ProjectText of every published project (cached per content version: do not change it)."""
    return versioned_cache.get_or_build("projects:text-index", _text_index_build)


@dataclass(frozen=True)
class Labels:
    task_areas: dict[str, str]  # slug → name
    top_level_order: dict[str, int]  # slug of a top-level area → its position
    municipalities: dict[str, str]  # AGS → display name


def _labels_build() -> Labels:
    areas = dict(TaskArea.objects.values_list("slug", "name"))
    order = {slug: i for i, slug in enumerate(TaskArea.objects.top_level().values_list("slug", flat=True))}
    munis = {m.ags: m.display_name for m in Municipality.objects.order_by().only("ags", "short_name", "type")}
    return Labels(areas, order, munis)


def labels() -> Labels:
    """Names of the facet values kept in the database (cached per content version)."""
    return versioned_cache.get_or_build("projects:facet-labels", _labels_build)


# --- Filters and facet counts in SQL -------------------------------------------------------------

_TaskAreaLink = Project.task_areas.through


def _kreis_key() -> Case:
    """A participant's Kreis-level unit: its Körperschaft's Kreis, or itself if kreisfrei or a Kreis."""
    itself = (
        Q(municipality__level=Level.KREIS)
        | Q(municipality__type=MunicipalityType.KREISFREIE_STADT)
        | Q(municipality__kreis__isnull=True)
    )
    return Case(When(itself, then=F("municipality__ags")), default=F("municipality__kreis__ags"))


def _participants():
    return ProjectParticipant.objects.filter(municipality__isnull=False)


def _year(value: str) -> int | None:
    year = parse_int(value)
    return year if year is not None and str(year) == value and 1 <= year <= 9999 else None


def _condition(name: str, value: str) -> Q:
    """Projects with `value` in facet `name` (a task area counts for itself and for its parent)."""
    if name == "task_area":
        links = _TaskAreaLink.objects.filter(Q(taskarea__slug=value) | Q(taskarea__parent__slug=value))
        return Q(pk__in=links.values("project_id"))
    if name == "legal_form":
        return Q(legal_form=value)
    if name == "phase":
        return Q(phase=value)
    if name == "regierungsbezirk":
        return Q(pk__in=_participants().filter(municipality__regierungsbezirk=value).values("project_id"))
    if name == "kreis":
        rows = _participants().annotate(kreis_key=_kreis_key()).filter(kreis_key=value)
        return Q(pk__in=rows.values("project_id"))
    if name == "municipality":
        return Q(pk__in=_participants().filter(municipality__ags=value).values("project_id"))
    if name == "year":
        year = _year(value)
        return Q(start_date__year=year) if year else Q(pk__in=[])
    raise ValueError(name)


def _matching(filters: dict[str, str], ids: list[int] | None, *, skip: str = ""):
    """Published projects under every filter but `skip`, among `ids` (None: all)."""
    projects = Project.objects.published().order_by()
    if ids is not None:
        projects = projects.filter(pk__in=ids)
    for name, value in filters.items():
        if value and name != skip:
            projects = projects.filter(_condition(name, value))
    return projects


def _counts(name: str, projects) -> dict[str, int]:
    """Projects per value of facet `name` among `projects`, in one query: a GROUP BY, or for the task
    areas a counting subquery per area (a project counts once for its area and once for the
    area's parent, however many of the parent's areas it has)."""
    if name == "task_area":
        links = _TaskAreaLink.objects.filter(project_id=OuterRef("pk")).filter(
            Q(taskarea_id=OuterRef(OuterRef("pk"))) | Q(taskarea__parent_id=OuterRef(OuterRef("pk")))
        )
        count = projects.filter(Exists(links)).annotate(n=Func(F("pk"), function="COUNT")).values("n")
        rows = TaskArea.objects.order_by().annotate(n=Subquery(count)).filter(n__gt=0)
        return dict(rows.values_list("slug", "n"))
    if name in ("legal_form", "phase"):
        return dict(projects.exclude(**{name: ""}).values_list(name).annotate(n=Count("pk")))
    if name == "year":
        rows = projects.filter(start_date__isnull=False).values_list(ExtractYear("start_date"))
        return {str(year): n for year, n in rows.annotate(n=Count("pk"))}
    if name == "kreis":
        value = _kreis_key()
    else:
        value = F("municipality__regierungsbezirk" if name == "regierungsbezirk" else "municipality__ags")
    rows = _participants().filter(project__in=projects).annotate(value=value).order_by()
    return dict(rows.values_list("value").annotate(n=Count("project_id", distinct=True)))


def _labels(name: str, values: set[str], known: Labels) -> dict[str, str]:
    if name == "task_area":
        names = known.task_areas
        return {v: names[v] for v in values if v in names}
    if name == "legal_form":
        return {v: str(LegalForm(v).label) for v in values if v in LegalForm.values}
    if name == "phase":
        return {v: str(Phase(v).label) for v in values if v in Phase.values}
    if name == "regierungsbezirk":
        return {v: Regierungsbezirk(v).label for v in values if v in Regierungsbezirk.values}
    if name in ("kreis", "municipality"):
        names = known.municipalities
        return {v: names[v] for v in values if v in names}
    return {v: v for v in values}


def _order(name: str, values: list[FacetValue], known: Labels) -> list[FacetValue]:
    if name == "task_area":
        order = known.top_level_order
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


def _terms(q: str) -> list[str]:
    return [t for t in re.split(r"\W+", q.lower()) if len(t) > 1]


def _score(fact: ProjectText, terms: list[str]) -> int:
    return sum(3 * fact.title.count(t) + fact.text.count(t) for t in terms)


def project_search(*, filters: dict[str, str], q: str = "", sort: str = ""):
    """(ordered project ids, facets): each facet's counts apply every other filter, not its own.

    Filters and counts are SQL (one query per facet). The free text matches lower-case substrings
    of the title, the texts and the participants' names, looked up in the text index kept per
    content version, which also gives the order. Each result is kept per content version (the same
    few filters are asked for again and again): the ids a tuple, the facets frozen."""
    active = sorted((name, value) for name, value in filters.items() if value)
    key = "projects:search:" + hashlib.sha256(repr((active, _terms(q), sort)).encode()).hexdigest()
    return versioned_cache.get_or_build(key, lambda: _project_search(dict(active), q, sort))


def _project_search(filters: dict[str, str], q: str, sort: str) -> tuple[tuple[int, ...], tuple[Facet, ...]]:
    terms = _terms(q)
    index = text_index()
    ids = [pk for pk, fact in index.items() if all(t in fact.text for t in terms)] if terms else None
    known = labels()
    facets = []
    for name in FACETS:
        counts = _counts(name, _matching(filters, ids, skip=name))
        selected = filters.get(name, "")
        if selected:
            counts.setdefault(selected, 0)
        names = _labels(name, set(counts), known)
        values = [FacetValue(v, names[v], c, v == selected) for v, c in counts.items() if v in names]
        facets.append(Facet(name, FACET_LABELS[name], tuple(_order(name, values, known)), selected))
    rows = _matching(filters, ids).order_by("pk").values_list("pk", flat=True)
    hits = [(pk, index[pk]) for pk in rows if pk in index]
    if terms and sort != "date":
        hits.sort(key=lambda hit: (-_score(hit[1], terms), sort_key(hit[1].title)))
    elif sort == "title":
        hits.sort(key=lambda hit: sort_key(hit[1].title))
    else:
        hits.sort(key=lambda hit: sort_key(hit[1].title))
        hits.sort(key=lambda hit: hit[1].sort_date, reverse=True)
    return tuple(pk for pk, _fact in hits), tuple(facets)


# The register's geometry: large, and never shown beside a project's name.
GEOMETRY = (
    "municipality__boundary",
    "municipality__map_path",
    "municipality__map_bbox",
    "municipality__search_text",
)


def projects_by_ids(ids: list[int]) -> list[Project]:
    """The projects of `ids`, in that order, with their participants."""
    participants = ProjectParticipant.objects.select_related("municipality").defer(*GEOMETRY)
    projects = (
        Project.objects.filter(pk__in=ids)
        .order_by()
        .prefetch_related(Prefetch("participants", queryset=participants))
    )
    by_id = {p.pk: p for p in projects}
    return [by_id[i] for i in ids if i in by_id]


@dataclass(frozen=True)
class ProjectCard:
    """A project as the list shows it: its card drawn once per content version."""

    pk: int
    title: str
    html: str


def project_cards(ids: list[int]) -> list[ProjectCard]:
    """The cards of one page of the list, in the order of `ids`; those not drawn since the last
    change are drawn together (one query for the projects, one for their participants)."""

    pk_of = {f"projects:card:{pk}": pk for pk in ids}

    def build(keys: list[str]) -> dict[str, ProjectCard]:
        projects = projects_by_ids([pk_of[k] for k in keys])
        return {
            f"projects:card:{p.pk}": ProjectCard(
                p.pk, p.title, render_to_string("projects/includes/project_card.html", {"project": p})
            )
            for p in projects
        }

    cards = versioned_cache.get_or_build_many(list(pk_of), build)
    return [cards[key] for key in pk_of if key in cards]


def related_projects(project: Project, *, limit: int = 5) -> tuple[Project, ...]:
    """Published projects sharing a task area (or its parent area) with `project`, newest first;
    the same for every visitor, so kept per content version."""
    return versioned_cache.get_or_build(
        f"projects:related:{project.pk}:{limit}", lambda: tuple(_related_projects(project, limit))
    )


def _related_projects(project: Project, limit: int) -> list[Project]:
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
