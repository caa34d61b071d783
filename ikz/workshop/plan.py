"""The Werkstatt's plan and its checklist runs (issue 15, item 3).

The milestones of a plan follow from the chosen legal form. They are not written here but taken
from the Kooperationsassistent's rules (ikz/assistant/data/regeln.toml, maintained by the
Redaktion): each requirement the assistant names for that form (FORM_REQUIREMENTS) becomes one
milestone with the rule's title, text and citations. Only two steps are added that the rules do
not spell out: the decision of each partner's council (named as an example in issue 15, cited
nowhere, so no paragraph is given) and the start of the cooperation.

Milestones are edited by several members at once and saved like notes (decision 0011): fields only
one side changed are kept, a field both changed differently comes back as a conflict.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import QueryDict
from django.utils import timezone

from ikz.core.concurrency import Conflict, cas_bump, merge, retries
from ikz.municipalities.selectors import WITH_KREIS_LIGHT

from .models import Workshop, WorkshopMember
from .models_plan import Milestone, MilestoneStatus, Plan, WorkshopChecklistRun
from .services import _log, _name, _writable

# Activity kinds of this module (plain values beside models.ActivityKind: the summary says it all).
KIND_PLAN = "plan"
KIND_CHECKLIST = "checklist"

MILESTONE_FIELDS = ("title", "description", "due_date", "owner", "status")
MILESTONE_LABELS = {
    "title": "Meilenstein",
    "description": "Erläuterung",
    "due_date": "Termin",
    "owner": "Verantwortlich",
    "status": "Stand",
}

# Requirements that can only be met after the partners' councils decided (approval, notice, filing).
AFTER_COUNCIL = {"oerv-genehmigung", "zv-genehmigung", "zv-entstehung", "zv-ausserhalb", "priv-anzeige"}


@dataclass
class MilestoneSpec:
    title: str
    description: str = ""
    citations: list[str] = field(default_factory=list)
    rule_key: str = ""


def answers_of(workshop: Workshop):
    """The assistant's answers saved in the Werkstatt; without them, the Werkstatt's own partners."""
    from ikz.assistant.checks import Answers
    from ikz.assistant.views import answers_from_query

    # (the geometry, large JSON, is never shown here)
    partners = list(workshop.partners.select_related("kreis").defer(*WITH_KREIS_LIGHT).order_by("short_name"))
    if not workshop.assistant_query:
        return Answers(partners=partners, bereich=workshop.task_area)
    _form, answers, _errors = answers_from_query(QueryDict(workshop.assistant_query))
    if not answers.partners:
        answers.partners = partners
    return answers


def suggested_form(workshop: Workshop) -> str:
    """The legal form the assistant ranks first for the saved answers ("" without answers)."""
    from ikz.assistant.checks import RuleBook, RuleMissing, rank_forms

    if not workshop.assistant_query:
        return ""
    try:
        ranked = rank_forms(answers_of(workshop), RuleBook(), with_projects=False)
    except RuleMissing:
        return ""
    return next((r.form for r in ranked if not r.excluded), "")


def derive(workshop: Workshop, legal_form: str) -> list[MilestoneSpec]:
    """The milestones that follow from `legal_form`, from the assistant's rules, in order."""
    from ikz.assistant.checks import FORM_REQUIREMENTS, RuleBook, RuleMissing, supervision
    from ikz.assistant.models import Form

    if legal_form not in Form.values:
        raise ValidationError("Bitte wählen Sie eine Rechtsform.", code="legal_form")
    rules = RuleBook()
    answers = answers_of(workshop)
    before, after = [], []
    authority = ""
    if legal_form in (Form.ZWECKVERBAND, Form.GKU):
        try:
            found = supervision(answers, rules)
        except RuleMissing:
            found = None
        if found is not None:
            authority = f" Zuständig nach den Angaben der Werkstatt: {found.authority} ({found.rule.citation_lines[0] if found.rule.citation_lines else ''})."
    for key, forms, applies in FORM_REQUIREMENTS:
        if legal_form not in forms or not applies(answers):
            continue
        try:
            rule = rules[key]
        except RuleMissing:
            continue
        text = rule.text + (authority if key in ("zv-genehmigung",) else "")
        if key == "oerv-genehmigung":
            try:
                note = rules["aufsicht-vereinbarung"]
                text += " " + note.text
            except RuleMissing:
                pass
        spec = MilestoneSpec(title=rule.title, description=text, citations=rule.citation_lines, rule_key=key)
        (after if key in AFTER_COUNCIL else before).append(spec)
    partners = answers.partners or list(workshop.partners.order_by("short_name"))
    councils = [
        MilestoneSpec(
            title=f"Beschluss in {p.display_name}",
            description="Der Rat bzw. Kreistag der Körperschaft beschließt über die Zusammenarbeit und den Entwurf.",
        )
        for p in partners
    ] or [MilestoneSpec(title="Beschluss in jeder beteiligten Körperschaft",
                        description="Der Rat bzw. Kreistag jeder Körperschaft beschließt über die Zusammenarbeit.")]  # fmt: skip
    start = MilestoneSpec(
        title="Start der Zusammenarbeit",
        description="Die Zusammenarbeit beginnt – frühestens, wenn die Schritte davor erledigt sind.",
    )
    return [*before, *councils, *after, start]


