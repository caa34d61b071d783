"""Writes of the drafts. Each save that changes something is a new version and an activity entry."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ikz.core.concurrency import Conflict, cas_bump, merge, retries
from ikz.workshop import services as workshop_services
from ikz.workshop.models import Workshop, WorkshopMember

from .drafting import DRAFT_FIELDS, draft_values, generate, snapshot
from .models import Draft, DraftKind, DraftVersion

# Kinds in the Werkstatt's activity list (workshop.Activity.kind is a free CharField; the list
# shows the summary).
ACTIVITY_CREATED = "draft_created"
ACTIVITY_SAVED = "draft_saved"

LABELS = {
    "kind": "Art des Entwurfs",
    "name": "Name",
    "seat": "Sitz",
    "lead_ags": "Übernehmender oder federführender Beteiligter",
    "cost_sharing": "Kostenverteilung",
    "public_notice": "Form der öffentlichen Bekanntmachung",
    "term_years": "Befristung in Jahren",
    "termination": "Kündigung",
    "start": "Beginn",
    "extra": "Weitere Bestimmungen",
}


def _member(workshop: Workshop, user) -> None:
    if not WorkshopMember.objects.filter(workshop=workshop, user=user).exists():
        raise PermissionDenied


def _log(workshop: Workshop, user, kind: str, summary: str) -> None:
    workshop_services._log(workshop, user, kind, summary)


def _version(draft: Draft, user) -> DraftVersion:
    snap = snapshot(draft)
    generated = generate(snap)
    return DraftVersion.objects.create(
        draft=draft,
        number=draft.version,
        author=user,
        snapshot=snap,
        clauses=generated.clauses,
        missing=generated.missing,
    )


@transaction.atomic
def draft_create(*, workshop: Workshop, user, kind: str, **fields) -> Draft:
    """A new draft of the given kind; version 1 is written at once."""
    workshop_services._writable(workshop)
    _member(workshop, user)
    if kind not in DraftKind.values:
        raise ValueError(kind)
    draft = Draft.objects.create(workshop=workshop, kind=kind, created_by=user, updated_by=user, **fields)
    _version(draft, user)
    name = workshop_services._name(user)
    _log(
        workshop,
        user,
        ACTIVITY_CREATED,
        f"{name} hat einen Entwurf angelegt: {draft.get_kind_display()} (Version 1).",
    )
    return draft


@dataclass
class DraftSaveOutcome:
    draft: Draft
    conflicts: list[Conflict] = field(default_factory=list)
    saved: bool = False
    from_others: set[str] = field(default_factory=set)
    version: DraftVersion | None = None


def draft_save(*, draft: Draft, user, base: dict, mine: dict) -> DraftSaveOutcome:
    """Merge one member's edit into the draft (decision 0011); a changed draft is a new version.

    Fields only this person changed are written; fields someone else changed meanwhile are kept;
    a field both changed differently is not written and comes back as a conflict.
    """
    for _attempt in retries():
        with transaction.atomic():
            current = (
                Draft.objects.select_for_update(of=("self",))
                .select_related("workshop", "updated_by")
                .get(pk=draft.pk)
            )
            workshop_services._writable(current.workshop)
            _member(current.workshop, user)
            result = merge(base=base, mine=mine, theirs=draft_values(current))
            if result.conflicts or not result.mine_applied:
                return DraftSaveOutcome(
                    draft=current, conflicts=result.conflicts, from_others=result.theirs_applied
                )
            changes = {name: result.merged[name] for name in result.mine_applied}
            if "term_years" in changes:
                changes["term_years"] = int(changes["term_years"]) if changes["term_years"] else None
            now = timezone.now()
            if not cas_bump(current, updated_by=user, updated_at=now, **changes):
                transaction.set_rollback(True)
                continue
            version = _version(current, user)
            changed = ", ".join(LABELS[name] for name in DRAFT_FIELDS if name in result.mine_applied)
            _log(
                current.workshop,
                user,
                ACTIVITY_SAVED,
                f"{workshop_services._name(user)} hat den Entwurf „{current.get_kind_display()}“ geändert "
                f"({changed}) – Version {version.number}.",
            )
            return DraftSaveOutcome(
                draft=current, saved=True, from_others=result.theirs_applied, version=version
            )
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover


KIND_FOR_LEGAL_FORM = {
    "oerv": DraftKind.OERV_DELEGIEREND,
    "oerv_delegierend": DraftKind.OERV_DELEGIEREND,
    "oerv_mandatierend": DraftKind.OERV_MANDATIEREND,
    "zweckverband": DraftKind.SATZUNG,
    "oer_vertrag": DraftKind.VERTRAG,
}


def suggested_kind(workshop) -> str:
    """The kind that fits the legal form chosen in the Werkstatt: its plan's, else the assistant's answer."""
    from django.http import QueryDict

    plan = getattr(workshop, "plan", None)  # the plan of the Werkstatt, once it has one
    value = getattr(plan, "legal_form", "") if plan is not None else ""
    if not value and workshop.assistant_query:
        value = QueryDict(workshop.assistant_query).get("rechtsform", "")
    return KIND_FOR_LEGAL_FORM.get(value, "")
