"""Writes of the library: checklist runs."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import ChecklistPage, ChecklistRun, ChecklistStepState
from .selectors import confirmed_municipality_ids, run_can_edit


@transaction.atomic
def checklist_run_create(*, checklist: ChecklistPage, user, title: str = "") -> ChecklistRun:
    if not user.is_authenticated:
        raise PermissionDenied
    return ChecklistRun.objects.create(
        checklist=checklist, owner=user, updated_by=user, title=title.strip()[:200] or checklist.title
    )


@transaction.atomic
def checklist_run_save(
    *, run: ChecklistRun, user, done_step_ids: set[int], notes: dict[int, str]
) -> ChecklistRun:
    """Store ticks and notes for every step of the checklist (a step not ticked is open)."""
    if not run_can_edit(run=run, user=user):
        raise PermissionDenied
    step_ids = set(run.checklist.steps.values_list("pk", flat=True))
    states = {s.step_id: s for s in run.states.select_for_update()}
    for step_id in step_ids:
        state = states.get(step_id) or ChecklistStepState(run=run, step_id=step_id)
        state.done = step_id in done_step_ids
        state.note = (notes.get(step_id) or "").strip()[:4000]
        state.save()
    run.updated_by = user
    run.save(update_fields=["updated_by", "updated_at"])
    return run


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