def plan_of(workshop: Workshop) -> Plan | None:
    return Plan.objects.filter(workshop=workshop).first()


def _member(workshop: Workshop, user) -> WorkshopMember:
    member = WorkshopMember.objects.filter(workshop=workshop, user=user).first()
    if member is None:
        raise PermissionDenied
    return member


@transaction.atomic
def plan_create(*, workshop: Workshop, user, legal_form: str) -> Plan:
    """Set up the plan with the milestones of `legal_form`; a second call adds the missing ones
    of a changed legal form (and keeps every milestone already there)."""
    _writable(workshop)
    _member(workshop, user)
    from ikz.assistant.models import Form

    specs = derive(workshop, legal_form)
    plan = Plan.objects.select_for_update().filter(workshop=workshop).first()
    existed = plan is not None
    changed = existed and plan.legal_form != legal_form
    if plan is None:
        plan = Plan.objects.create(workshop=workshop, legal_form=legal_form, created_by=user)
    elif changed:
        plan.legal_form = legal_form
        plan.save(update_fields=["legal_form"])
    have = set(plan.milestones.values_list("title", flat=True))
    position = plan.milestones.aggregate(m=Max("position"))["m"] or 0
    added = 0
    for spec in specs:
        if spec.title in have:
            continue
        position += 10
        Milestone.objects.create(
            plan=plan, position=position, title=spec.title[:300], description=spec.description[:4000],
            citations="; ".join(spec.citations)[:500], rule_key=spec.rule_key, created_by=user, updated_by=user,
        )  # fmt: skip
        added += 1
    label = Form(legal_form).label
    if existed and not changed and not added:
        return plan  # the same form again, nothing missing: no change, nothing to log
    if changed:
        summary = f"{_name(user)} hat die Rechtsform des Plans auf „{label}“ geändert ({added} Meilensteine ergänzt)."
    elif existed:
        summary = f"{_name(user)} hat {added} fehlende Meilensteine für „{label}“ ergänzt."
    else:
        summary = f"{_name(user)} hat den Plan für „{label}“ angelegt ({added} Meilensteine)."
    _log(workshop, user, KIND_PLAN, summary)
    return plan


def milestone_values(milestone: Milestone) -> dict:
    return {
        "title": milestone.title,
        "description": milestone.description,
        "due_date": milestone.due_date.isoformat() if milestone.due_date else "",
        "owner": str(milestone.owner_id or ""),
        "status": milestone.status,
    }


def _owner_checked(workshop: Workshop, owner_id: str):
    if owner_id and not WorkshopMember.objects.filter(workshop=workshop, user_id=owner_id).exists():
        raise ValidationError("Verantwortlich kann nur ein Mitglied der Werkstatt sein.", code="owner")


def _to_columns(values: dict) -> dict:
    import datetime

    columns = {}
    for name, value in values.items():
        if name == "due_date":
            columns["due_date"] = datetime.date.fromisoformat(value) if value else None
        elif name == "owner":
            columns["owner_id"] = int(value) if value else None
        else:
            columns[name] = value
    return columns


@transaction.atomic
def milestone_create(*, workshop: Workshop, user, values: dict) -> Milestone:
    _writable(workshop)
    _member(workshop, user)
    _owner_checked(workshop, values.get("owner", ""))
    plan = Plan.objects.select_for_update().filter(workshop=workshop).first()
    if plan is None:
        raise ValidationError("Legen Sie zuerst den Plan an.", code="no_plan")
    position = (plan.milestones.aggregate(m=Max("position"))["m"] or 0) + 10
    milestone = Milestone.objects.create(
        plan=plan, position=position, created_by=user, updated_by=user, **_to_columns(values)
    )
    _log(workshop, user, KIND_PLAN, f"{_name(user)} hat den Meilenstein „{milestone.title}“ hinzugefügt.")
    return milestone


@dataclass
class MilestoneSaveOutcome:
    milestone: Milestone
    conflicts: list[Conflict] = field(default_factory=list)
    saved: bool = False
    from_others: set[str] = field(default_factory=set)


