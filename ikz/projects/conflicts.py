"""Two people edited one project: compare their versions field by field, never overwrite silently.

The edit form carries the revision it was loaded from (`base_revision`). When someone else saved
in between, services.project_update refuses (EditConflict) and the view shows the form again with
the user's input, plus the differences computed here:

- fields only one of them changed are merged (core.concurrency.merge) and saved at once;
- a field both changed differently is a conflict: nothing is saved, the form shows the user's
  input (with the colleague's other changes already taken in) and, beside it, the colleague's
  version of each conflicting field, which one button ("take") copies into the form.
"""

from dataclasses import dataclass

from django.http import QueryDict
from wagtail.models import Revision

from ikz.core.params import parse_int
from ikz.core.taxonomy import LegalForm, TaskArea

from .forms import MAX_PARTICIPANTS, municipality_label
from .models import ParticipantRole, Phase, Project

PARTICIPANTS = "participants"
PARTICIPANT_FIELDS = ("municipality", "name", "role", "contact_name", "contact_email", "contact_phone")


@dataclass
class Difference:
    name: str
    label: str
    mine: str
    theirs: str


def revision_of(project: Project, revision_id) -> Revision | None:
    """A revision of this project only (the id comes from the request)."""
    if not isinstance(revision_id, int):
        revision_id = parse_int(revision_id)
    if not revision_id:
        return None
    return Revision.objects.for_instance(project).filter(pk=revision_id).first()


def stored_values(obj: Project, scalar_fields) -> dict:
    """A project version in the shape of the form's cleaned data, for comparison."""
    values = {name: getattr(obj, name) for name in scalar_fields}
    values["task_areas"] = sorted(a.slug for a in obj.task_areas.all())
    values[PARTICIPANTS] = [
        (p.municipality_id, "" if p.municipality_id else p.name, p.role or ParticipantRole.PARTNER,
         p.contact_name, p.contact_email, p.contact_phone)
        for p in obj.participants.all()
    ]  # fmt: skip
    return normalized(values)


def typed_values(cleaned: dict, participants: list[dict], scalar_fields) -> dict:
    values = {name: cleaned.get(name) for name in scalar_fields}
    values["task_areas"] = sorted(cleaned.get("task_areas") or [])
    values[PARTICIPANTS] = [
        (p["municipality"].pk if p["municipality"] else None, p["name"], p["role"],
         p["contact_name"], p["contact_email"], p["contact_phone"])
        for p in participants
    ]  # fmt: skip
    return normalized(values)


def _normal(value):
    # "" and None both mean "not given" (text fields store "", numbers and dates NULL)
    return None if value in ("", []) else value


def normalized(values: dict) -> dict:
    return {name: _normal(value) for name, value in values.items()}


def display(name: str, value) -> str:
    if value in (None, "", []):
        return "(leer)"
    if name == "start_date":
        return value.strftime("%d.%m.%Y")
    if name == "legal_form":
        return str(dict(LegalForm.choices).get(value, value))
    if name == "phase":
        return str(dict(Phase.choices).get(value, value))
    if name == "funding_programme_id":
        from ikz.funding.models import FundingProgrammePage

        title = FundingProgrammePage.objects.filter(pk=value).values_list("title", flat=True).first()
        return title or str(value)
    if name == "task_areas":
        names = dict(TaskArea.objects.filter(slug__in=value).values_list("slug", "name"))
        return ", ".join(names.get(slug, slug) for slug in value)
    if name == PARTICIPANTS:
        from ikz.municipalities.models import Municipality

        munis = Municipality.objects.in_bulk([row[0] for row in value if row[0]])
        lines = []
        for muni_id, other, role, contact, email, phone in value:
            who = munis[muni_id].display_name if muni_id in munis else other
            extra = ", ".join(filter(None, [contact, email, phone]))
            lines.append(f"{who} ({ParticipantRole(role).label})" + (f": {extra}" if extra else ""))
        return "\n".join(lines)
    return str(value)


def differences(conflicts, labels: dict) -> list[Difference]:
    """Rows for the conflict view, in the form's order (`conflicts` from core.concurrency.merge)."""
    by_key = {c.key: c for c in conflicts}
    return [
        Difference(name=name, label=label, mine=display(name, by_key[name].mine),
                   theirs=display(name, by_key[name].theirs))
        for name, label in labels.items() if name in by_key
    ]  # fmt: skip


def _post_value(value) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, list):
        return [str(v) for v in value]
    if hasattr(value, "isoformat"):
        return [value.isoformat()]
    return [str(value)]


def data_with(data: QueryDict, theirs_obj: Project, names, scalar_fields) -> QueryDict:
    """The submitted data with the named fields replaced by the colleague's version (as typed)."""
    data = data.copy()
    theirs = {name: getattr(theirs_obj, name) for name in scalar_fields}
    theirs["task_areas"] = [a.slug for a in theirs_obj.task_areas.all()]
    for name in names:
        if name == PARTICIPANTS:
            for key in [k for k in data if k.startswith(f"{PARTICIPANTS}-")]:
                del data[key]
            rows = list(theirs_obj.participants.all())
            data[f"{PARTICIPANTS}-TOTAL_FORMS"] = str(min(len(rows) + 3, MAX_PARTICIPANTS))
            data[f"{PARTICIPANTS}-INITIAL_FORMS"] = "0"
            for i, p in enumerate(rows):
                prefix = f"{PARTICIPANTS}-{i}-"
                data[prefix + "municipality"] = (
                    municipality_label(p.municipality) if p.municipality_id else ""
                )
                data[prefix + "name"] = "" if p.municipality_id else p.name
                for field in PARTICIPANT_FIELDS[2:]:
                    data[prefix + field] = getattr(p, field) or ""
        elif name in theirs:
            data.setlist(name, _post_value(theirs[name]))
    return data
