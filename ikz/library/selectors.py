"""Reads of the library: the faceted index, and who may see or edit a checklist run."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from ikz.core.collation import collated, sort_key
from ikz.core.taxonomy import LegalForm, TaskArea

from .models import (
    ChecklistPage,
    ChecklistRun,
    LawPage,
    LibraryEntryPage,
    LiteraturePage,
    PublicRelationsPage,
    RulingPage,
    TemplatePage,
)

KINDS = {
    "gesetze": (LawPage, "Gesetze und Verordnungen"),
    "urteile": (RulingPage, "Urteile"),
    "literatur": (LiteraturePage, "Fachliteratur"),
    "checklisten": (ChecklistPage, "Checklisten"),
    "muster": (TemplatePage, "Muster und Vorlagen"),
    "oeffentlichkeitsarbeit": (PublicRelationsPage, "Öffentlichkeitsarbeit"),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    indent: bool = False


@dataclass
class LibraryFacets:
    entries: QuerySet
    kinds: list[FacetOption] = field(default_factory=list)
    task_areas: list[FacetOption] = field(default_factory=list)
    legal_forms: list[FacetOption] = field(default_factory=list)
    query_string: str = ""
    active: bool = False


def _area_ids(slug: str) -> list[int]:
    area = TaskArea.objects.filter(slug=slug).first()
    if area is None:
        return []
    return [area.pk, *area.children.values_list("pk", flat=True)]


def library_facets(*, index_page, params) -> LibraryFacets:
    """Entries below `index_page` filtered by ?art=, ?bereich=, ?rechtsform=, with counts per option."""
    kind = params.get("art") if params.get("art") in KINDS else ""
    area = params.get("bereich") or ""
    area_ids = _area_ids(area) if area else []
    form = params.get("rechtsform") if params.get("rechtsform") in LegalForm.values else ""

    base = LibraryEntryPage.objects.live().public().descendant_of(index_page)
    kind_ct = ContentType.objects.get_for_model(KINDS[kind][0]) if kind else None
    by_kind = Q(content_type=kind_ct) if kind_ct else Q()
    by_area = Q(task_areas__in=area_ids) if area else Q()
    by_form = Q(legal_forms__code=form) if form else Q()

    def counts(qs, key):
        # order_by() first: Page orders by path, which would end up in the GROUP BY
        return dict(
            qs.order_by().values_list(key).annotate(n=Count("pk", distinct=True)).values_list(key, "n")
        )

    kind_counts = counts(base.filter(by_area).filter(by_form), "content_type")
    area_counts = counts(base.filter(by_kind).filter(by_form), "task_areas")
    form_counts = counts(base.filter(by_kind).filter(by_area), "legal_forms__code")

    result = LibraryFacets(
        entries=base.filter(by_kind)
        .filter(by_area)
        .filter(by_form)
        .distinct()
        .order_by(collated("title"))
        .specific(),
        active=bool(kind or area or form),
    )
    cts = ContentType.objects.get_for_models(*(model for model, _ in KINDS.values()))
    for slug, (model, label) in KINDS.items():
        result.kinds.append(FacetOption(slug, label, kind_counts.get(cts[model].pk, 0), slug == kind))
    for task_area in TaskArea.objects.select_related("parent").order_by("parent__sort_order", "sort_order"):
        n = area_counts.get(task_area.pk, 0)
        if task_area.parent_id is None:
            n = sum(
                area_counts.get(pk, 0) for pk in [task_area.pk, *[c.pk for c in task_area.children.all()]]
            )
        result.task_areas.append(FacetOption(task_area.slug, task_area.name, n, task_area.slug == area))
    result.task_areas = _tree_order(result.task_areas)
    for value, label in LegalForm.choices:
        result.legal_forms.append(FacetOption(value, str(label), form_counts.get(value, 0), value == form))
    result.query_string = urlencode(
        {k: v for k, v in (("art", kind), ("bereich", area), ("rechtsform", form)) if v}
    )
    return result


def _tree_order(options: list[FacetOption]) -> list[FacetOption]:
    parents = {a.slug: a for a in TaskArea.objects.filter(parent__isnull=True)}
    children: dict[str, list[str]] = {}
    for child in TaskArea.objects.filter(parent__isnull=False).select_related("parent"):
        children.setdefault(child.parent.slug, []).append(child.slug)
    by_slug = {o.value: o for o in options}
    ordered: list[FacetOption] = []
    for slug in sorted(parents, key=lambda s: (parents[s].sort_order, sort_key(parents[s].name))):
        ordered.append(by_slug[slug])
        for child_slug in children.get(slug, []):
            option = by_slug[child_slug]
            option.indent = True
            ordered.append(option)
    return ordered


# --- Checklist runs ---------------------------------------------------------------------


def confirmed_municipality_ids_query(user):
    """The ids of confirmed_municipality_ids() as a subquery (a filter without its own query)."""
    from ikz.accounts.models import Membership

    return Membership.objects.confirmed().filter(user=user).values("municipality_id")


def confirmed_municipality_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    from ikz.accounts.models import Membership

    return set(Membership.objects.confirmed().filter(user=user).values_list("municipality_id", flat=True))


def run_can_edit(*, run: ChecklistRun, user) -> bool:
    """The owner always; a colleague with a confirmed membership of the Körperschaft it is shared with."""
    if not user.is_authenticated:
        return False
    if ChecklistRun.objects.filter(pk=run.pk, workshop_link__isnull=False).exists():
        return False  # a Werkstatt's run: only through the Werkstatt (ikz.workshop.plan)
    if run.owner_id == user.pk:
        return True
    return run.municipality_id is not None and run.municipality_id in confirmed_municipality_ids(user)


def runs_visible_to(*, user, checklist: ChecklistPage) -> QuerySet[ChecklistRun]:
    if not user.is_authenticated:
        return ChecklistRun.objects.none()
    municipality_ids = confirmed_municipality_ids(user)
    return (
        ChecklistRun.objects.filter(checklist=checklist, workshop_link__isnull=True)
        .filter(Q(owner=user) | Q(municipality_id__in=municipality_ids))
        .select_related("owner", "municipality")
        .order_by("-updated_at")
    )