def _describe(changes: dict, milestone: Milestone) -> str:
    parts = []
    for name in MILESTONE_FIELDS:
        if name not in changes:
            continue
        if name == "status":
            parts.append(f"Stand: {MilestoneStatus(changes['status']).label}")
        elif name == "due_date":
            value = changes["due_date"]
            parts.append(f"Termin: {value.strftime('%d.%m.%Y') if value else 'keiner'}")
        elif name == "owner":
            owner = milestone.owner
            parts.append(f"verantwortlich: {_name(owner) if owner else 'niemand'}")
        else:
            parts.append(MILESTONE_LABELS[name])
    return ", ".join(parts)


def milestone_save(*, milestone: Milestone, user, base: dict, mine: dict) -> MilestoneSaveOutcome:
    """Merge one member's edit of a milestone (decision 0011); conflicts are returned, not written."""
    for _attempt in retries():
        with transaction.atomic():
            current = (
                Milestone.objects.select_for_update(of=("self",))
                .select_related("plan__workshop", "updated_by", "owner")
                .get(pk=milestone.pk)
            )
            workshop = current.plan.workshop
            _writable(workshop)
            _member(workshop, user)
            result = merge(base=base, mine=mine, theirs=milestone_values(current))
            if result.conflicts:
                return MilestoneSaveOutcome(current, result.conflicts, from_others=result.theirs_applied)
            if not result.mine_applied:
                return MilestoneSaveOutcome(current, from_others=result.theirs_applied)
            if "owner" in result.mine_applied:
                _owner_checked(workshop, result.merged["owner"])
            changes = _to_columns({name: result.merged[name] for name in result.mine_applied})
            if not cas_bump(current, updated_by=user, updated_at=timezone.now(), **changes):
                transaction.set_rollback(True)
                continue
            shown = {("owner" if k == "owner_id" else k): v for k, v in changes.items()}
            _log(
                workshop,
                user,
                KIND_PLAN,
                f"{_name(user)} hat den Meilenstein „{current.title}“ geändert ({_describe(shown, current)}).",
            )
            return MilestoneSaveOutcome(current, saved=True, from_others=result.theirs_applied)
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover


@transaction.atomic
def milestone_delete(*, milestone: Milestone, user) -> None:
    workshop = milestone.plan.workshop
    _writable(workshop)
    _member(workshop, user)
    title = milestone.title
    milestone.delete()
    _log(workshop, user, KIND_PLAN, f"{_name(user)} hat den Meilenstein „{title}“ entfernt.")


@transaction.atomic
def milestone_move(*, milestone: Milestone, user, direction: str) -> bool:
    """Swap with the neighbour above ("up") or below ("down"); False at the end of the list."""
    workshop = milestone.plan.workshop
    _writable(workshop)
    _member(workshop, user)
    items = list(Milestone.objects.select_for_update().filter(plan=milestone.plan).order_by("position", "pk"))
    index = next(i for i, m in enumerate(items) if m.pk == milestone.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        if item.position != position * 10:
            Milestone.objects.filter(pk=item.pk).update(position=position * 10)
    where = "nach oben" if direction == "up" else "nach unten"
    _log(
        workshop,
        user,
        KIND_PLAN,
        f"{_name(user)} hat den Meilenstein „{milestone.title}“ {where} verschoben.",
    )
    return True


# --- Checklist runs -------------------------------------------------------------------------------


@transaction.atomic
def checklist_start(*, workshop: Workshop, user, checklist, title: str = "") -> WorkshopChecklistRun:
    """A run of a library checklist for the whole Werkstatt (not shared with a Körperschaft)."""
    from ikz.library.services import checklist_run_create

    _writable(workshop)
    _member(workshop, user)
    run = checklist_run_create(checklist=checklist, user=user, title=title or checklist.title)
    link = WorkshopChecklistRun.objects.create(workshop=workshop, run=run, started_by=user)
    _log(workshop, user, KIND_CHECKLIST, f"{_name(user)} hat die Checkliste „{run.title}“ begonnen.")
    return link


def checklist_save(*, link: WorkshopChecklistRun, user, base: dict, mine: dict):
    """Ticks and notes of a Werkstatt run, merged like the library's own runs (decision 0011)."""
    from ikz.library.services import checklist_run_save

    _writable(link.workshop)
    _member(link.workshop, user)
    outcome = checklist_run_save(run=link.run, user=user, base=base, mine=mine, authorized=True)
    changed = {k for k in mine if mine[k] != base.get(k)} - outcome.from_others
    if changed - {c.key for c in outcome.conflicts}:
        done = sum(1 for s in outcome.run.states.all() if s.done)
        total = outcome.run.checklist.steps.count()
        _log(
            link.workshop,
            user,
            KIND_CHECKLIST,
            f"{_name(user)} hat die Checkliste „{outcome.run.title}“ bearbeitet ({done} von {total} erledigt).",
        )
    return outcome
