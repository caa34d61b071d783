"""Reads of the Ansprechpartner: the filtered directory and the contacts competent for a group of
Körperschaften (used by the Kooperationsassistent and the Förderprogramme)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ikz.core import versioned_cache
from ikz.municipalities.models import Municipality

from .models import KIND_ORDER, Contact, ContactKind

# The Kreis's geometry (large JSON, decoded per row) is never shown beside a contact.
KREIS_GEOMETRY = ("kreis__boundary", "kreis__map_path", "kreis__map_bbox", "kreis__search_text")


def published_contacts() -> QuerySet[Contact]:
    return (
        Contact.objects.published()
        .select_related("kreis")
        .defer(*KREIS_GEOMETRY)
        .prefetch_related("task_areas")
    )


@dataclass
class Directory:
    groups: list[tuple[str, list[Contact]]]  # (kind label, contacts), in KIND_ORDER
    count: int


def contacts_filter(
    *, task_area=None, regierungsbezirk: str = "", kreis: Municipality | None = None, kind: str = ""
) -> Directory:
    """The directory for the filters. A topic keeps contacts without topics (they help with all);
    a region keeps contacts without region (the Redaktion, experts for all of NRW); a Kreis keeps
    its Regierungsbezirk's contacts."""
    contacts = published_contacts()
    if kind:
        contacts = contacts.filter(kind=kind)
    if task_area is not None:
        areas = [task_area.pk, *([task_area.parent_id] if task_area.parent_id else [])]
        areas += list(task_area.children.values_list("pk", flat=True))
        contacts = contacts.filter(Q(task_areas__in=areas) | Q(task_areas__isnull=True)).distinct()
    if kreis is not None:
        regierungsbezirk = kreis.regierungsbezirk
        contacts = contacts.filter(Q(kreis=kreis) | Q(kreis__isnull=True))
    if regierungsbezirk:
        contacts = contacts.filter(Q(regierungsbezirk=regierungsbezirk) | Q(regierungsbezirk=""))
    listed = list(contacts)
    labels = dict(ContactKind.choices)
    groups = [(str(labels[k]), [c for c in listed if c.kind == k]) for k in KIND_ORDER]
    return Directory([(label, items) for label, items in groups if items], len(listed))


@dataclass
class CompetentContact:
    contact: Contact
    reasons: list[str] = field(default_factory=list)


def _supervision_authority(partners: list[Municipality]) -> tuple[str, Municipality | str] | None:
    """Which authority supervises a Zweckverband or gemeinsames Kommunalunternehmen of `partners`
    (§ 29 Abs. 1 GkG NRW) – decided by the Kooperationsassistent's own rule (ikz.assistant.checks.
    supervision), read back from the rule it chose: ("bezirksregierung", Regierungsbezirk) or
    ("kreis", the Kreis at the seat)."""
    from ikz.assistant.checks import Answers, RuleBook, RuleMissing, supervision

    try:
        rules = versioned_cache.get_or_build("contacts:assistant-rules", RuleBook)
        found = supervision(Answers(partners=partners), rules)
    except RuleMissing:
        return None
    if found is None:
        return None
    lead = partners[0]
    if found.rule.key == "aufsicht-landrat" and lead.kreis_id:
        return ("kreis", lead.kreis)
    return ("bezirksregierung", lead.regierungsbezirk)


# Keyed by the partners' ids: one entry per combination asked for, so a cache of its own (bounded)
# that cannot push the shared values out.
_competent = versioned_cache.VersionedCache(max_entries=500)


def competent_contacts(municipalities) -> list[CompetentContact]:
    """See _competent_contacts; kept per content version and group of Körperschaften (issue 12).
    The result is shared: read it, do not change it."""
    partners = [m for m in municipalities if m is not None]
    key = tuple(m.pk for m in partners)
    return _competent.get_or_build(key, lambda: _competent_contacts(partners))


def _competent_contacts(municipalities) -> list[CompetentContact]:
    """The published contacts competent for a cooperation of `municipalities` (the lead first,
    as in the assistant): the supervising authority for a Zweckverband or gemeinsames
    Kommunalunternehmen, the Bezirksregierung of the lead as Bewilligungsbehörde of the
    Förderrichtlinie IKZ NRW, and the Kommunalaufsicht of each Kreis involved. Each contact once,
    with every reason it is competent for; the Redaktion last. Empty without a Körperschaft."""
    partners = [m for m in municipalities if m is not None]
    if not partners:
        return []
    lead = partners[0]
    wanted: list[tuple[Q, str]] = []
    authority = _supervision_authority(partners)
    if authority is not None:
        level, where = authority
        reason = (
            "Aufsichtsbehörde für Zweckverband oder gemeinsames Kommunalunternehmen (§ 29 Abs. 1 GkG NRW)"
        )
        if level == "kreis":
            wanted.append((Q(kind=ContactKind.KOMMUNALAUFSICHT, kreis=where), reason))
        else:
            wanted.append((Q(kind=ContactKind.BEZIRKSREGIERUNG, regierungsbezirk=where), reason))
    wanted.append(
        (
            Q(kind=ContactKind.BEZIRKSREGIERUNG, regierungsbezirk=lead.regierungsbezirk),
            "Bewilligungsbehörde der Förderrichtlinie IKZ NRW (die zuständige Bezirksregierung)",
        )
    )
    kreise = []
    for m in partners:
        kreis = m if m.level == "kreis" else (m.kreis if m.kreis_id else None)
        if kreis is not None and kreis not in kreise:
            kreise.append(kreis)
    for kreis in kreise:
        wanted.append(
            (
                Q(kind=ContactKind.KOMMUNALAUFSICHT, kreis=kreis),
                f"Kommunalaufsicht für die Gemeinden im {kreis.display_name}",
            )
        )
    wanted.append((Q(kind=ContactKind.REDAKTION), "Fragen zum Portal und zu Beispielen aus der Praxis"))

    query = Q()
    for condition, _reason in wanted:
        query |= condition
    found = list(published_contacts().filter(query))
    result: dict[int, CompetentContact] = {}
    for condition, reason in wanted:
        for contact in found:
            if _matches(contact, condition):
                entry = result.setdefault(contact.pk, CompetentContact(contact))
                if reason not in entry.reasons:
                    entry.reasons.append(reason)
    return list(result.values())


def _matches(contact: Contact, condition: Q) -> bool:
    """Whether a loaded contact meets one of the simple AND-conditions built above (no query)."""
    for key, value in condition.children:
        attr = "kreis_id" if key == "kreis" else key
        expected = value.pk if key == "kreis" else value
        if getattr(contact, attr) != expected:
            return False
    return True
