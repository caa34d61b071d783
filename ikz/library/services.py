"""Writes of the library: checklist runs."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ikz.core.concurrency import Conflict, cas_bump, merge, retries

from .models import ChecklistPage, ChecklistRun, ChecklistStepState
from .selectors import confirmed_municipality_ids, run_can_edit


@transaction.atomic
def checklist_run_create(*, checklist: ChecklistPage, user, title: str = "") -> ChecklistRun:
    if not user.is_authenticated:
        raise PermissionDenied
    return ChecklistRun.objects.create(
        checklist=checklist, owner=user, updated_by=user, title=title.strip()[:200] or checklist.title
    )


def note_clean(value: str) -> str:
    """A note as stored: browsers send CRLF line breaks, the database keeps LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()[:4000]


def run_snapshot(run: ChecklistRun, states: dict | None = None) -> dict[str, Any]:
    """The run as a flat field map for the three-way merge: ``done:<step>`` and ``note:<step>``."""
    snapshot: dict[str, Any] = {}
    if states is None:
        states = {s.step_id: s for s in run.states.all()}
    for step_id in run.checklist.steps.values_list("pk", flat=True):
        state = states.get(step_id)
        snapshot[f"done:{step_id}"] = bool(state and state.done)
        snapshot[f"note:{step_id}"] = note_clean(state.note) if state else ""
    return snapshot


@dataclass
class RunSaveOutcome:
    run: ChecklistRun
    conflicts: list[Conflict] = field(default_factory=list)
    #: keys a colleague changed since the editor's base (now part of the stored state)
    from_others: set[str] = field(default_factory=set)
    #: per conflicting key, who stored the value that conflicts with the editor's
    conflict_authors: dict[str, Any] = field(default_factory=dict)


def checklist_run_save(
    *, run: ChecklistRun, user, base: dict[str, Any], mine: dict[str, Any], authorized: bool = False
) -> RunSaveOutcome:
    """Merge one editor's ticks and notes into the run, keeping every colleague's change.

    ``base`` holds the values the editor's page showed, ``mine`` the values it sends (keys as in
    :func:`run_snapshot`; a step the page did not show is left out of both). Changes to different
    steps or fields are merged; where both changed the same note differently, the stored note
    stays and the conflict is returned for the editor to decide. ``authorized``: the caller has
    checked access itself (a run of a Kooperationswerkstatt, see ikz.workshop.plan).
    """
    if not authorized and not run_can_edit(run=run, user=user):
        raise PermissionDenied
    mine = {k: note_clean(v) if k.startswith("note:") else bool(v) for k, v in mine.items()}
    base = {k: note_clean(v) if k.startswith("note:") else bool(v) for k, v in base.items()}
    for _attempt in retries():
        with transaction.atomic():
            current = ChecklistRun.objects.select_for_update().get(pk=run.pk)
            states = {s.step_id: s for s in current.states.select_related("changed_by")}
            theirs = run_snapshot(current, states)
            mine_known = {k: v for k, v in mine.items() if k in theirs}  # steps deleted meanwhile
            result = merge(base=base, mine=mine_known, theirs=theirs)
            authors = {}
            for conflict in result.conflicts:
                state = states.get(int(conflict.key.partition(":")[2]))
                authors[conflict.key] = state.changed_by if state else None
            if result.mine_applied:
                _write_states(current, user, result.merged, result.mine_applied, states)
                if not cas_bump(current, updated_by=user, updated_at=timezone.now()):
                    transaction.set_rollback(True)
                    continue
            return RunSaveOutcome(
                run=current,
                conflicts=result.conflicts,
                from_others=result.theirs_applied,
                conflict_authors=authors,
            )
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover


def _write_states(run: ChecklistRun, user, merged: dict[str, Any], keys: set[str], states: dict) -> None:
    now = timezone.now()
    for step_id in sorted({int(key.partition(":")[2]) for key in keys}):
        state = states.get(step_id) or ChecklistStepState(run=run, step_id=step_id)
        state.done = merged[f"done:{step_id}"]
        state.note = merged[f"note:{step_id}"]
        state.changed_by = user
        state.changed_at = now
        state.save()


@transaction.atomic
def checklist_run_share(*, run: ChecklistRun, user, municipality_id: int | None) -> ChecklistRun:
    """Share with the colleagues of one of the owner's Körperschaften, or stop sharing (None)."""
    if run.owner_id != user.pk:
        raise PermissionDenied
    if municipality_id is not None and municipality_id not in confirmed_municipality_ids(user):
        raise PermissionDenied
    run.municipality_id = municipality_id
    run.save(update_fields=["municipality", "updated_at"])
    return run
